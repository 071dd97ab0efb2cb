package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.it.IndexReader;
import io.inlet.kafka.ConnectTestSupport.Sent;
import io.inlet.services.Await;
import io.inlet.services.EmbeddedKafkaConnect;
import io.inlet.services.Http;
import io.inlet.services.OpenSearchNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * error_strategy=DROP with ten kinds of poison messages between good ones: each poison message lands in
 * Connect's dead-letter topic (original value, error headers) and in the dead-letter index (reason code),
 * the good ones are indexed, the offsets are committed to the end, and the state counts the drops.
 */
class DeadLetterIT extends KafkaIT {

    /** Poison payloads and the reason each must be dead-lettered with. */
    private static final Map<String, String> POISON = new LinkedHashMap<>();

    static {
        POISON.put("{\"_id\":\"p-1\",\"_source\":{\"count\":1}", "MALFORMED_JSON");
        POISON.put("[{\"_id\":\"p-2\"}]", "NOT_AN_OBJECT");
        POISON.put("{\"_id\":\"p-3\",\"_source\":\"just text\"}", "SOURCE_NOT_OBJECT");
        POISON.put("{\"_id\":\"p-4\",\"_op_type\":\"index\"}", "MISSING_SOURCE");
        POISON.put("{\"_op_type\":\"delete\"}", "MISSING_ID");
        POISON.put("{\"_id\":\"p-6\",\"_version\":\"abc\",\"_source\":{\"count\":6}}", "BAD_VERSION");
        POISON.put("{\"_id\":\"p-7\",\"_version\":-3,\"_source\":{\"count\":7}}", "BAD_VERSION");
        POISON.put("{\"_id\":\"p-8\",\"_op_type\":7,\"_source\":{\"count\":8}}", "BAD_OP_TYPE");
        POISON.put("{\"_id\":\"p-9\",\"_op_type\":\"upsert\",\"_source\":{\"count\":9}}", "UNKNOWN_OP_TYPE");
        POISON.put("{\"_id\":\"p-10\",\"_source\":{\"count\":\"many\"}}", "mapper_parsing_exception");
    }

    @Test
    void everyPoisonMessageIsInTheDeadLetterTopicAndIndexAndTheRestIsIndexed() throws Exception {
        OpenSearchNode node = openSearch3();
        EmbeddedKafkaConnect kc = kafka();
        String topic = "poison";
        String index = "poison-docs";
        String dlqTopic = "poison-dlq";
        String dlqIndex = "poison-dead-letters";
        createTopic(topic, 1);
        Http.Response created = node.client().put(node.url() + "/" + index,
                "{\"mappings\":{\"properties\":{\"count\":{\"type\":\"integer\"}}}}");
        assertTrue(created.ok(), created.body());

        // good, poison, good, poison, ..., good
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<String> poison = new ArrayList<>(POISON.keySet());
        for (int i = 0; i <= poison.size(); i++) {
            String id = "g-" + i;
            records.add(ConnectTestSupport.record(topic, 0, id, "{\"_id\":\"" + id + "\",\"_source\":{\"count\":" + i + "}}"));
            if (i < poison.size()) {
                records.add(ConnectTestSupport.record(topic, 0, "p-" + (i + 1), poison.get(i)));
            }
        }
        List<Sent> sent = ConnectTestSupport.send(kc.bootstrapServers(), records);
        Map<Long, String> poisonByOffset = new TreeMap<>();
        for (Sent s : sent) {
            if (POISON.containsKey(s.text())) {
                poisonByOffset.put(s.offset(), s.text());
            }
        }
        assertEquals(10, poisonByOffset.size());

        Map<String, String> config = ConnectTestSupport.config(node, topic, index);
        config.put("kafka.bootstrap.servers", kc.bootstrapServers());
        config.put("error_strategy", "DROP");
        config.put("dlq.index", dlqIndex);
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", dlqTopic);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        String name = "dead-letters";
        deploy(name, config, node);
        ConnectTestSupport.awaitCommitted(kc, name, Map.of(0, (long) sent.size()), Duration.ofSeconds(90));

        // the good ones are indexed, nothing else
        TreeSet<String> good = new TreeSet<>();
        for (int i = 0; i <= poison.size(); i++) {
            good.add("g-" + i);
        }
        assertEquals(good, new TreeSet<>(IndexReader.readAll(node, index).keySet()));

        // Connect's dead-letter topic: the original value, and headers naming where it came from and why
        List<ConsumerRecord<byte[], byte[]>> dead = ConnectTestSupport.consume(kc.bootstrapServers(), dlqTopic, 10,
                Duration.ofSeconds(30));
        assertEquals(10, dead.size(), "records in " + dlqTopic);
        Map<Long, String> topicReasons = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            Map<String, String> h = headers(r);
            assertEquals(topic, h.get("__connect.errors.topic"), h.toString());
            assertEquals("0", h.get("__connect.errors.partition"), h.toString());
            assertEquals(name, h.get("__connect.errors.connector.name"), h.toString());
            long offset = Long.parseLong(h.get("__connect.errors.offset"));
            assertEquals(poisonByOffset.get(offset), new String(r.value(), StandardCharsets.UTF_8), "value at offset " + offset);
            String message = h.get("__connect.errors.exception.message");
            assertNotNull(message, h.toString());
            topicReasons.put(offset, message.substring(0, message.indexOf(':')));
        }
        Map<Long, String> expectedReasons = new TreeMap<>();
        poisonByOffset.forEach((offset, payload) -> expectedReasons.put(offset, POISON.get(payload)));
        assertEquals(expectedReasons, topicReasons, "reason codes in the dead-letter topic");

