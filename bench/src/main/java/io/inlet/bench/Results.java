package io.inlet.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything one {@code bin/bench pipeline} run measured, for the report and the chart. */
final class Results {

    final long messages;
    final int runs;
    final List<Integer> partitions;
    final String command;
    final Map<String, String> setup = new LinkedHashMap<>();
    final List<Measurement> measurements = new ArrayList<>();
    final Map<Integer, List<BulkLoader.Result>> sweeps = new LinkedHashMap<>();
    final List<RecoveryRun.Result> recoveries = new ArrayList<>();
    final List<KinesisRun.Result> kinesis = new ArrayList<>();
    final List<String> mapper = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    /** Runs finished so far (the report is rewritten after each). */
    int completedRuns;

    /** For reading a saved {@code .json} back (Jackson sets the final fields). */
    private Results() {
        this(0, 0, List.of(), "");
    }

    Results(long messages, int runs, List<Integer> partitions, String command) {
        this.messages = messages;
        this.runs = runs;
        this.partitions = List.copyOf(partitions);
        this.command = command;
    }

    /** True when no Kafka figure was measured (e.g. a run of the Kinesis part alone). */
    boolean kafkaSkipped() {
        return measurements.isEmpty() && recoveries.isEmpty();
    }

    List<Measurement> of(String path, int p) {
        return measurements.stream().filter(m -> m.path().equals(path) && m.partitions() == p).toList();
    }

    Optional<Measurement> of(String path, int p, int run) {
        return measurements.stream().filter(m -> m.path().equals(path) && m.partitions() == p && m.run() == run).findFirst();
    }

    Stats docsPerSecond(String path, int p) {
        return Stats.of(of(path, p).stream().map(Measurement::docsPerSecond).toList());
    }

    /** The ratio of two paths' docs/s within each run (same machine state), over the runs that have both. */
    Stats ratio(String path, String to, int p) {
        List<Double> r = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Optional<Measurement> a = of(path, p, run);
            Optional<Measurement> b = of(to, p, run);
            if (a.isPresent() && b.isPresent()) {
                r.add(a.get().docsPerSecond() / b.get().docsPerSecond());
            }
        }
        return Stats.of(r);
    }
}
