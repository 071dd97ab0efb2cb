package io.inlet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.services.OpenSearchSpec;
import io.inlet.services.ProcessRegistry;
import io.inlet.services.Workspace;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code bin/bench pipeline}: the whole benchmark of issue 7 on this machine. Starts OpenSearch (with the
 * native ingestion-kafka plugin), a broker and a Connect worker (-Xmx256m) as local processes; pre-loads one
 * topic per partition count with the N envelopes; then, in each run and for each partition count, measures the
 * ceiling (tuned bulk loader), Inlet's Kafka path and the native pull-based ingestion in a rotating order, then
 * a crash and recovery of the worker; then the Kinesis path on kinesis-local. Writes
 * {@code bench/results/<date>.md}, a PNG chart and the raw figures as JSON. Every process it started is
 * stopped at the end, and its topics, indices and the services' data deleted (also on Ctrl-C). It refuses to
 * start when the services work folder lacks the disk it needs ({@link DiskNeed}). {@code --quick} ({@code bin/bench
 * quick}) is a preset: N = 200,000, one run, no recovery and no Kinesis, the ceiling at the pair the last sweep found.
 */
public final class PipelineMain {

    private static final String[] ORDER = {"ceiling", "inlet", "native"};
    private static final String RECOVERY_TOPIC = "bench-recovery";
    private static final String WARMUP_TOPIC = "bench-warmup";
    private int warmUps;
    /**
     * Messages of each warm-up pass: enough for the worker's JIT to finish compiling the hot path (with 20,000 the
     * compiler threads still took 0.0035 CPU-s per 1,000 messages in the measurement that came next).
     */
    private static final long WARMUP_MESSAGES = 100_000;

    private final PipelineOptions o;
    private final PrintStream out;
    private final Results results;
    private final Envelopes envelopes;

    /** Where the fixed ceiling pairs came from (for the report), or null when the sweep decides. */
    private final String ceilingPairSource;

    private PipelineMain(PipelineOptions o, String command, PrintStream out, String ceilingPairSource) {
        this.o = o;
        this.out = out;
        this.results = new Results(o.messages(), o.runs(), o.partitions(), command);
        this.envelopes = new Envelopes(o.seed());
        this.ceilingPairSource = ceilingPairSource;
    }

