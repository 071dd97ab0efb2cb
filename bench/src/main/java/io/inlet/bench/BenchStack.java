package io.inlet.bench;

import io.inlet.services.Http;
import io.inlet.services.KafkaProcesses;
import io.inlet.services.NativeIngestionPlugin;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.OpenSearchSpec;
import io.inlet.services.Ports;
import io.inlet.services.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * The Kafka side of the benchmark as separate processes on this machine: OpenSearch 3.x with the native
 * {@code ingestion-kafka} plugin installed (one node serves the ceiling, Inlet and the native ingestion),
 * a KRaft broker, and a Connect worker with Inlet's plugin at {@code -Xmx256m} writing a GC log. The worker
 * can be killed with SIGKILL and started again on the same port (recovery). Closing it deletes the benchmark's
 * topics and indices, stops the processes and deletes the broker's and OpenSearch's data folders; a shutdown hook
 * stops and deletes the same on Ctrl-C.
 */
final class BenchStack implements AutoCloseable {

    static final String WORKER_HEAP = "256m";

    private final Workspace ws;
    private final Path dir;
    private final Path pluginPath;
    private final OpenSearchNode openSearch;
    private final KafkaProcesses kafka;
    private final int workerPort;
    private final Map<String, String> workerProps;
    private final Path gcLogs;
    private final long openSearchPid;

    private BenchStack(Workspace ws, Path dir, Path pluginPath, OpenSearchNode openSearch, KafkaProcesses kafka, int workerPort,
                       Map<String, String> workerProps, Path gcLogs) {
        this.ws = ws;
        this.dir = dir;
        this.pluginPath = pluginPath;
        this.openSearch = openSearch;
        this.kafka = kafka;
        this.workerPort = workerPort;
        this.workerProps = workerProps;
        this.gcLogs = gcLogs;
        this.openSearchPid = jvmPid(openSearch);
    }

    private boolean profile;
    private boolean closed;
    private final Thread cleanUpAtExit = new Thread(this::stopAndDeleteData, "inlet-bench-clean-up");

    static BenchStack start(String openSearchHeap, boolean profile, int rebalanceDelayMs) throws Exception {
        Workspace ws = Workspace.detect();
        Path dir = ws.work().resolve("bench");
        Files.createDirectories(dir);
        Path pluginPath = ws.root().resolve("connector-kafka/target/plugin");
        if (!Files.isDirectory(pluginPath.resolve("inlet-kafka-connect/lib"))) {
            throw new IllegalStateException("The Connect plugin is not built (" + pluginPath + "): run bin/bench (it builds)"
                    + " or 'mvn -DskipTests package'");
        }
        Path nativePlugin = NativeIngestionPlugin.KAFKA.prepare(dir.resolve("plugins"));
        OpenSearchSpec spec = OpenSearchSpec.v3().heap(openSearchHeap).withPlugin(nativePlugin);
        CompletableFuture<OpenSearchNode> os = CompletableFuture.supplyAsync(() -> OpenSearchNode.start(spec));
        KafkaProcesses kafka = null;
        try {
            // by default Kafka's own initial rebalance delay (3 s; the test fixture sets 0): the tasks of a new connector
            // join its consumer group within it and get their partitions in one assignment, as in production
            kafka = startBroker(dir.resolve("kafka"), rebalanceDelayMs);
            Map<String, String> props = new LinkedHashMap<>();
            props.put("rest.extension.classes", "io.inlet.kafka.rest.InletRestExtension");
            props.put("plugin.discovery", "service_load");
            // a killed worker and its sink consumers leave their groups when their sessions expire: keep that short
            // (6 s is the broker's least). The consumers' a few seconds longer than the worker's: restarted after a
            // crash, the tasks then join their group before it empties and get their partitions once the killed
            // consumers expire, without the broker's initial rebalance delay that an empty group waits (3 s, twice
            // when several tasks join), as the README's troubleshooting section recommends
            props.put("session.timeout.ms", "6000");
            props.put("heartbeat.interval.ms", "1000");
            props.put("consumer.session.timeout.ms", "9000");
            props.put("consumer.heartbeat.interval.ms", "1000");
            int port = Ports.free();
            Path gcLog = kafka.broker().log().getParent();
            BenchStack stack = new BenchStack(ws, dir, pluginPath, os.join(), kafka, port, props, gcLog);
            Runtime.getRuntime().addShutdownHook(stack.cleanUpAtExit);
            stack.profile = profile;
            stack.startWorker();
            return stack;
        } catch (Exception | Error e) {
            if (kafka != null) {
                kafka.close();
            }
            deleteQuietly(dir.resolve("kafka/data"));
            os.thenAccept(OpenSearchNode::close);
            throw e;
        }
    }

