package io.inlet.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@link Results} as the Markdown report {@code bench/results/<date>.md}: each figure as the median
 * and min–max of the runs, ratios taken within a run, the targets of issue 14 marked met or missed, and the
 * command that reproduces the run.
 */
final class Report {

    static final double TARGET_VS_NATIVE = 1.1;
    static final double TARGET_VS_CEILING = 0.8;
    static final double TARGET_HEAP_AFTER_GC_MB = 128;
    static final double TARGET_WORKER_CPU_PER_1000 = 0.012;
    static final double TARGET_GC_SHARE = 0.15;
    static final double TARGET_RECOVERY_S = 10;
    static final double TARGET_MAPPER = 200_000;

    private static final String[] PROCESSES = {"connect", "broker", "opensearch", "bench"};

    private Report() {
    }

    static String title(Results r, String date) {
        if (r.kafkaSkipped()) {
            return String.format(Locale.ROOT, "Inlet benchmark, %s (Kinesis part only, %d run%s)", date, r.completedRuns,
                    r.completedRuns == 1 ? "" : "s");
        }
        return String.format(Locale.ROOT, "Inlet pipeline benchmark, %s (N = %,d, %d run%s)", date, r.messages, r.completedRuns,
                r.completedRuns == 1 ? "" : "s");
    }

    static String render(Results r, String title, String chartFile) {
        return render(r, title, chartFile, null);
    }

