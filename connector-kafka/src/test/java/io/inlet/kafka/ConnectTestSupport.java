package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.services.EmbeddedKafkaConnect;
import io.inlet.services.Http;
import io.inlet.services.OpenSearchNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Deploying the connector through Connect's REST API, producing to Kafka and waiting, for the integration tests. */
final class ConnectTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("\"_id\":\"([^\"]+)\"");

    private ConnectTestSupport() {
    }

    /** The connector config a user would write, for this OpenSearch node and topic. */
    static Map<String, String> config(OpenSearchNode node, String topic, String index) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", InletSinkConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("topics", topic);
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        c.put("opensearch.hosts", node.url());
        c.put("index", index);
        c.put("state.publish.interval.ms", "500");
        return c;
    }

    static void deploy(EmbeddedKafkaConnect kc, String name, Map<String, String> config) throws Exception {
        Http.Response r = Http.plain().put(kc.connectUrl() + "/connectors/" + name + "/config", JSON.writeValueAsString(config));
        assertTrue(r.ok(), r.status() + " " + r.body());
    }

    static void delete(EmbeddedKafkaConnect kc, String name) {
        Http.plain().delete(kc.connectUrl() + "/connectors/" + name);
    }

    static JsonNode status(EmbeddedKafkaConnect kc, String name) throws Exception {
        Http.Response r = Http.plain().get(kc.connectUrl() + "/connectors/" + name + "/status");
        return r.ok() ? JSON.readTree(r.body()) : JSON.createObjectNode();
    }

    /** Committed offsets per partition, as Connect's offsets API reports them. */
    static Map<Integer, Long> committedOffsets(EmbeddedKafkaConnect kc, String name) throws Exception {
        Map<Integer, Long> out = new HashMap<>();
        Http.Response r = Http.plain().get(kc.connectUrl() + "/connectors/" + name + "/offsets");
        if (!r.ok()) {
            return out;
        }
        for (JsonNode o : JSON.readTree(r.body()).path("offsets")) {
            out.put(o.path("partition").path("kafka_partition").asInt(), o.path("offset").path("kafka_offset").asLong());
        }
        return out;
    }

    /** Produces the payloads in order, keyed by their {@code _id} (so one id stays in one partition). */
    static void produce(String bootstrap, String topic, List<byte[]> payloads) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("linger.ms", "5");
        p.put("batch.size", "262144");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] v : payloads) {
                Matcher m = ID.matcher(new String(v, StandardCharsets.UTF_8));
                byte[] key = m.find() ? m.group(1).getBytes(StandardCharsets.UTF_8) : null;
                producer.send(new ProducerRecord<>(topic, key, v));
            }
            producer.flush();
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
