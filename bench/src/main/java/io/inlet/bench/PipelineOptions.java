package io.inlet.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line of {@code bin/bench pipeline} (and of {@code bin/bench quick}: {@code --quick} and its preset). */
record PipelineOptions(long messages, int runs, List<Integer> partitions, String refreshInterval, String openSearchHeap,
                       long recoveryMessages, long kinesisRecords, int kinesisShards, Set<String> skip, Map<String, String> connectorSettings,
                       Path out, long seed, Path mapperResult, String label, boolean profile, long measurementTimeout,
                       java.time.Instant deadline, int rebalanceDelayMs, boolean quick, Map<Integer, CeilingPair> ceilingPairs,
                       List<CeilingPair> sweepPairs) {

    static final Set<String> PARTS = Set.of("warmup", "sweep", "ceiling", "inlet", "native", "recovery", "kinesis");

    /** The sweep's pairs: batch sizes 1,000, 2,000, 5,000 × 2 and 4 requests in flight. */
    static final List<CeilingPair> SWEEP_PAIRS = List.of(new CeilingPair(1000, 2), new CeilingPair(1000, 4), new CeilingPair(2000, 2),
            new CeilingPair(2000, 4), new CeilingPair(5000, 2), new CeilingPair(5000, 4));
    /** {@code --quick} with no earlier sweep to take the pair from: the two pairs that won the earlier sweeps. */
    static final List<CeilingPair> MINI_SWEEP_PAIRS = List.of(new CeilingPair(5000, 2), new CeilingPair(5000, 4));
    static final long QUICK_MESSAGES = 200_000;

    static final String USAGE = """
            bin/bench pipeline [options]
              --messages N          messages per measurement (default 1000000)
              --runs R              runs; every figure is reported as median and min-max (default 3)
              --partitions 1,4      partition counts (= shard counts of every index in that comparison) (default 1,4)
              --refresh-interval I  refresh_interval of every index (default 30s)
              --opensearch-heap H   OpenSearch heap (default 1g)
              --recovery-messages M messages of the recovery topic (4 partitions or the most given; default min(N, 250000))
              --kinesis-records K   records per Kinesis run (default 6000: the emulator slows down as a stream grows)
              --kinesis-shards S    shards of the Kinesis stream (default 2)
              --skip a,b            leave out parts: warmup, sweep, ceiling, inlet, native, recovery, kinesis
              --set key=value       a connector setting over config-examples/kafka/envelope.json (repeatable)
              --out DIR             where the report goes (default bench/results)
              --label NAME          report file name bench/results/<UTC date>-<NAME>.md (default: the date alone)
              --mapper-result F     a JMH result of bin/bench mapper to include (bin/bench all passes it)
              --seed S              seed of the generated documents (default 7)
              --measurement-timeout S  fail a measurement not done after S seconds (default: none; a 2-minute stall always fails)
              --deadline INSTANT    start no measurement after this time (e.g. 2026-11-25T09:47:00Z); the report says what was left out
              --rebalance-delay-ms D  the broker's group.initial.rebalance.delay.ms (default 3000, Kafka's default; the tests use 0)
              --profile             record the Connect worker with JFR (target/services/bench/connect-<UTC start time>.jfr)
              --ceiling-pair B×C    load the ceiling with batch size B and C requests in flight instead of sweeping: 5000x4
                                    (every partition count) or 1:5000x4,4:2000x4 (per partition count)
              --sweep-pairs LIST    the pairs the sweep tries (default 1000x2,1000x4,2000x2,2000x4,5000x2,5000x4)
              --quick               the preset of bin/bench quick: --messages 200000 --runs 1 --partitions 1,4
                                    --skip recovery,kinesis --label quick --sweep-pairs 5000x2,5000x4, and the ceiling pair
                                    of the newest sweep in --out's results (*.json); options given as well override it""";

    static PipelineOptions parse(String[] args) {
        long messages = 1_000_000;
        int runs = 3;
        List<Integer> partitions = List.of(1, 4);
        String refresh = "30s";
        String heap = "1g";
        long recoveryMessages = -1;
        long kinesisRecords = 6_000;
        int kinesisShards = 2;
        Set<String> skip = new LinkedHashSet<>();
        Map<String, String> settings = new LinkedHashMap<>();
        Path out = Path.of("bench/results");
        long seed = 7;
        Path mapper = null;
        String label = null;
        boolean profile = false;
        long measurementTimeout = 0;
        java.time.Instant deadline = null;
        int rebalanceDelay = 3000;
        Map<Integer, CeilingPair> ceilingPairs = new LinkedHashMap<>();
        List<CeilingPair> sweepPairs = SWEEP_PAIRS;
        boolean quick = List.of(args).contains("--quick");
        if (quick) { // a preset: the options given (wherever they stand) override it, --skip adds to it
            messages = QUICK_MESSAGES;
            runs = 1;
            partitions = List.of(1, 4);
            skip.addAll(List.of("recovery", "kinesis"));
            label = "quick";
            sweepPairs = MINI_SWEEP_PAIRS;
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (a.equals("--profile")) {
                profile = true;
                continue;
            }
            if (a.equals("--quick")) {
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value\n" + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--messages" -> messages = Long.parseLong(v.replace("_", "").replace(",", ""));
                case "--runs" -> runs = Integer.parseInt(v);
                case "--partitions" -> {
                    List<Integer> p = new ArrayList<>();
                    for (String s : v.split(",")) {
                        p.add(Integer.parseInt(s.trim()));
                    }
                    partitions = p;
                }
                case "--refresh-interval" -> refresh = v;
                case "--opensearch-heap" -> heap = v;
                case "--recovery-messages" -> recoveryMessages = Long.parseLong(v.replace("_", "").replace(",", ""));
                case "--kinesis-records" -> kinesisRecords = Long.parseLong(v);
                case "--kinesis-shards" -> kinesisShards = Integer.parseInt(v);
                case "--skip" -> {
                    for (String s : v.split(",")) {
                        if (!PARTS.contains(s.trim())) {
                            throw new IllegalArgumentException("--skip: unknown part '" + s + "'; the parts are " + PARTS);
                        }
                        skip.add(s.trim());
                    }
                }
                case "--set" -> {
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--set needs key=value, not '" + v + "'");
                    }
                    settings.put(v.substring(0, eq), v.substring(eq + 1));
                }
                case "--out" -> out = Path.of(v);
                case "--label" -> label = v;
                case "--mapper-result" -> mapper = Path.of(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--measurement-timeout" -> measurementTimeout = Long.parseLong(v);
                case "--deadline" -> deadline = java.time.Instant.parse(v);
                case "--rebalance-delay-ms" -> rebalanceDelay = Integer.parseInt(v);
                case "--ceiling-pair" -> ceilingPairs = CeilingPair.parsePerPartitions(v);
                case "--sweep-pairs" -> sweepPairs = CeilingPair.parseList(v);
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        if (messages < 1 || runs < 1 || partitions.isEmpty()) {
            throw new IllegalArgumentException("--messages, --runs and --partitions must be positive\n" + USAGE);
        }
        if (recoveryMessages < 0) {
            recoveryMessages = Math.min(messages, 250_000);
        }
        return new PipelineOptions(messages, runs, partitions, refresh, heap, recoveryMessages, kinesisRecords, kinesisShards, skip, settings, out, seed,
                mapper, label, profile, measurementTimeout, deadline, rebalanceDelay, quick, Map.copyOf(ceilingPairs), sweepPairs);
    }

    /** The same options with the ceiling's pairs fixed (quick: those of the last sweep). */
    PipelineOptions withCeilingPairs(Map<Integer, CeilingPair> pairs) {
        return new PipelineOptions(messages, runs, partitions, refreshInterval, openSearchHeap, recoveryMessages, kinesisRecords, kinesisShards,
                skip, connectorSettings, out, seed, mapperResult, label, profile, measurementTimeout, deadline, rebalanceDelayMs, quick,
                Map.copyOf(pairs), sweepPairs);
    }

    /** The fixed ceiling pair for {@code partitions} (from {@code --ceiling-pair}), or null: the sweep decides. */
    CeilingPair ceilingPair(int partitions) {
        return CeilingPair.forPartitions(ceilingPairs, partitions);
    }

    boolean runs(String part) {
        return !skip.contains(part);
    }
}
