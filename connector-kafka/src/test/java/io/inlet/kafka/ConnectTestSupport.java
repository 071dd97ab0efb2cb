package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.services.Await;
import io.inlet.services.EmbeddedKafkaConnect;
import io.inlet.services.Http;
import io.inlet.services.OpenSearchNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Deploying the connector through Connect's REST API, producing to Kafka and waiting, for the integration tests. */
final class ConnectTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("\"_id\":\"([^\"]+)\"");

    private ConnectTestSupport() {
    }

    /**
     * The settings of a Connect worker in a JVM of its own that a test kills: Inlet's REST extension, and short
     * sessions, so that a killed worker and its sink consumer leave their groups soon.
     */
    static Map<String, String> killableWorker() {
        Map<String, String> worker = new java.util.LinkedHashMap<>();
        worker.put("rest.extension.classes", io.inlet.kafka.rest.InletRestExtension.class.getName());
        worker.put("plugin.discovery", "service_load");
        worker.put("session.timeout.ms", "6000");
        worker.put("heartbeat.interval.ms", "1000");
        worker.put("consumer.session.timeout.ms", "6000");
        worker.put("consumer.heartbeat.interval.ms", "1000");
        return worker;
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
        deploy(kc.connectUrl(), name, config);
    }

    /** Deploys through the REST API of the worker at {@code connectUrl} (in-process or a separate JVM). */
    static void deploy(String connectUrl, String name, Map<String, String> config) throws Exception {
        deploy(Http.plain(), connectUrl, name, config);
    }

    /** As {@link #deploy(String, String, Map)}, with a client that carries the worker's REST credentials. */
    static void deploy(Http http, String connectUrl, String name, Map<String, String> config) throws Exception {
        Http.Response r = http.put(connectUrl + "/connectors/" + name + "/config", JSON.writeValueAsString(config));
        assertTrue(r.ok(), r.status() + " " + r.body());
    }

    static void delete(EmbeddedKafkaConnect kc, String name) {
        Http.plain().delete(kc.connectUrl() + "/connectors/" + name);
    }

    static JsonNode status(EmbeddedKafkaConnect kc, String name) throws Exception {
        return status(kc.connectUrl(), name);
    }

    static JsonNode status(String connectUrl, String name) throws Exception {
        return status(Http.plain(), connectUrl, name);
    }

    /** Connect's status of the connector, asked with {@code http} (which may carry the worker's REST credentials). */
    static JsonNode status(Http http, String connectUrl, String name) throws Exception {
        Http.Response r = http.get(connectUrl + "/connectors/" + name + "/status");
        return r.ok() ? JSON.readTree(r.body()) : JSON.createObjectNode();
    }

    /** Inlet's state API on the worker at {@code connectUrl}: {@code GET /inlet/connectors/{name}/state}. */
    static JsonNode state(String connectUrl, String name) throws Exception {
        return state(Http.plain(), connectUrl, name);
    }

    /** As {@link #state(String, String)}, asked with {@code http} (which may carry the worker's REST credentials). */
    static JsonNode state(Http http, String connectUrl, String name) throws Exception {
        Http.Response r = http.get(connectUrl + "/inlet/connectors/" + name + "/state");
        assertTrue(r.ok(), r.status() + " " + r.body());
        return JSON.readTree(r.body());
    }

    /**
     * Waits until the state API lists {@code partitions} partitions, each committed up to its latest
     * pointer, and returns that state; the failure names the last state seen.
     */
    static JsonNode awaitCaughtUp(String connectUrl, String name, int partitions, Duration timeout) {
        return awaitCaughtUp(Http.plain(), connectUrl, name, partitions, timeout);
    }

    /** As {@link #awaitCaughtUp(String, String, int, Duration)}, asking with {@code http}. */
    static JsonNode awaitCaughtUp(Http http, String connectUrl, String name, int partitions, Duration timeout) {
        AtomicReference<Object> last = new AtomicReference<>();
        Await.quietly("the state API to show " + partitions + " partitions caught up", timeout, () -> "last state: " + last.get(),
                () -> {
                    try {
                        JsonNode st = state(http, connectUrl, name);
                        last.set(st);
                        return caughtUp(st, partitions);
                    } catch (Exception | AssertionError e) {
                        last.set(e.toString());
                        return false;
                    }
                });
        return (JsonNode) last.get();
    }

    private static boolean caughtUp(JsonNode state, int partitions) {
        if (state.path("partitions").size() != partitions) {
            return false;
        }
        for (JsonNode p : state.path("partitions")) {
            if (!p.path("committed_pointer").asText("-").equals(p.path("latest_pointer").asText("+"))) {
                return false;
            }
        }
        return true;
    }

    /** The sum of a counter over the partitions of a state API answer. */
    static long total(JsonNode state, String counter) {
        long n = 0;
        for (JsonNode p : state.path("partitions")) {
            n += p.path("counters").path(counter).asLong();
        }
        return n;
    }

    /**
     * Committed offsets per partition of the sink's consumer group ({@code connect-<name>}), as Kafka
     * itself holds them (read with an Admin client, so it works while no worker runs).
     */
    static Map<Integer, Long> groupOffsets(Admin admin, String name) throws Exception {
        Map<Integer, Long> out = new HashMap<>();
        admin.listConsumerGroupOffsets("connect-" + name).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .forEach((tp, o) -> {
                    if (o != null) {
                        out.put(tp.partition(), o.offset());
                    }
                });
        return out;
    }

    static long sum(Map<Integer, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    static void createTopic(Admin admin, String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
    }

    /** Every record of the topic, from the beginning to the end offsets as they are now. */
    static List<ConsumerRecord<byte[], byte[]>> readTopic(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("max.poll.records", "5000");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Couldn't read " + topic + " to its end offsets " + end + " within 2 minutes");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
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

    /** A record as Kafka stored it: where it landed and its timestamp. */
    record Sent(byte[] key, byte[] value, int partition, long offset, long timestamp) {
        String text() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    /** Produces the records in order and returns where each one landed (offset, timestamp), in the same order. */
    static List<Sent> send(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("linger.ms", "0");
        List<Sent> sent = new ArrayList<>(records.size());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            for (ProducerRecord<byte[], byte[]> r : records) {
                acks.add(producer.send(r));
            }
            producer.flush();
            for (int i = 0; i < records.size(); i++) {
                RecordMetadata m = acks.get(i).get();
                sent.add(new Sent(records.get(i).key(), records.get(i).value(), m.partition(), m.offset(), m.timestamp()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Couldn't produce: " + e.getCause(), e.getCause());
        }
        return sent;
    }

    /** A record for {@link #send}: UTF-8 text key (or null) and value (or null, a tombstone), to a given partition (or null). */
    static ProducerRecord<byte[], byte[]> record(String topic, Integer partition, String key, String value) {
        return new ProducerRecord<>(topic, partition, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a topic from the beginning until {@code count} records arrived (or the timeout passed). */
    static List<ConsumerRecord<byte[], byte[]>> consume(String bootstrap, String topic, int count, Duration timeout) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "inlet-test-reader-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    /** {@code PUT /connector-plugins/.../config/validate}: Connect's per-field report for a config. */
    static JsonNode validate(EmbeddedKafkaConnect kc, Map<String, String> config) throws Exception {
        Http.Response r = Http.plain().put(kc.connectUrl() + "/connector-plugins/" + InletSinkConnector.class.getName()
                + "/config/validate", JSON.writeValueAsString(config));
        assertTrue(r.ok(), r.status() + " " + r.body());
        return JSON.readTree(r.body());
    }

    /** The errors Connect's validation reported for one setting (empty when none, or when the setting is unknown). */
    static List<String> errors(JsonNode validation, String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : validation.path("configs")) {
            if (key.equals(c.path("value").path("name").asText())) {
                c.path("value").path("errors").forEach(e -> out.add(e.asText()));
            }
        }
        return out;
    }

    /** Every setting with errors in a validation report, with its errors: for assertion messages. */
    static Map<String, List<String>> allErrors(JsonNode validation) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (JsonNode c : validation.path("configs")) {
            List<String> errs = new ArrayList<>();
            c.path("value").path("errors").forEach(e -> errs.add(e.asText()));
            if (!errs.isEmpty()) {
                out.put(c.path("value").path("name").asText(), errs);
            }
        }
        return out;
    }

    /** {@code GET /inlet/connectors/{name}/state} from the Inlet REST extension. */
    static JsonNode state(EmbeddedKafkaConnect kc, String name) throws Exception {
        Http.Response r = Http.plain().get(kc.connectUrl() + "/inlet/connectors/" + name + "/state");
        assertTrue(r.ok(), r.status() + " " + r.body());
        return JSON.readTree(r.body());
    }

    /** The state of one partition, or a missing node. */
    static JsonNode partitionState(JsonNode state, int partition) {
        for (JsonNode p : state.path("partitions")) {
            if (p.path("partition").asText().equals(Integer.toString(partition))) {
                return p;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The state of the first task ({@code RUNNING}, {@code FAILED}...), or "" when there is none yet. */
    static String taskState(EmbeddedKafkaConnect kc, String name) throws Exception {
        return status(kc, name).path("tasks").path(0).path("state").asText();
    }

    /** Deletes the connector and waits until Connect no longer knows it. */
    static void deleteAndWait(EmbeddedKafkaConnect kc, String name) {
        delete(kc, name);
        Await.until("connector " + name + " deleted", Duration.ofSeconds(60),
                () -> Http.plain().get(kc.connectUrl() + "/connectors/" + name).status() == 404);
    }

    /** Waits until Connect's committed offsets of the connector are exactly {@code expected} (partition → next offset). */
    static void awaitCommitted(EmbeddedKafkaConnect kc, String name, Map<Integer, Long> expected, Duration timeout) {
        Await.quietly("committed offsets of " + name + " = " + expected, timeout, () -> "committed now: " + committedNow(kc, name),
                () -> expected.equals(committedOffsets(kc, name)));
    }

    private static Map<Integer, Long> committedNow(EmbeddedKafkaConnect kc, String name) {
        try {
            return committedOffsets(kc, name);
        } catch (Exception e) {
            return Map.of();
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