    /** With {@code notes}: text written by a person after the run (what limits a figure), shown after the targets. */
    static String render(Results r, String title, String chartFile, String notes) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(title).append("\n\n");
        if (r.kafkaSkipped()) {
            b.append(String.format(Locale.ROOT, "%d run%s; the Kafka parts were skipped. ", r.runs, r.runs == 1 ? "" : "s"));
        } else {
            b.append(String.format(Locale.ROOT, "N = %,d messages per measurement, %d run%s, partitions %s. ", r.messages, r.runs,
                    r.runs == 1 ? "" : "s", r.partitions));
        }
        if (r.completedRuns < r.runs) {
            b.append(String.format(Locale.ROOT, "**Only %d of the %d runs finished** (the figures below are from those). ",
                    r.completedRuns, r.runs));
        }
        b.append("Each figure: median (min–max) over the runs; ratios are taken within each run, then summarised.\n\n");
        b.append("Reproduce:\n\n```\n").append(r.command).append("\n```\n\n");
        if (!r.setup.isEmpty()) {
            b.append("## Setup\n\n");
            r.setup.forEach((k, v) -> b.append("- **").append(k).append("**: ").append(v).append('\n'));
            b.append('\n');
        }
        if (chartFile != null) {
            b.append("![throughput per configuration](").append(chartFile).append(")\n\n");
        }
        targets(b, r);
        if (notes != null && !notes.isBlank()) {
            b.append("## Analysis (written by hand after the run, from the figures below and the profiles named)\n\n")
                    .append(notes.strip()).append("\n\n");
        }
        throughput(b, r);
        cpu(b, r);
        workerThreads(b, r);
        memory(b, r);
        recovery(b, r);
        kinesis(b, r);
        mapper(b, r);
        sweeps(b, r);
        details(b, r);
        if (!r.problems.isEmpty()) {
            b.append("## Problems during the run\n\n");
            r.problems.forEach(p -> b.append("- ").append(p).append('\n'));
            b.append('\n');
        }
        return b.toString();
    }

    private static void targets(StringBuilder b, Results r) {
        b.append("## Targets (issue 14)\n\n| target | measured | |\n|---|---|---|\n");
        for (int p : r.partitions) {
            Stats vsNative = r.ratio("inlet", "native", p);
            if (!vsNative.isEmpty()) {
                row(b, "Kafka path ≥ " + TARGET_VS_NATIVE + " × native, " + p + " partition" + (p == 1 ? "" : "s"),
                        vsNative.format("%.2f") + " ×", vsNative.median() >= TARGET_VS_NATIVE);
            }
            Stats vsCeiling = r.ratio("inlet", "ceiling", p);
            if (!vsCeiling.isEmpty()) {
                row(b, "Kafka path ≥ " + TARGET_VS_CEILING + " × ceiling, " + p + " partition" + (p == 1 ? "" : "s"),
                        vsCeiling.format("%.2f") + " ×", vsCeiling.median() >= TARGET_VS_CEILING);
            }
        }
        int most = r.partitions.stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Measurement> atMost = r.of("inlet", most);
        if (!atMost.isEmpty()) {
            Stats cpu = Stats.of(atMost.stream().map(m -> m.cpuPer1000("connect")).filter(v -> !Double.isNaN(v)).toList());
            if (!cpu.isEmpty()) {
                row(b, "Connect worker ≤ " + TARGET_WORKER_CPU_PER_1000 + " CPU-s per 1,000 messages, " + most + " partitions",
                        cpu.format("%.3f"), cpu.median() <= TARGET_WORKER_CPU_PER_1000);
            }
            Stats gc = Stats.of(atMost.stream().map(Report::gcShare).filter(v -> !Double.isNaN(v)).toList());
            if (!gc.isEmpty()) {
                row(b, "GC ≤ " + (int) (TARGET_GC_SHARE * 100) + "% of the worker's CPU, " + most + " partitions",
                        gc.format("%.2f") + " of it (G1 and GC threads)", gc.median() <= TARGET_GC_SHARE);
            }
        }
        List<Measurement> inlet = r.measurements.stream().filter(m -> m.path().equals("inlet") && m.heap() != null).toList();
        if (!inlet.isEmpty()) {
            double peak = inlet.stream().mapToDouble(m -> m.heap().peakBytes()).max().orElse(-1) / (1 << 20);
            double live = inlet.stream().mapToDouble(m -> m.heap().maxAfterGcBytes()).max().orElse(-1) / (1 << 20);
            int full = inlet.stream().mapToInt(m -> m.heap().fullCollections()).sum();
            boolean oom = inlet.stream().anyMatch(m -> m.heap().outOfMemory())
                    || r.problems.stream().anyMatch(p -> p.contains("OutOfMemoryError") || p.contains("out of heap"));
            row(b, "Connect worker heap after GC ≤ " + (int) TARGET_HEAP_AFTER_GC_MB + " MB, no full GC, no OOM (-Xmx"
                            + BenchStack.WORKER_HEAP + ", the backlog)",
                    String.format(Locale.ROOT, "peak %.0f MB, after GC up to %.0f MB, %d full GC%s%s", peak, live, full, full == 1 ? "" : "s",
                            oom ? ", **OutOfMemoryError**" : ", no OOM"),
                    live <= TARGET_HEAP_AFTER_GC_MB && full == 0 && !oom);
        }
        if (!r.recoveries.isEmpty()) {
            Stats s = Stats.of(r.recoveries.stream().map(RecoveryRun.Result::firstWriteSeconds).toList());
            row(b, "Recovery: first write ≤ " + (int) TARGET_RECOVERY_S + " s after restart", s.format("%.1f") + " s",
                    s.median() <= TARGET_RECOVERY_S);
            Stats batches = Stats.of(r.recoveries.stream().map(x -> x.reappliedByState() / (double) Math.max(1, x.maxBatchSize())
                    / Math.max(1, x.partitions())).toList());
            b.append("| Recovery: re-applied ≤ one batch per partition plus what was in flight | ").append(batches.format("%.2f"))
                    .append(" batches per partition | see the notes |\n");
        }
        if (!r.mapper.isEmpty()) {
            b.append("| Default mapper ≥ 200,000 messages/s per core | see [Mapper](#mapper-micro-benchmark-jmh) | |\n");
        }
        b.append('\n');
    }

    /** The garbage collector's share of the worker's CPU in a measurement (its G1 and GC thread groups); NaN when unknown. */
    static double gcShare(Measurement m) {
        double all = 0;
        double gc = 0;
        for (Map.Entry<String, Double> e : m.workerThreads().entrySet()) {
            all += e.getValue();
            if (e.getKey().startsWith("G#") || e.getKey().startsWith("GC Thread")) {
                gc += e.getValue();
            }
        }
        return all <= 0 ? Double.NaN : gc / all;
    }

    /** One line per partition count: Inlet / ceiling and Inlet / native (median and min–max over the runs), for the console. */
    static List<String> ratioLines(Results r) {
        List<String> lines = new java.util.ArrayList<>();
        for (int p : r.partitions) {
            Stats vsCeiling = r.ratio("inlet", "ceiling", p);
            Stats vsNative = r.ratio("inlet", "native", p);
            lines.add(String.format(Locale.ROOT, "%d partition%s: Inlet / ceiling %s, Inlet / native %s", p, p == 1 ? "" : "s",
                    vsCeiling.isEmpty() ? "not measured" : vsCeiling.format("%.2f"), vsNative.isEmpty() ? "not measured" : vsNative.format("%.2f")));
        }
        return lines;
    }

    private static void row(StringBuilder b, String target, String measured, boolean met) {
        b.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "met" : "**missed**").append(" |\n");
    }

    private static void throughput(StringBuilder b, Results r) {
        b.append("## Throughput\n\n");
        b.append("docs/s from the start (first bulk request; connector deployment; native index creation) until the index has"
                + " indexed all N (counted from its indexing stats, then refreshed and `_count` checked = N), and from the first"
                + " document indexed (start-up excluded).\n\n");
        b.append("| configuration | docs/s | docs/s from first doc | × ceiling | Inlet × native |\n|---|---|---|---|---|\n");
        for (int p : r.partitions) {
            for (String path : List.of("ceiling", "inlet", "native")) {
                List<Measurement> ms = r.of(path, p);
                if (ms.isEmpty()) {
                    continue;
                }
                Stats fromFirst = Stats.of(ms.stream().map(m -> m.docs() / m.secondsFromFirstDoc()).toList());
                b.append("| ").append(name(path)).append(", ").append(p).append(" partition").append(p == 1 ? "" : "s").append(" / shard")
                        .append(p == 1 ? "" : "s").append(" | ").append(r.docsPerSecond(path, p).format("%,.0f")).append(" | ")
                        .append(fromFirst.format("%,.0f")).append(" | ")
                        .append(path.equals("ceiling") ? "1" : r.ratio(path, "ceiling", p).format("%.2f")).append(" | ")
                        .append(path.equals("inlet") ? r.ratio("inlet", "native", p).format("%.2f") : "").append(" |\n");
            }
        }
        b.append('\n');
    }

    private static String name(String path) {
        return switch (path) {
            case "ceiling" -> "Ceiling (tuned `_bulk`)";
            case "inlet" -> "Inlet Kafka Connect sink";
            case "native" -> "OpenSearch pull-based ingestion (ingestion-kafka)";
            default -> path;
        };
    }

    private static void cpu(StringBuilder b, Results r) {
        b.append("## CPU cost\n\nCPU-seconds per 1,000 messages (user + system, from `/proc/<pid>/stat` before and after each"
                + " measurement) of each process. `bench` is the benchmark's own JVM (the ceiling's loader renders and sends"
                + " the NDJSON; for the other paths it only polls the stats). An idle Connect worker still shows a little.\n\n");
        b.append("| configuration | Connect worker | broker | OpenSearch | bench | total |\n|---|---|---|---|---|---|\n");
        for (int p : r.partitions) {
            for (String path : List.of("ceiling", "inlet", "native")) {
                List<Measurement> ms = r.of(path, p);
                if (ms.isEmpty()) {
                    continue;
                }
                b.append("| ").append(path).append(' ').append(p).append('p');
                for (String proc : PROCESSES) {
                    b.append(" | ").append(Stats.of(ms.stream().map(m -> m.cpuPer1000(proc)).toList()).format("%.3f"));
                }
                b.append(" | ").append(Stats.of(ms.stream().map(m -> {
                    double t = 0;
                    for (String proc : PROCESSES) {
                        t += m.cpuPer1000(proc);
                    }
                    return t;
                }).toList()).format("%.3f")).append(" |\n");
            }
        }
        b.append('\n');
    }

    /** Where the Connect worker's CPU went during the Inlet measurements: the thread groups' shares, median over the runs. */
    private static void workerThreads(StringBuilder b, Results r) {
        List<Measurement> inlet = r.measurements.stream().filter(m -> m.path().equals("inlet") && m.workerThreads() != null
                && !m.workerThreads().isEmpty()).toList();
        if (inlet.isEmpty()) {
            return;
        }
        b.append("### Where the Connect worker's CPU goes\n\nCPU seconds per 1,000 messages by thread group of the worker JVM"
                + " (`/proc/<pid>/task/*/stat`, numbers in thread names folded; `task-thread-…` are Connect's task threads, which"
                + " poll the consumer, convert and call `put`; `inlet-writer-di…` Inlet's batch dispatcher, `inlet-writer-se…` its bulk request senders; `I/O dispatcher` the HTTP"
                + " client; `GC Thread`, `G1 …` the garbage collector; `C2/C1 CompilerThre` the JIT), median over the runs.\n\n");
        for (int p : r.partitions) {
            List<Measurement> ms = inlet.stream().filter(m -> m.partitions() == p).toList();
            if (ms.isEmpty()) {
                continue;
            }
            java.util.Map<String, java.util.List<Double>> perGroup = new java.util.TreeMap<>();
            for (Measurement m : ms) {
                m.workerThreads().forEach((g, s) -> perGroup.computeIfAbsent(g, k -> new java.util.ArrayList<>()).add(s * 1000.0 / m.docs()));
            }
            b.append("| inlet ").append(p).append("p: thread group | CPU-s per 1,000 messages |\n|---|---|\n");
            perGroup.entrySet().stream()
                    .sorted((x, y) -> Double.compare(Stats.of(y.getValue()).median(), Stats.of(x.getValue()).median()))
                    .forEach(e -> b.append("| `").append(e.getKey()).append("` | ").append(Stats.of(e.getValue()).format("%.4f")).append(" |\n"));
            b.append('\n');
        }
    }

    private static void memory(StringBuilder b, Results r) {
        List<Measurement> inlet = r.measurements.stream().filter(m -> m.path().equals("inlet")).toList();
        if (inlet.isEmpty()) {
            return;
        }
        b.append("## Memory of the Connect worker (-Xmx").append(BenchStack.WORKER_HEAP).append(")\n\n");
        b.append("Heap from the worker's GC log during each Inlet measurement: the largest heap used when a collection started"
                + " (the peak between collections) and the largest left after one (live data); RSS sampled every 250 ms.\n\n");
        b.append("| configuration | heap peak MB | heap after GC max MB | GCs | full GCs | GC pause ms | RSS max MB | OOM |\n|---|---|---|---|---|---|---|---|\n");
        for (int p : r.partitions) {
            List<Measurement> ms = r.of("inlet", p);
            if (ms.isEmpty()) {
                continue;
            }
            b.append("| inlet ").append(p).append("p | ")
                    .append(Stats.of(ms.stream().map(m -> mb(m.heap() == null ? -1 : m.heap().peakBytes())).toList()).format("%.0f"))
                    .append(" | ")
                    .append(Stats.of(ms.stream().map(m -> mb(m.heap() == null ? -1 : m.heap().maxAfterGcBytes())).toList()).format("%.0f"))
                    .append(" | ")
                    .append(Stats.of(ms.stream().map(m -> m.heap() == null ? Double.NaN : (double) m.heap().collections()).toList()).format("%.0f"))
                    .append(" | ")
                    .append(Stats.of(ms.stream().map(m -> m.heap() == null ? Double.NaN : (double) m.heap().fullCollections()).toList()).format("%.0f"))
                    .append(" | ")
                    .append(Stats.of(ms.stream().map(m -> m.heap() == null ? Double.NaN : m.heap().pauseMillis()).toList()).format("%.0f"))
                    .append(" | ")
                    .append(Stats.of(ms.stream().map(m -> mb(m.usage().get("connect") == null ? -1 : m.usage().get("connect").maxRssBytes())).toList())
                            .format("%.0f"))
                    .append(" | ").append(ms.stream().anyMatch(m -> m.heap() != null && m.heap().outOfMemory()) ? "yes" : "no").append(" |\n");
        }
        b.append('\n');
    }

    private static double mb(long bytes) {
        return bytes < 0 ? Double.NaN : bytes / (double) (1 << 20);
    }

    private static void recovery(StringBuilder b, Results r) {
        if (r.recoveries.isEmpty()) {
            return;
        }
        RecoveryRun.Result first = r.recoveries.get(0);
        b.append("## Recovery (kill -9 of the Connect worker at ~40% of the backlog, restart 1 s later)\n\n");
        b.append(String.format(Locale.ROOT, "%,d messages on a topic of %d partitions, max_batch_size %d. Seconds are from the restart command (a new worker"
                + " JVM on the same port). Re-applied = messages written again that the index already had (refused as version"
                + " conflicts: counted by the restarted tasks' state API, and by the index's failed index operations).%n%n",
                first.messages(), first.partitions(), first.maxBatchSize()));
        b.append("| figure | value |\n|---|---|\n");
        b.append("| worker REST up | ").append(Stats.of(r.recoveries.stream().map(RecoveryRun.Result::workerUpSeconds).toList()).format("%.1f")).append(" s |\n");
        b.append("| first write after restart | ").append(Stats.of(r.recoveries.stream().map(RecoveryRun.Result::firstWriteSeconds).toList()).format("%.1f")).append(" s |\n");
        b.append("| first new document after restart | ").append(Stats.of(r.recoveries.stream().map(RecoveryRun.Result::firstNewDocSeconds).toList()).format("%.1f")).append(" s |\n");
        b.append("| messages re-applied (state API) | ").append(Stats.of(r.recoveries.stream().map(x -> (double) x.reappliedByState()).toList()).format("%,.0f")).append(" |\n");
        b.append("| messages re-applied (index failed ops) | ").append(Stats.of(r.recoveries.stream().map(x -> (double) x.reappliedByIndex()).toList()).format("%,.0f")).append(" |\n");
        b.append("| … in batches per partition | ").append(Stats.of(r.recoveries.stream()
                .map(x -> x.reappliedByState() / (double) x.maxBatchSize() / x.partitions()).toList()).format("%.2f")).append(" |\n");
        b.append("| whole run incl. crash, docs/s | ").append(Stats.of(r.recoveries.stream().map(x -> x.messages() / x.totalSeconds()).toList()).format("%,.0f")).append(" |\n\n");
    }

    private static void kinesis(StringBuilder b, Results r) {
        if (r.kinesis.isEmpty()) {
            return;
        }
        KinesisRun.Result first = r.kinesis.get(0);
        b.append(String.format(Locale.ROOT, "## Kinesis path (kinesis-local, %,d records, %d shards, a fresh stream per run)%n%n",
                first.records(), first.shards()));
        b.append("The raw loop is the emulator's own read ceiling (GetRecords, 1,000 records per call as the worker is set to, one thread per shard, no processing, from its first record to its last)."
                + " The worker's rate is from its first document to its last; its start-up (JVM, KCL lease table and first lease"
                + " sync, which the KCL delays by a random 1–30 s on a new table) is shown apart.\n\n");
        b.append("| figure | value |\n|---|---|\n");
        Stats raw = Stats.of(r.kinesis.stream().map(KinesisRun.Result::rawPerSecond).toList());
        Stats worker = Stats.of(r.kinesis.stream().map(KinesisRun.Result::workerPerSecond).toList());
        b.append("| raw GetRecords loop, records/s | ").append(raw.format("%,.0f")).append(" |\n");
        b.append("| Inlet KCL worker, records/s | ").append(worker.format("%,.0f")).append(" |\n");
        b.append("| worker × raw loop | ").append(Stats.of(r.kinesis.stream().map(k -> k.workerPerSecond() / k.rawPerSecond()).toList()).format("%.2f")).append(" |\n");
        b.append("| worker start-up to first document | ").append(Stats.of(r.kinesis.stream().map(KinesisRun.Result::workerStartupSeconds).toList()).format("%.1f")).append(" s |\n\n");
    }

    private static void mapper(StringBuilder b, Results r) {
        if (r.mapper.isEmpty()) {
            return;
        }
        b.append("## Mapper micro-benchmark (JMH)\n\n");
        r.mapper.forEach(line -> b.append("- ").append(line).append('\n'));
        b.append('\n');
    }

    private static void details(StringBuilder b, Results r) {
        if (r.measurements.isEmpty()) {
            return;
        }
        b.append("## Every measurement\n\n| run | configuration | seconds | from first doc | docs/s | details |\n|---|---|---|---|---|---|\n");
        for (Measurement m : r.measurements) {
            b.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %,.0f | %s |%n", m.run(), m.label(), m.seconds(),
                    m.secondsFromFirstDoc(), m.docsPerSecond(), m.detail().replace("|", "/")));
        }
        b.append('\n');
    }

    private static void sweeps(StringBuilder b, Results r) {
        if (r.sweeps.isEmpty()) {
            return;
        }
        b.append("## Ceiling sweep (run 1)\n\nThe bulk loader's batch size × requests in flight, each on a sample into a fresh index;"
                + " the fastest pair loads the full N in every run.\n\n");
        for (Map.Entry<Integer, List<BulkLoader.Result>> e : r.sweeps.entrySet()) {
            b.append("| ").append(e.getKey()).append(" shard").append(e.getKey() == 1 ? "" : "s").append(": batch × in flight | docs/s |\n|---|---|\n");
            for (BulkLoader.Result t : e.getValue()) {
                b.append(String.format(Locale.ROOT, "| %d × %d | %,.0f |%n", t.batchSize(), t.concurrency(), t.docsPerSecond()));
            }
            b.append('\n');
        }
    }
}
