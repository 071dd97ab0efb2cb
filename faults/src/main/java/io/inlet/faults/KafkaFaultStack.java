package io.inlet.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.services.FaultProxy;
import io.inlet.services.Http;
import io.inlet.services.KafkaProcesses;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.OpenSearchSpec;
import io.inlet.services.Ports;
import io.inlet.services.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka side of a fault run, every part a process of its own: OpenSearch 3.x, a {@link FaultProxy} in
 * front of it (the only way the workers reach OpenSearch), one KRaft broker and two distributed Connect
 * workers with Inlet's plugin. Inlet's connector runs four tasks over the topic's partitions, spread over the
 * two workers, with {@code error_strategy=DROP} and a dead-letter index.
 *
 * <p>Worker settings a user running Connect for a pipeline like this would set: short group sessions, so a
 * dead worker's partitions move in seconds, and {@code scheduled.rebalance.max.delay.ms} short, so Connect
 * does not keep a departed worker's tasks unassigned for its default five minutes.
 */
final class KafkaFaultStack implements AutoCloseable {

    static final String CONNECTOR = "faults";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WORKERS = 2;
    private static final int TASKS = 4;

    private final OpenSearchNode openSearch;
    private final FaultProxy proxy;
    private final KafkaProcesses kafka;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final int[] workerPorts = new int[WORKERS];
    private final Path pluginPath;
    private final Map<String, String> workerProps = new LinkedHashMap<>();
    private final String topic;
    private final String index;

    private KafkaFaultStack(OpenSearchNode openSearch, FaultProxy proxy, KafkaProcesses kafka, Path pluginPath, String topic, String index) {
        this.openSearch = openSearch;
        this.proxy = proxy;
        this.kafka = kafka;
        this.pluginPath = pluginPath;
        this.topic = topic;
        this.index = index;
        this.admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("linger.ms", "5");
        p.put("batch.size", "262144");
        p.put("acks", "all");
        p.put("delivery.timeout.ms", "300000"); // a send outlives a broker restart
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Starts everything, creates the topic and the index, and deploys the connector. */
    static KafkaFaultStack start(int partitions, String topic) {
        Workspace ws = Workspace.detect();
        Path pluginPath = ws.root().resolve("connector-kafka/target/plugin");
        if (!pluginPath.resolve("inlet-kafka-connect/lib").toFile().isDirectory()) {
            throw new IllegalStateException("The Connect plugin folder " + pluginPath + " is missing: run 'mvn package' first");
        }
        OpenSearchNode node = OpenSearchNode.start(OpenSearchSpec.v3());
        FaultProxy proxy = FaultProxy.start("opensearch", "127.0.0.1", node.port());
        KafkaProcesses kafka = KafkaProcesses.startBroker(ws.work().resolve("faults-kafka"), Ports.free(), "512m");
        KafkaFaultStack stack = new KafkaFaultStack(node, proxy, kafka, pluginPath, topic, topic);
        stack.workerProps.put("rest.extension.classes", "io.inlet.kafka.rest.InletRestExtension");
        stack.workerProps.put("plugin.discovery", "service_load");
        stack.workerProps.put("session.timeout.ms", "6000");
        stack.workerProps.put("heartbeat.interval.ms", "1000");
        stack.workerProps.put("scheduled.rebalance.max.delay.ms", "6000");
        stack.workerProps.put("consumer.session.timeout.ms", "6000");
        stack.workerProps.put("consumer.heartbeat.interval.ms", "1000");
        stack.workerProps.put("offset.flush.interval.ms", "60000");
        for (int w = 0; w < WORKERS; w++) {
            stack.workerPorts[w] = Ports.free();
            stack.startWorker(w);
        }
        stack.createTopic(partitions);
        stack.createIndex();
        stack.deploy();
        return stack;
    }

    private void startWorker(int w) {
        kafka.startWorker(workerPorts[w], pluginPath, "512m", workerProps);
    }

    private void createTopic(int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Couldn't create the topic " + topic + ": " + e, e);
        }
    }

    private void createIndex() {
        Http.Response r = openSearch.client().put(openSearch.url() + "/" + index,
                "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0,\"index.gc_deletes\":\"1h\"},\"mappings\":"
                        + StreamModel.MAPPING + "}");
        require(r, "creating the index " + index);
    }