    /**
     * The broker on a free port. A port just found free can be taken by another process before the broker binds it
     * (OpenSearch is starting meanwhile): then another port, a few times.
     */
    private static KafkaProcesses startBroker(Path dir, int rebalanceDelayMs) {
        Map<String, String> props = Map.of("group.initial.rebalance.delay.ms", Integer.toString(rebalanceDelayMs));
        for (int attempt = 1; ; attempt++) {
            int port = Ports.free();
            if (!Ports.inUse(port) || attempt == 5) {
                return KafkaProcesses.startBroker(dir, port, "1g", props);
            }
            System.out.println("Port " + port + " was taken before the broker could bind it: trying another");
        }
    }

    /** Starts (or starts again, after a kill) the Connect worker on its port; its GC log is appended to. */
    void startWorker() {
        List<String> jvm = new java.util.ArrayList<>(List.of("-Xlog:gc:file=" + gcLogs.resolve("connect-gc-%p.log") + "::filecount=0"));
        if (profile) {
            // named by the start time: JDK 17 takes "%p" in this file name literally
            String started = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .format(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
            jvm.add("-XX:StartFlightRecording=filename=" + dir.resolve("connect-" + started + ".jfr")
                    + ",settings=profile,dumponexit=true");
        }
        kafka.startWorker(workerPort, pluginPath, WORKER_HEAP, workerProps, jvm);
    }

    /** A fresh worker JVM (after a failed measurement: an OutOfMemoryError may have left it unusable). */
    void restartWorker() {
        kafka.worker().kill();
        startWorker();
    }

    /** SIGKILL to the Connect worker JVM, as a crash would. */
    void killWorker() {
        kafka.worker().kill();
    }

    OpenSearchNode openSearch() {
        return openSearch;
    }

    KafkaProcesses kafka() {
        return kafka;
    }

    String connectUrl() {
        return kafka.connectUrl();
    }

    Map<String, String> workerProps() {
        return workerProps;
    }

    /** The GC log of the running worker JVM (one file per JVM: a restart starts a new one). */
    GcLog gcLog() {
        return new GcLog(gcLogs.resolve("connect-gc-" + kafka.worker().pid() + ".log"));
    }

    Path workerLog() {
        return kafka.worker().log();
    }

    /** The processes whose CPU and memory the report shows, by name (the worker's pid changes after a restart). */
    Map<String, Long> pids() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("connect", kafka.worker().pid());
        m.put("broker", kafka.broker().pid());
        m.put("opensearch", openSearchPid);
        m.put("bench", ProcessHandle.current().pid());
        return m;
    }

    /** The pid of OpenSearch's JVM (the node's own answer; the process started is a wrapper when running as root). */
    private static long jvmPid(OpenSearchNode node) {
        Http.Response r = node.client().get(node.url() + "/_nodes/_local/process");
        var nodes = Indices.read(r.body()).path("nodes");
        var it = nodes.elements();
        if (!r.ok() || !it.hasNext()) {
            throw new IllegalStateException("Couldn't read OpenSearch's pid: " + r.status() + " " + r.body());
        }
        return it.next().path("process").path("id").asLong();
    }

    /** Deletes the benchmark's topics and indices, stops every process and deletes the broker's and OpenSearch's data. */
    @Override
    public void close() {
        try {
            deleteTopicsAndIndices();
        } finally {
            stopAndDeleteData();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanUpAtExit);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs (and finds everything done)
            }
        }
    }

    /** The topics ({@code bench-*}) and indices ({@code bench-*}) the benchmark made, deleted while the services still run. */
    private void deleteTopicsAndIndices() {
        try {
            Indices indices = new Indices(openSearch.url(), 1, "1s");
            for (String index : indices.names("bench-*")) {
                indices.delete(index);
            }
        } catch (RuntimeException e) {
            System.err.println("Couldn't delete the benchmark's indices (their data folder is deleted next): " + e);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(t -> t.startsWith("bench-")).toList();
            if (!topics.isEmpty()) {
                admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            System.err.println("Couldn't delete the benchmark's topics (the broker's data folder is deleted next): " + e);
        }
    }

    /** Stops the processes, then deletes the broker's data folder and OpenSearch's (once; also from the shutdown hook). */
    private synchronized void stopAndDeleteData() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            kafka.close();
        } finally {
            try {
                openSearch.close(); // stops the node and deletes its data folder
            } finally {
                deleteQuietly(dir.resolve("kafka/data"));
            }
        }
    }

    private static void deleteQuietly(Path tree) {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(tree)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Couldn't delete " + tree + " (delete it by hand to free the disk): " + e);
        }
    }

    /** For the Kinesis part: the work folder. */
    Workspace workspace() {
        return ws;
    }

    static Duration timeoutFor(long docs) {
        return Duration.ofSeconds(Math.max(300, docs / 1_000));
    }
}