    public static void main(String[] args) {
        PipelineOptions o;
        try {
            o = PipelineOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String command = System.getProperty("inlet.bench.command", "bin/bench pipeline " + String.join(" ", args)).trim();
        int code = 0;
        try {
            Path work = Workspace.detect().work();
            DiskNeed need = DiskNeed.of(o, WARMUP_MESSAGES);
            try {
                need.requireOn(work);
            } catch (IllegalStateException e) {
                System.err.println(e.getMessage());
                System.exit(3);
                return;
            }
            System.out.println("Disk: needs about " + need + " in " + work + "; enough is free.");
            String pairSource = null;
            if (!o.ceilingPairs().isEmpty()) {
                pairSource = "--ceiling-pair " + o.ceilingPairs();
            } else if (o.quick() && o.runs("ceiling")) {
                Optional<LastSweep.Found> last = LastSweep.find(o.out());
                if (last.isPresent()) {
                    o = o.withCeilingPairs(last.get().pairs());
                    pairSource = "the newest sweep in " + o.out() + ", " + last.get().file().getFileName() + " " + last.get().pairs();
                } else {
                    System.out.println("No earlier sweep in " + o.out() + ": the ceiling sweeps " + o.sweepPairs() + " only.");
                }
            }
            if (pairSource != null) {
                System.out.println("Ceiling pairs from " + pairSource);
            }
            new PipelineMain(o, command, System.out, pairSource).run();
        } catch (Exception e) {
            System.err.println("error: " + e);
            e.printStackTrace();
            code = 1;
        } finally {
            ProcessRegistry.get().stopAll();
        }
        System.exit(code);
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        ProgressWatch.maxSeconds = o.measurementTimeout();
        describeSetup(started);
        results.setup.put("Disk", "needs about " + DiskNeed.of(o, WARMUP_MESSAGES) + "; checked free before starting; topics,"
                + " indices and the services' data are deleted at the end");
        readMapper();
        try (BenchStack stack = BenchStack.start(o.openSearchHeap(), o.profile(), o.rebalanceDelayMs())) {
            results.setup.put("OpenSearch", OpenSearchSpec.V3 + " (integ-test-zip, heap " + o.openSearchHeap()
                    + ", JDK from Jdks.forOpenSearch), ingestion-kafka " + OpenSearchSpec.V3 + " installed as a plugin; one node for all paths");
            results.setup.put("Connect worker", "-Xmx" + BenchStack.WORKER_HEAP + ", properties " + stack.workerProps());
            results.setup.put("Broker", "KRaft, heap 1g, group.initial.rebalance.delay.ms " + o.rebalanceDelayMs());
            results.setup.put("Connector", new InletKafkaRun(stack, null, null, o.connectorSettings()).config("<topic>", "<index>")
                    .toString());
            out.printf(Locale.ROOT, "Stack up: OpenSearch %s (pid %d), Kafka %s, Connect %s%n", stack.openSearch().url(),
                    stack.pids().get("opensearch"), stack.kafka().bootstrapServers(), stack.connectUrl());
            TopicLoader loader = new TopicLoader(stack.kafka().bootstrapServers());
            if (o.runs("ceiling") || o.runs("inlet") || o.runs("native")) {
                for (int p : o.partitions()) {
                    double s = loader.load(topic(p), p, o.messages(), envelopes);
                    out.printf(Locale.ROOT, "Loaded topic %s: %,d messages in %.1f s%n", topic(p), o.messages(), s);
                }
            }
            if (o.runs("recovery")) {
                int p = Collections.max(o.partitions());
                double s = loader.load(RECOVERY_TOPIC, p, o.recoveryMessages(), envelopes);
                out.printf(Locale.ROOT, "Loaded topic %s: %,d messages in %.1f s%n", RECOVERY_TOPIC, o.recoveryMessages(), s);
            }
            if (o.runs("warmup") && (o.runs("inlet") || o.runs("native"))) {
                warmUp(stack, loader);
            }
            for (int run = 1; run <= o.runs(); run++) {
                out.printf(Locale.ROOT, "%n== Run %d of %d ==%n", run, o.runs());
                for (int p : o.partitions()) {
                    kafkaComparison(stack, run, p);
                }
                if (o.runs("recovery")) {
                    recovery(stack, run);
                    if (run < o.runs() && o.runs("warmup") && o.runs("inlet")) {
                        // the recovery killed and restarted the Connect worker: warm the new JVM as the first one was
                        warmUpInlet(stack, Collections.max(o.partitions()), "after recovery " + run);
                    }
                }
                results.completedRuns = run;
                write(started, false); // after every run: a run cut short still leaves the runs it finished
            }
            if (o.runs("kinesis")) {
                kinesis(stack);
            }
        }
        write(started, true);
    }

    /**
     * One unmeasured pass of Inlet and of the native ingestion over a small topic, so that neither pays for its
     * JIT warm-up in run 1 (OpenSearch's own indexing path is warmed by the ceiling's sweep).
     */
    private void warmUp(BenchStack stack, TopicLoader loader) throws Exception {
        int p = Collections.max(o.partitions());
        loader.load(WARMUP_TOPIC, p, WARMUP_MESSAGES, envelopes);
        if (o.runs("inlet")) {
            warmUpInlet(stack, p, "");
        }
        if (o.runs("native")) {
            Indices indices = new Indices(stack.openSearch().url(), p, o.refreshInterval());
            try {
                Measurement m = new NativeKafkaRun(stack, indices, new ProgressWatch(indices, out))
                        .run(WARMUP_TOPIC, "bench-warmup-native", p, 0, WARMUP_MESSAGES);
                out.printf(Locale.ROOT, "Warm-up (not measured): native %,.0f docs/s%n", m.docsPerSecond());
            } catch (Exception e) {
                results.problems.add("warm-up: native: " + e);
                out.println("  FAILED warm-up: native: " + e);
            }
        }
    }

    /** One unmeasured pass of Inlet over the warm-up topic, under a connector (and consumer group) of its own. */
    private void warmUpInlet(BenchStack stack, int p, String when) {
        Indices indices = new Indices(stack.openSearch().url(), p, o.refreshInterval());
        String name = "bench-warmup-inlet" + (when.isEmpty() ? "" : "-" + (++warmUps));
        try {
            Measurement m = new InletKafkaRun(stack, indices, new ProgressWatch(indices, out), o.connectorSettings())
                    .run(name, WARMUP_TOPIC, "bench-warmup-inlet", p, 0, WARMUP_MESSAGES);
            out.printf(Locale.ROOT, "Warm-up (not measured%s): inlet %,.0f docs/s%n", when.isEmpty() ? "" : ", " + when,
                    m.docsPerSecond());
        } catch (Exception e) {
            results.problems.add("warm-up" + (when.isEmpty() ? "" : " " + when) + ": inlet: " + e);
            out.println("  FAILED warm-up: inlet: " + e);
            removeConnectors(stack);
            stack.restartWorker();
        }
    }

    private static String topic(int partitions) {
        return "bench-p" + partitions;
    }

    private void kafkaComparison(BenchStack stack, int run, int p) throws InterruptedException {
        Indices indices = new Indices(stack.openSearch().url(), p, o.refreshInterval());
        ProgressWatch watch = new ProgressWatch(indices, out);
        BulkLoader loader = new BulkLoader(stack.openSearch().url(), envelopes);
        BulkLoader.Result best = bestBulk(indices, loader, p, run);
        List<String> order = new ArrayList<>(List.of(ORDER));
        Collections.rotate(order, -(run - 1));
        for (String path : order) {
            if (!o.runs(path)) {
                continue;
            }
            if (pastDeadline(run + ", " + path + " " + p + "p")) {
                continue;
            }
            String index = "bench-" + path + "-p" + p + "-r" + run;
            try {
                Measurement m = switch (path) {
                    case "ceiling" -> new CeilingRun(stack, indices, loader).run(index, p, run, o.messages(), best.batchSize(), best.concurrency());
                    case "inlet" -> new InletKafkaRun(stack, indices, watch, o.connectorSettings())
                            .run("bench-inlet-p" + p + "-r" + run, topic(p), index, p, run, o.messages());
                    default -> new NativeKafkaRun(stack, indices, watch).run(topic(p), index, p, run, o.messages());
                };
                results.measurements.add(m);
                out.printf(Locale.ROOT, "  run %d %-8s %dp: %,9.0f docs/s (%,.0f from the first doc; %.1f s)  cpu/1k: connect %.3f"
                                + " broker %.3f opensearch %.3f bench %.3f%s%n", run, path, p, m.docsPerSecond(), m.docs() / m.secondsFromFirstDoc(),
                        m.seconds(), m.cpuPer1000("connect"), m.cpuPer1000("broker"), m.cpuPer1000("opensearch"), m.cpuPer1000("bench"),
                        m.heap() == null ? "" : String.format(Locale.ROOT, "  heap peak %d MB, %d GCs", m.heap().peakBytes() >> 20,
                                m.heap().collections()));
            } catch (Exception e) {
                String problem = "run " + run + ", " + path + " " + p + "p: " + e;
                results.problems.add(problem);
                out.println("  FAILED " + problem);
                indices.delete(index);
                if (path.equals("inlet")) {
                    removeConnectors(stack);
                    stack.restartWorker();
                }
            }
            Thread.sleep(2_000);
        }
    }

    /**
     * In run 1, the sweep picks the bulk loader's batch size and concurrency per shard count; later runs reuse it.
     * With a fixed pair ({@code --ceiling-pair}, or quick's from the last sweep) there is no sweep: run 1 warms the
     * ceiling up with one unmeasured load instead.
     */
    private BulkLoader.Result bestBulk(Indices indices, BulkLoader loader, int p, int run) {
        CeilingPair fixed = o.ceilingPair(p);
        if (fixed != null) {
            if (run == 1 && o.runs("ceiling") && o.runs("warmup")) {
                try {
                    new CeilingSweep(loader, indices, out, List.of(fixed)).warmUp("bench-ceiling-p" + p, sweepSample(), fixed);
                } catch (Exception e) {
                    results.problems.add("ceiling warm-up " + p + "p: " + e);
                }
            }
            return new BulkLoader.Result(0, 1, fixed.batchSize(), fixed.concurrency());
        }
        List<BulkLoader.Result> sweep = results.sweeps.get(p);
        if (sweep == null && run == 1 && o.runs("sweep") && o.runs("ceiling")) {
            long sample = sweepSample();
            out.printf(Locale.ROOT, "  ceiling sweep, %d shard%s, %,d documents per pair:%n", p, p == 1 ? "" : "s", sample);
            try {
                sweep = new CeilingSweep(loader, indices, out, o.sweepPairs()).sweep("bench-sweep-p" + p, sample);
                results.sweeps.put(p, sweep);
            } catch (Exception e) {
                results.problems.add("ceiling sweep " + p + "p: " + e);
            }
        }
        return sweep == null || sweep.isEmpty() ? new BulkLoader.Result(0, 1, 1000, 2) : sweep.get(0);
    }

    private long sweepSample() {
        return Math.max(10_000, Math.min(50_000, o.messages() / 10));
    }

    private void recovery(BenchStack stack, int run) {
        if (pastDeadline(run + ", recovery")) {
            return;
        }
        int p = Collections.max(o.partitions());
        Indices indices = new Indices(stack.openSearch().url(), p, o.refreshInterval());
        ProgressWatch watch = new ProgressWatch(indices, out);
        InletKafkaRun inlet = new InletKafkaRun(stack, indices, watch, o.connectorSettings());
        try {
            results.recoveries.add(new RecoveryRun(stack, indices, inlet, watch, out)
                    .run("bench-recovery-r" + run, RECOVERY_TOPIC, "bench-recovery-r" + run, p, run, o.recoveryMessages()));
        } catch (Exception e) {
            results.problems.add("recovery run " + run + ": " + e);
            out.println("  FAILED recovery run " + run + ": " + e);
            removeConnectors(stack);
            stack.restartWorker();
        }
    }

    /** True (and noted in the report) when {@code --deadline} has passed: the measurement is left out. */
    private boolean pastDeadline(String what) {
        if (o.deadline() != null && Instant.now().isAfter(o.deadline())) {
            results.problems.add("run " + what + ": not started, past --deadline " + o.deadline());
            return true;
        }
        return false;
    }

    /** Deletes every connector (after a failed measurement, so the next one starts on a clean worker). */
    private static void removeConnectors(BenchStack stack) {
        io.inlet.services.Http http = io.inlet.services.Http.plain();
        try {
            for (JsonNode name : Indices.read(http.get(stack.connectUrl() + "/connectors").body())) {
                http.delete(stack.connectUrl() + "/connectors/" + name.asText());
            }
        } catch (RuntimeException e) {
            // the worker is restarted next anyway
        }
    }

    private void kinesis(BenchStack stack) {
        Indices indices = new Indices(stack.openSearch().url(), o.kinesisShards(), o.refreshInterval());
        ProgressWatch watch = new ProgressWatch(indices, out);
        out.printf(Locale.ROOT, "%n== Kinesis: %,d records over %d shards per run ==%n", o.kinesisRecords(), o.kinesisShards());
        try (KinesisRun k = new KinesisRun(stack.openSearch(), indices, watch, envelopes, out)) {
            k.startEmulators();
            for (int run = 1; run <= o.runs(); run++) {
                try {
                    results.kinesis.add(k.run(run, o.kinesisRecords(), o.kinesisShards()));
                } catch (Exception e) {
                    results.problems.add("kinesis run " + run + ": " + e);
                    out.println("  FAILED kinesis run " + run + ": " + e);
                }
            }
        } catch (RuntimeException e) {
            results.problems.add("kinesis: " + e);
            out.println("  FAILED kinesis: " + e);
        }
    }

    private void describeSetup(Instant started) throws Exception {
        results.setup.put("Started", started.toString());
        results.setup.put("Machine", Runtime.getRuntime().availableProcessors() + " cores, " + memTotal() + ", load average at start "
                + Files.readString(Path.of("/proc/loadavg")).trim() + " (shared with other work: compare ratios, not absolutes)");
        results.setup.put("Benchmark JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        results.setup.put("Code measured", gitDescribe());
        long bytes = 0;
        for (int i = 0; i < 1000; i++) {
            bytes += envelopes.envelope(i).length;
        }
        results.setup.put("Messages", String.format(Locale.ROOT, "order envelopes {\"_id\",\"_version\",\"_op_type\":\"index\",\"_source\":{…}},"
                + " %d bytes on average (seed %d), one per id, keyed by id, uncompressed", bytes / 1000, o.seed()));
        results.setup.put("Every index", "shards = partitions, 0 replicas, refresh_interval " + o.refreshInterval()
                + ", the same explicit mapping (Envelopes.MAPPING); the native one adds index.replication.type SEGMENT");
        if (o.quick()) {
            results.setup.put("Mode", "quick preset (bin/bench quick, pipeline --quick), with the options given; compare its ratios, not its absolutes");
        }
        if (ceilingPairSource != null) {
            results.setup.put("Ceiling pair", "fixed, no sweep: " + ceilingPairSource + " (batch size x requests in flight; 0 = every"
                    + " partition count)");
        }
        results.setup.put("Order within a run", "rotated per run (run 1: ceiling, inlet, native; run 2: inlet, native, ceiling; …)");
        results.setup.put("Warm-up", o.runs("warmup") ? "one unmeasured pass of Inlet and of the native ingestion over "
                + WARMUP_MESSAGES + " messages before run 1 (JIT), and of Inlet again after each recovery (it restarts the"
                + " Connect worker, a cold JVM); the ceiling's sweep warms OpenSearch"
                + (o.ceilingPairs().isEmpty() ? "" : " (with a fixed pair, no sweep: one unmeasured load of " + sweepSample()
                        + " documents at that pair before the first ceiling)") : "none (--skip warmup)");
    }

    /** The commit the built connector and worker came from (and whether the working tree had changes). */
    private static String gitDescribe() {
        try {
            Process p = new ProcessBuilder("git", "log", "-1", "--format=%h %cI %s").redirectErrorStream(true).start();
            String head = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            Process d = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").redirectErrorStream(true).start();
            boolean dirty = !new String(d.getInputStream().readAllBytes()).isBlank();
            d.waitFor();
            return "commit " + head + (dirty ? " (with uncommitted changes)" : "");
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String memTotal() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return String.format(Locale.ROOT, "%.0f GiB RAM", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0);
            }
        }
        return "? RAM";
    }

    private void readMapper() throws Exception {
        if (o.mapperResult() == null) {
            return;
        }
        JsonNode jmh = new ObjectMapper().readTree(o.mapperResult().toFile());
        for (JsonNode r : jmh) {
            results.mapper.add(Summary.line(r) + " (" + o.mapperResult().getFileName() + ")");
            double score = r.path("primaryMetric").path("score").asDouble();
            if (r.path("benchmark").asText().endsWith("defaultMapper")) {
                results.mapper.add(String.format(Locale.ROOT, "target ≥ %,.0f messages/s per core: %s", Report.TARGET_MAPPER,
                        score >= Report.TARGET_MAPPER ? "met" : "**missed**"));
            }
        }
    }

    private String base;

    private void write(Instant started, boolean last) throws Exception {
        Files.createDirectories(o.out());
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC).format(started);
        if (base == null) {
            base = o.label() == null ? date : date + "-" + o.label();
            if (Files.exists(o.out().resolve(base + ".md"))) {
                base = base + "-" + DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC).format(started);
            }
        }
        String title = Report.title(results, date);
        Path png = o.out().resolve(base + ".png");
        String chart = null;
        if (!results.measurements.isEmpty()) {
            Chart.write(results, title, png);
            chart = png.getFileName().toString();
        }
        Path md = o.out().resolve(base + ".md");
        Files.writeString(md, Report.render(results, title, chart));
        Files.writeString(o.out().resolve(base + ".json"), ReportMain.JSON.writeValueAsString(results));
        if (last) {
            out.println();
            out.println(Report.render(results, title, chart));
            out.println("Ratios (within the run; targets: Inlet ≥ " + Report.TARGET_VS_CEILING + " × ceiling, ≥ " + Report.TARGET_VS_NATIVE
                    + " × native):");
            Report.ratioLines(results).forEach(line -> out.println("  " + line));
        }
        out.println("Report " + (last ? "" : "so far ") + md + (chart == null ? "" : ", chart " + png));
    }
}