        // the dead-letter index: raw message, pointer and reason code
        Map<String, IndexReader.Doc> letters = IndexReader.readAll(node, dlqIndex);
        assertEquals(10, letters.size(), letters.toString());
        Map<Long, String> indexReasons = new TreeMap<>();
        for (IndexReader.Doc d : letters.values()) {
            JsonNode s = d.source();
            long offset = s.path("pointer").asLong();
            assertEquals(topic, s.path("stream").asText());
            assertEquals("0", s.path("partition").asText());
            assertEquals(poisonByOffset.get(offset), s.path("raw_payload").asText(), "raw payload at offset " + offset);
            indexReasons.put(offset, s.path("reason").asText());
        }
        assertEquals(expectedReasons, indexReasons, "reason codes in the dead-letter index");

        // the state API counts them
        Await.quietly("10 drops in the state", Duration.ofSeconds(30),
                () -> ConnectTestSupport.total(ConnectTestSupport.state(kc, name), "total_dropped_count") == 10);
        JsonNode state = ConnectTestSupport.state(kc, name);
        assertEquals(sent.size(), ConnectTestSupport.total(state, "total_processed_count"), state.toString());
        assertEquals(9, ConnectTestSupport.total(state, "total_invalid_message_count"), "refused before reaching OpenSearch");
        assertEquals("RUNNING", ConnectTestSupport.taskState(kc, name));
    }

    /**
     * With errors.tolerance=none Connect's errant record reporter writes the record and then fails it, so under
     * DROP the partition would stop there while the dead-letter topic got the record again on every retry:
     * the combination is refused by validation, and so by Connect when the config is PUT.
     */
    @Test
    void dropToTheDeadLetterTopicWithoutErrorsToleranceAllIsRefused() throws Exception {
        EmbeddedKafkaConnect kc = kafka();
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", InletSinkConnector.class.getName());
        config.put("name", "dead-letters-no-tolerance");
        config.put("topics", "poison");
        config.put("opensearch.hosts", "http://localhost:9200");
        config.put("index", "poison-docs");
        config.put("errors.deadletterqueue.topic.name", "poison-dlq");
        JsonNode r = ConnectTestSupport.validate(kc, config);
        assertEquals(List.of("error_strategy"), List.copyOf(ConnectTestSupport.allErrors(r).keySet()));
        String message = ConnectTestSupport.errors(r, "error_strategy").get(0);
        assertTrue(message.contains("errors.tolerance=none") && message.contains("set errors.tolerance=all"), message);

        Http.Response put = Http.plain().put(kc.connectUrl() + "/connectors/dead-letters-no-tolerance/config",
                ConnectTestSupport.JSON.writeValueAsString(config));
        assertEquals(400, put.status(), put.body());
        assertTrue(put.body().contains("errors.tolerance=all"), put.body());

        config.put("errors.tolerance", "all");
        assertEquals(0, ConnectTestSupport.validate(kc, config).path("error_count").asInt());
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> h = new HashMap<>();
        for (Header header : r.headers()) {
            h.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return h;
    }
}
