package io.inlet.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.services.Http;
import io.inlet.services.KafkaProcesses;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.OpenSearchSpec;
import io.inlet.services.Ports;
import io.inlet.services.Workspace;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka demo: OpenSearch, a KRaft broker and a Connect worker (with Inlet's plugin and REST
 * extension) as local processes; the connector deployed through Connect's REST API from
 * {@code config-examples/kafka/envelope.json} with only hosts changed.
 */
final class KafkaDemo extends Demo {

    static final String TOPIC = "shop-changes";
    static final String CONNECTOR = "shop";
    static final int PARTITIONS = 4;

    private final int connectPort;
    private OpenSearchNode openSearch;
    private KafkaProcesses kafka;

    private int metricsPort;

    KafkaDemo(PrintStream out, int connectPort) {
        super(out);
        this.connectPort = connectPort;
    }

    @Override
    String mode() {
        return "kafka";
    }

    @Override
    void start() throws Exception {
        Workspace ws = Workspace.detect();
        Ports.requireFree(connectPort, "the Kafka Connect worker");
        Path plugin = ws.root().resolve("connector-kafka/target/plugin");
        if (!Files.isDirectory(plugin.resolve("inlet-kafka-connect"))) {
            throw new IllegalStateException("The Connect plugin is not built (" + plugin + "): run 'mvn -DskipTests package'");
        }
        CompletableFuture<OpenSearchNode> os = CompletableFuture.supplyAsync(() -> OpenSearchNode.start(OpenSearchSpec.v3()));
        kafka = KafkaProcesses.startBroker(ws.work().resolve("stack/kafka"), Ports.free(), "512m");
        Path agent = ws.root().resolve("demo/target/agents/jmx_prometheus_javaagent.jar");
        metricsPort = Ports.free();
        kafka.startWorker(connectPort, plugin, "768m", Map.of("rest.extension.classes", "io.inlet.kafka.rest.InletRestExtension"),
                List.of("-javaagent:" + agent + "=127.0.0.1:" + metricsPort + ":"
                        + ws.root().resolve("config-examples/monitoring/connect-jmx-exporter.yml")));
        openSearch = os.join();
        out.println("  OpenSearch " + openSearch.version() + " at " + openSearch.url() + ", Kafka at " + kafka.bootstrapServers()
                + ", Connect at " + kafka.connectUrl());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
        }
        Path example = ws.root().resolve("config-examples/kafka/envelope.json");
        ObjectNode config = (ObjectNode) JSON.readTree(Files.readString(example));
        config.put("opensearch.hosts", openSearch.url());
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        Http.Response r = Http.plain().put(kafka.connectUrl() + "/connectors/" + CONNECTOR + "/config", config.toString());
        if (!r.ok()) {
            throw new IllegalStateException("Deploying " + example + " failed: " + r.status() + " " + r.body());
        }
        out.println("  deployed connector '" + CONNECTOR + "' from " + ws.root().relativize(example)
                + " (PUT " + kafka.connectUrl() + "/connectors/" + CONNECTOR + "/config)");
    }

    @Override
    OpenSearchNode openSearch() {
        return openSearch;
    }

    @Override
    void produce(DemoStream stream) throws Exception {
        Map<String, Object> p = Map.of("bootstrap.servers", kafka.bootstrapServers(), "linger.ms", 5, "batch.size", 262_144,
                "compression.type", "lz4");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (DemoStream.Message m : stream.messages()) {
                producer.send(new ProducerRecord<>(TOPIC, m.key(), m.value()), (meta, e) -> {
                    if (e == null) {
                        produced(Integer.toString(meta.partition()), java.math.BigInteger.valueOf(meta.offset()));
                    }
                });
            }
            producer.flush();
        }
    }

    @Override
    JsonNode state() throws Exception {
        Http.Response r = Http.plain().get(kafka.connectUrl() + "/inlet/connectors/" + CONNECTOR + "/state");
        return r.ok() ? JSON.readTree(r.body()) : JSON.createObjectNode();
    }

    @Override
    Properties endpoints() {
        Properties p = new Properties();
        p.setProperty("opensearch", openSearch.url());
        p.setProperty("partitions", Integer.toString(PARTITIONS));
        p.setProperty("state", kafka.connectUrl() + "/inlet/connectors/" + CONNECTOR + "/state");
        p.setProperty("pause", kafka.connectUrl() + "/inlet/connectors/" + CONNECTOR + "/_pause");
        p.setProperty("resume", kafka.connectUrl() + "/inlet/connectors/" + CONNECTOR + "/_resume");
        p.setProperty("redrive", kafka.connectUrl() + "/inlet/connectors/" + CONNECTOR + "/dead-letters/_redrive");
        p.setProperty("url.connect", kafka.connectUrl() + "/connectors/" + CONNECTOR + "/status");
        p.setProperty("url.state", kafka.connectUrl() + "/inlet/connectors/" + CONNECTOR + "/state");
        p.setProperty("url.kafka", kafka.bootstrapServers());
        p.setProperty("url.metrics", "http://127.0.0.1:" + metricsPort + "/metrics");
        return p;
    }

    @Override
    public void close() {
        if (kafka != null) {
            kafka.close();
        }
        if (openSearch != null) {
            openSearch.close();
        }
    }
}
