package io.inlet.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A KRaft Kafka broker (combined broker + controller) and a distributed Kafka Connect worker, each in
 * its own JVM, as the demo and the benchmark run them: {@code kafka.Kafka} after
 * {@code StorageTool format}, and {@code ConnectDistributed} with {@code plugin.path} at the built
 * Inlet plugin. The classpath is the one Maven resolved for the services module.
 */
public final class KafkaProcesses implements AutoCloseable {

    private final Path dir;
    private final int brokerPort;
    private final String brokerHeap;
    private LocalProcess broker;
    private final Map<Integer, LocalProcess> workers = new LinkedHashMap<>();
    private LocalProcess worker;
    private int connectPort;

    private KafkaProcesses(Path dir, int brokerPort, String brokerHeap, LocalProcess broker) {
        this.dir = dir;
        this.brokerPort = brokerPort;
        this.brokerHeap = brokerHeap;
        this.broker = broker;
    }

    /** Starts the broker and waits until it accepts connections. */
    public static KafkaProcesses startBroker(Path dir, int port, String heap) {
        return startBroker(dir, port, heap, Map.of());
    }

    /**
     * As {@link #startBroker(Path, int, String)}, with broker properties that replace or add to the test
     * defaults (e.g. {@code group.initial.rebalance.delay.ms} back at Kafka's default for the benchmark).
     */
    public static KafkaProcesses startBroker(Path dir, int port, String heap, Map<String, String> extra) {
        Ports.requireFree(port, "the Kafka broker");
        int controller = Ports.free();
        try {
            Trees.delete(dir);
            Files.createDirectories(dir.resolve("logs"));
            Path props = dir.resolve("server.properties");
            Map<String, String> p = new LinkedHashMap<>();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + controller);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("log.dirs", dir.resolve("data").toString());
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "1");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("num.partitions", "1");
            p.putAll(extra);
            writeProperties(props, p);
            List<String> format = java(heap, "kafka.tools.StorageTool", "format", "--cluster-id=" + randomClusterId(),
                    "--config", props.toString(), "--ignore-formatted");
            LocalProcess fmt = LocalProcess.start("kafka-storage-format", format, dir, Map.of(), dir.resolve("logs/format.log"));
            int rc = fmt.waitFor(Duration.ofSeconds(120));
            if (rc != 0) {
                throw new ServiceStartException("Formatting the Kafka log folder failed (exit " + rc + "). Last lines of "
                        + fmt.log() + ":\n" + fmt.tail(20));
            }
            return new KafkaProcesses(dir, port, heap, launchBroker(dir, port, heap));
        } catch (IOException e) {
            throw new UncheckedIOException("Couldn't set up the Kafka broker under " + dir, e);
        }
    }

    private static LocalProcess launchBroker(Path dir, int port, String heap) {
        LocalProcess broker = LocalProcess.start("kafka broker on port " + port,
                java(heap, "kafka.Kafka", dir.resolve("server.properties").toString()), dir,
                Map.of("LOG_DIR", dir.resolve("logs").toString()), dir.resolve("logs/broker.log"));
        broker.awaitReady(() -> Ports.inUse(port), Duration.ofSeconds(120));
        return broker;
    }

    /**
     * Stops the broker (SIGTERM, a controlled shutdown) and starts it again on the same port with the same
     * log folder, as a rolling restart of a one-broker cluster would; returns once it accepts connections.
     */
    public synchronized void restartBroker() {
        broker.stop(Duration.ofSeconds(60));
        Await.until("the Kafka broker's port " + brokerPort + " to be released", Duration.ofSeconds(30),
                () -> !Ports.inUse(brokerPort));
        broker = launchBroker(dir, brokerPort, brokerHeap);
    }

    /**
     * Starts a distributed Connect worker against this broker, loading plugins from {@code pluginPath},
     * with extra worker properties (e.g. {@code rest.extension.classes}).
     */
    public synchronized void startWorker(int port, Path pluginPath, String heap, Map<String, String> extra) {
        startWorker(port, pluginPath, heap, extra, List.of());
    }

    /**
     * As {@link #startWorker(int, Path, String, Map)}, with extra JVM options for the worker (e.g. GC
     * logging or a JFR recording for the benchmark), placed before the main class.
     */
    public synchronized void startWorker(int port, Path pluginPath, String heap, Map<String, String> extra,
                                         List<String> jvmOptions) {
        startWorker(port, pluginPath, heap, extra, jvmOptions, Http.plain());
    }

    /**
     * As {@link #startWorker(int, Path, String, Map, List)}, for a worker whose REST API wants credentials: {@code rest}
     * carries them, and the worker is up once {@code GET /connectors} answers it with 200.
     */
    public synchronized void startWorker(int port, Path pluginPath, String heap, Map<String, String> extra,
                                         List<String> jvmOptions, Http rest) {
        Ports.requireFree(port, "the Kafka Connect worker");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", bootstrapServers());
        p.put("group.id", "inlet-connect");
        p.put("listeners", "http://127.0.0.1:" + port);
        p.put("rest.advertised.host.name", "127.0.0.1");
        p.put("rest.advertised.port", Integer.toString(port));
        p.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        p.put("config.storage.topic", "inlet-connect-configs");
        p.put("offset.storage.topic", "inlet-connect-offsets");
        p.put("status.storage.topic", "inlet-connect-status");
        p.put("config.storage.replication.factor", "1");
        p.put("offset.storage.replication.factor", "1");
        p.put("status.storage.replication.factor", "1");
        p.put("offset.storage.partitions", "1");
        p.put("status.storage.partitions", "1");
        p.put("offset.flush.interval.ms", "1000");
        p.put("plugin.path", pluginPath.toString());
        p.put("plugin.discovery", "hybrid_warn");
        p.putAll(extra);
        try {
            Path props = dir.resolve("connect-" + port + ".properties");
            writeProperties(props, p);
            worker = LocalProcess.start("kafka connect worker on port " + port,
                    java(heap, jvmOptions, "org.apache.kafka.connect.cli.ConnectDistributed", props.toString()), dir,
                    Map.of(), dir.resolve("logs/connect-" + port + ".log"));
            workers.put(port, worker);
            connectPort = port;
            worker.awaitReady(() -> rest.get(connectUrl() + "/connectors").ok(), Duration.ofSeconds(180));
        } catch (IOException e) {
            throw new UncheckedIOException("Couldn't write the Connect worker config under " + dir, e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** The REST URL of the worker started last. */
    public String connectUrl() {
        return connectUrl(connectPort);
    }

    public synchronized LocalProcess broker() {
        return broker;
    }

    /** The worker started last. */
    public LocalProcess worker() {
        return worker;
    }

    /** The worker last started on {@code port} (it may have exited or been killed since). */
    public synchronized LocalProcess worker(int port) {
        LocalProcess w = workers.get(port);
        if (w == null) {
            throw new IllegalArgumentException("No Connect worker was started on port " + port + "; started: " + workers.keySet());
        }
        return w;
    }

    /** The REST URL of the worker on {@code port}. */
    public static String connectUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public synchronized void close() {
        workers.values().stream().filter(LocalProcess::isAlive).forEach(w -> w.stop(Duration.ofSeconds(30)));
        broker.stop(Duration.ofSeconds(30));
    }

    /** Deletes the broker's log folder (its data); the process logs stay. Call it once everything is stopped. */
    public void deleteData() {
        try {
            Trees.delete(dir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("Couldn't delete the Kafka data under " + dir, e);
        }
    }

    private static List<String> java(String heap, String mainClass, String... args) {
        return java(heap, List.of(), mainClass, args);
    }

    private static List<String> java(String heap, List<String> jvmOptions, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xms" + heap);
        cmd.add("-Xmx" + heap);
        cmd.addAll(jvmOptions);
        cmd.add("-Dlog4j2.configurationFile=" + Workspace.detect().root().resolve("services/src/main/resources/log4j2-process.xml"));
        cmd.add("-cp");
        cmd.add(kafkaClasspath());
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The classpath Maven wrote for the services module (Kafka broker, Connect runtime, logging). */
    static String kafkaClasspath() {
        Path f = Workspace.detect().root().resolve("services/target/kafka.classpath");
        try {
            return Files.readString(f).trim();
        } catch (IOException e) {
            throw new ServiceStartException("Missing " + f + ": run 'mvn -pl services package' at the project root first", e);
        }
    }

    private static String randomClusterId() {
        UUID u = UUID.randomUUID();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
        b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    private static void writeProperties(Path file, Map<String, String> p) throws IOException {
        StringBuilder sb = new StringBuilder("# written by the Inlet services fixture\n");
        p.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, sb);
    }
}
