package io.inlet.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.services.FaultProxy;
import io.inlet.services.Http;
import io.inlet.services.KafkaProcesses;
import io.inlet.services.Ports;
import io.inlet.services.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka side of a fault run, every part a process of its own: the {@link OpenSearchSide} (OpenSearch 3.x
 * behind a {@link FaultProxy}, the only way the workers reach it), one KRaft broker and two distributed Connect
 * workers with Inlet's plugin. Inlet's connector runs four tasks over the topic's partitions, spread over the
 * two workers, with {@code error_strategy=DROP} and a dead-letter index.
 *
 * <p>Worker settings a user running Connect for a pipeline like this would set: short group sessions, so a
 * dead worker's partitions move in seconds, and {@code scheduled.rebalance.max.delay.ms} short, so Connect
 * does not keep a departed worker's tasks unassigned for its default five minutes. Retries of a failed bulk request
 * wait at most 3 s ({@code retry.backoff.max.ms}; the default is 30 s), so a task finds OpenSearch back within
 * seconds of the end of an outage rather than half a minute.
 */
final class KafkaFaultStack implements FaultStack {

    static final String CONNECTOR = "faults";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WORKERS = 2;
    private static final int TASKS = 4;

    private final OpenSearchSide side;
    private final KafkaProcesses kafka;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final int[] workerPorts = new int[WORKERS];
    private final Path pluginPath;
    private final Map<String, String> workerProps = new LinkedHashMap<>();
    private final String topic;

    private KafkaFaultStack(OpenSearchSide side, KafkaProcesses kafka, Path pluginPath, String topic) {
        this.side = side;
        this.kafka = kafka;
        this.pluginPath = pluginPath;
        this.topic = topic;
        this.admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("linger.ms", "5");
        p.put("batch.size", "262144");
        p.put("acks", "all");
        p.put("enable.idempotence", "true"); // offsets in send order, also when a send is retried
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
        OpenSearchSide side = OpenSearchSide.start(topic);
        KafkaProcesses kafka = KafkaProcesses.startBroker(ws.work().resolve("faults-kafka"), Ports.free(), "512m");
        KafkaFaultStack stack = new KafkaFaultStack(side, kafka, pluginPath, topic);
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

    private void deploy() {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.inlet.kafka.InletSinkConnector");
        c.put("tasks.max", Integer.toString(TASKS));
        c.put("topics", topic);
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        c.put("opensearch.hosts", side.workerUrl());
        c.put("index", side.index());
        c.put("error_strategy", "DROP");
        c.put("dlq.index", side.deadLetterIndex());
        c.put("retry.backoff.max.ms", "3000");
        c.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        try {
            OpenSearchSide.require(Http.plain().put(KafkaProcesses.connectUrl(workerPorts[0]) + "/connectors/" + CONNECTOR + "/config",
                    JSON.writeValueAsString(c)), "deploying the connector");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String source() {
        return "kafka";
    }

    @Override
    public String describe() {
        return "a Kafka broker and two Connect workers (" + TASKS + " tasks); committed offsets of the sink's consumer group";
    }

    @Override
    public List<FaultKind> kinds() {
        return List.of(FaultKind.WORKER_KILL, FaultKind.WORKER_ZOMBIE, FaultKind.OPENSEARCH_KILL, FaultKind.OPENSEARCH_FREEZE,
                FaultKind.NETWORK_CUT, FaultKind.NETWORK_SLOW, FaultKind.NETWORK_RESET, FaultKind.BROKER_RESTART,
                FaultKind.TOO_MANY_REQUESTS, FaultKind.FLOOD_STAGE_BLOCK);
    }

    @Override
    public OpenSearchSide openSearchSide() {
        return side;
    }

    @Override
    public void send(StreamModel.Message m, Landing landed, Consumer<Exception> failed) {
        producer.send(new ProducerRecord<>(topic, m.partition(), m.id().getBytes(StandardCharsets.UTF_8), m.payload()),
                (meta, error) -> {
                    if (error != null) {
                        failed.accept(error);
                    } else {
                        landed.landed(Integer.toString(meta.partition()), BigInteger.valueOf(meta.offset()));
                    }
                });
    }

    @Override
    public void flush() {
        producer.flush();
    }

    /** The sink's committed offsets per partition, as Kafka holds them (readable while no worker runs). */
    @Override
    public Committed committed() {
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
        return Committed.offsets(out);
    }

    // --- the faults -------------------------------------------------------------------------------------------

    @Override
    public void killWorker(int w, Duration down) throws InterruptedException {
        kafka.worker(workerPorts[w]).kill();
        Thread.sleep(down.toMillis());
        startWorker(w);
    }

    @Override
    public void freezeWorker(int w) {
        kafka.worker(workerPorts[w]).freeze();
    }

    @Override
    public void thawWorker(int w) {
        kafka.worker(workerPorts[w]).thaw();
    }

    @Override
    public Duration zombieAfter() {
        return Duration.ofSeconds(10); // past the 6 s group sessions
    }

    @Override
    public int workers() {
        return WORKERS;
    }

    @Override
    public String injectOwn(FaultKind kind, Random random, Duration hold) {
        if (kind != FaultKind.BROKER_RESTART) {
            throw new IllegalArgumentException(kind + " is not a Kafka fault");
        }
        kafka.restartBroker();
        return "controlled stop + start";
    }

    @Override
    public List<Path> workerLogs() {
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
        kafka.close();
        kafka.deleteData();
        side.close();
    }
}