    private void deploy() {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.inlet.kafka.InletSinkConnector");
        c.put("tasks.max", Integer.toString(TASKS));
        c.put("topics", topic);
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        c.put("opensearch.hosts", "http://127.0.0.1:" + proxy.port());
        c.put("index", index);
        c.put("error_strategy", "DROP");
        c.put("dlq.index", deadLetterIndex());
        c.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        try {
            require(Http.plain().put(KafkaProcesses.connectUrl(workerPorts[0]) + "/connectors/" + CONNECTOR + "/config",
                    JSON.writeValueAsString(c)), "deploying the connector");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String index() {
        return index;
    }

    String deadLetterIndex() {
        return index + "-dead-letters";
    }

    OpenSearchNode openSearch() {
        return openSearch;
    }

    /** Sends one message to its partition; {@code landed} gets its offset once the broker has it. */
    void send(StreamModel.Message m, LongConsumer landed, Consumer<Exception> failed) {
        producer.send(new ProducerRecord<>(topic, m.partition(), m.id().getBytes(StandardCharsets.UTF_8), m.payload()),
                (meta, error) -> {
                    if (error != null) {
                        failed.accept(error);
                    } else {
                        landed.accept(meta.offset());
                    }
                });
    }

    void flush() {
        producer.flush();
    }

    /** The sink's committed offsets per partition, as Kafka holds them (readable while no worker runs). */
    Map<Integer, Long> committed() {
        Map<Integer, Long> out = new HashMap<>();
        try {
            admin.listConsumerGroupOffsets("connect-" + CONNECTOR).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .forEach((tp, o) -> {
                        if (o != null) {
                            out.put(tp.partition(), o.offset());
                        }
                    });
        } catch (Exception e) {
            throw new IllegalStateException("Couldn't read the committed offsets: " + e, e);
        }
        return out;
    }

    // --- the faults -------------------------------------------------------------------------------------------

    void killWorker(int w, Duration down) throws InterruptedException {
        kafka.worker(workerPorts[w]).kill();
        Thread.sleep(down.toMillis());
        startWorker(w);
    }

    void freezeWorker(int w) {
        kafka.worker(workerPorts[w]).freeze();
    }

    void thawWorker(int w) {
        kafka.worker(workerPorts[w]).thaw();
    }

    int workers() {
        return WORKERS;
    }

    void killOpenSearch(Duration down) throws InterruptedException {
        openSearch.kill();
        Thread.sleep(down.toMillis());
        openSearch.restart();
    }

    void freezeOpenSearch(Duration held) throws InterruptedException {
        openSearch.freeze();
        try {
            Thread.sleep(held.toMillis());
        } finally {
            openSearch.thaw();
        }
    }

    void network(FaultProxy.Mode mode, Duration held) throws InterruptedException {
        proxy.mode(mode);
        try {
            Thread.sleep(held.toMillis());
        } finally {
            proxy.mode(FaultProxy.Mode.PASS);
        }
    }

    void latency(Duration latency, Duration held) throws InterruptedException {
        proxy.latency(latency);
        network(FaultProxy.Mode.LATENCY, held);
    }

    void restartBroker() {
        kafka.restartBroker();
    }

    /** {@code index.blocks.read_only_allow_delete}, as OpenSearch sets it at the disk flood stage, set and lifted live. */
    void floodStageBlock(Duration held) throws InterruptedException {
        require(openSearch.client().put(openSearch.url() + "/" + index + "/_settings",
                "{\"index.blocks.read_only_allow_delete\":true}"), "setting the flood-stage block");
        try {
            Thread.sleep(held.toMillis());
        } finally {
            require(openSearch.client().put(openSearch.url() + "/" + index + "/_settings",
                    "{\"index.blocks.read_only_allow_delete\":null}"), "lifting the flood-stage block");
        }
    }

    FaultProxy proxy() {
        return proxy;
    }

    /** Worker log files, for a failure's context. */
    List<Path> workerLogs() {
        return java.util.Arrays.stream(workerPorts).mapToObj(p -> kafka.worker(p).log()).toList();
    }

    /** Deletes the connector, the topic and the indices, then stops every process and deletes their data. */
    @Override
    public void close() {
        for (int p : workerPorts) {
            if (p != 0) {
                Http.plain().delete(KafkaProcesses.connectUrl(p) + "/connectors/" + CONNECTOR);
            }
        }
        producer.close(Duration.ofSeconds(10));
        try {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the broker's data is deleted below anyway
        }
        admin.close(Duration.ofSeconds(10));
        if (openSearch.isRunning()) {
            openSearch.client().delete(openSearch.url() + "/" + index + "," + deadLetterIndex());
        }
        kafka.close();
        kafka.deleteData();
        proxy.close();
        openSearch.close();
    }

    private static void require(Http.Response r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException(what + " failed: " + r.status() + " " + r.body());
        }
    }
}
