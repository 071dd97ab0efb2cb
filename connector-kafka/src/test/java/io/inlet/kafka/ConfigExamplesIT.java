package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.it.IndexReader;
import io.inlet.services.Await;
import io.inlet.services.EmbeddedKafkaConnect;
import io.inlet.services.Http;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.Services;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Connect config in {@code config-examples/kafka/} is a body for
 * {@code curl -X PUT http://localhost:8083/connectors/<name>/config -d @file}: it validates with no error,
 * and each one that can run here is deployed as it is (only hosts, and the CA path and credentials of the
 * TLS one, replaced) and gets messages into OpenSearch.
 */
class ConfigExamplesIT extends KafkaIT {

    private static final Path DIR = Path.of(System.getProperty("inlet.root", ".."), "config-examples", "kafka");
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String COMMENT = "inlet.comment";

    private static EmbeddedKafkaConnect kc;
    private static OpenSearchNode node;
    private static CompletableFuture<OpenSearchNode> secure;

    @BeforeAll
    static void services() {
        secure = CompletableFuture.supplyAsync(Services::openSearch2Secure);
        node = openSearch3();
        kc = kafka();
    }

    /** The file as Connect receives it: a flat map of strings, one of them the comment. */
    private static Map<String, String> load(String file) throws Exception {
        JsonNode json = ConnectTestSupport.JSON.readTree(Files.readString(DIR.resolve(file), StandardCharsets.UTF_8));
        assertTrue(json.isObject(), file + " is a JSON object");
        assertFalse(json.has("name") || json.has("config"), file + " is the flat config map, without a name/config wrapper");
        Map<String, String> config = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertTrue(e.getValue().isTextual(), file + ": " + e.getKey() + " is a string, as Connect wants");
            config.put(e.getKey(), e.getValue().asText());
        }
        String comment = config.get(COMMENT);
        assertTrue(comment != null && !comment.isBlank() && !comment.contains("\n"), file + " says in one line when to use it");
        assertEquals(InletSinkConnector.class.getName(), config.get("connector.class"), file);
        return config;
    }

    /** Only the addresses of the local services replace the example's. */
    private static Map<String, String> local(Map<String, String> example, OpenSearchNode target) {
        Map<String, String> c = new LinkedHashMap<>(example);
        c.put("opensearch.hosts", target.url());
        if (c.containsKey("kafka.bootstrap.servers")) {
            c.put("kafka.bootstrap.servers", kc.bootstrapServers());
        }
        return c;
    }

    private static void assertValid(String file, Map<String, String> config) throws Exception {
        Map<String, String> named = new LinkedHashMap<>(config);
        named.put("name", name(file)); // PUT /connectors/<name>/config takes it from the URL; validation needs it
        JsonNode r = ConnectTestSupport.validate(kc, named);
        assertEquals(0, r.path("error_count").asInt(), file + ": " + ConnectTestSupport.allErrors(r));
    }

    private static String name(String file) {
        return "example-" + file.replace(".json", "");
    }

    private void deploy(String file, Map<String, String> config, int partitions, OpenSearchNode target) throws Exception {
        createTopic(config.get("topics"), partitions);
        assertValid(file, config);
        deploy(name(file), config, target);
    }

    private static void produce(String topic, String... keyValuePairs) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < keyValuePairs.length; i += 2) {
            records.add(ConnectTestSupport.record(topic, null, keyValuePairs[i], keyValuePairs[i + 1]));
        }
        ConnectTestSupport.send(kc.bootstrapServers(), records);
    }

    private static Map<String, IndexReader.Doc> awaitDocs(OpenSearchNode target, String index, int count) throws Exception {
        Await.quietly(count + " documents in " + index, WAIT, () -> IndexReader.count(target, index) == count);
        return IndexReader.readAll(target, index);
    }

    private static void finish(String file) throws Exception {
        assertEquals("RUNNING", ConnectTestSupport.taskState(kc, name(file)), file);
    }

    @Test
    void theExamplesAreTheOnesDocumented() throws Exception {
        try (Stream<Path> files = Files.list(DIR)) {
            assertEquals(new TreeSet<>(List.of("alias.json", "aws-sigv4.json", "block.json", "data-stream.json",
                            "dlq-topic-and-index.json", "envelope.json", "field-mapping.json", "plain-json-key-ids.json",
                            "tls-basic-auth.json")),
                    files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json")).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        }
    }

    @Test
    void awsSigV4IsValid() throws Exception {
        Map<String, String> c = load("aws-sigv4.json");
        assertEquals("aws_sigv4", c.get("opensearch.auth.type"));
        assertEquals("es", c.get("opensearch.aws.service"));
        assertValid("aws-sigv4.json", c); // only validated: it needs an Amazon OpenSearch Service domain
    }

    @Test
    void envelope() throws Exception {
        Map<String, String> c = local(load("envelope.json"), node);
        deploy("envelope.json", c, 2, node);
        produce(c.get("topics"),
                "o-1", "{\"_id\":\"o-1\",\"_version\":1,\"_source\":{\"total\":10}}",
                "o-2", "{\"_id\":\"o-2\",\"_op_type\":\"create\",\"_source\":{\"total\":20}}",
                "o-1", "{\"_id\":\"o-1\",\"_version\":3,\"_source\":{\"total\":30}}",
                "o-3", "{\"_id\":\"o-3\",\"_version\":1,\"_source\":{\"total\":5}}",
                "o-3", "{\"_id\":\"o-3\",\"_version\":2,\"_op_type\":\"delete\"}",
                "o-1", "{\"_id\":\"o-1\",\"_version\":2,\"_source\":{\"total\":-1}}");
        ConnectTestSupport.awaitCommitted(kc, name("envelope.json"), Map.of(0, offsets(c, 0), 1, offsets(c, 1)), WAIT);
        Map<String, IndexReader.Doc> docs = IndexReader.readAll(node, c.get("index"));
        assertEquals(new TreeSet<>(List.of("o-1", "o-2")), new TreeSet<>(docs.keySet()));
        assertEquals(3, docs.get("o-1").version(), "the stale version 2 changed nothing");
        assertEquals(30, docs.get("o-1").source().path("total").asInt());
        finish("envelope.json");
    }

    /** The log end offset of a partition of the example's topic. */
    private static long offsets(Map<String, String> c, int partition) throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", kc.bootstrapServers()))) {
            var tp = new org.apache.kafka.common.TopicPartition(c.get("topics"), partition);
            return admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest())).partitionResult(tp).get().offset();
        }
    }

    @Test
    void plainJsonWithKeyIds() throws Exception {
        Map<String, String> c = local(load("plain-json-key-ids.json"), node);
        deploy("plain-json-key-ids.json", c, 1, node);
        produce(c.get("topics"),
                "c-1", "{\"name\":\"Ada\",\"tier\":\"gold\"}",
                "c-2", "{\"name\":\"Bob\"}",
                "c-3", "{\"name\":\"Cy\"}",
                "c-2", "{\"name\":\"Bob\",\"tier\":\"silver\"}",
                "c-3", null);
        ConnectTestSupport.awaitCommitted(kc, name("plain-json-key-ids.json"), Map.of(0, 5L), WAIT);
        Map<String, IndexReader.Doc> docs = IndexReader.readAll(node, c.get("index"));
        assertEquals(new TreeSet<>(List.of("c-1", "c-2")), new TreeSet<>(docs.keySet()), "ids from keys; the tombstone deleted c-3");
        assertEquals("silver", docs.get("c-2").source().path("tier").asText());
        assertEquals("Ada", docs.get("c-1").source().path("name").asText());
        finish("plain-json-key-ids.json");
    }

    @Test
    void fieldMapping() throws Exception {
        Map<String, String> c = local(load("field-mapping.json"), node);
        deploy("field-mapping.json", c, 1, node);
        produce(c.get("topics"),
                "A-1", "{\"sku\":\"A-1\",\"updated_at_ms\":1714564800000,\"op\":\"upsert\",\"price\":10}",
                "A-2", "{\"sku\":\"A-2\",\"updated_at_ms\":1714564800000,\"op\":\"upsert\",\"price\":20}",
                "A-1", "{\"sku\":\"A-1\",\"updated_at_ms\":1714564900000,\"op\":\"upsert\",\"price\":11}",
                "A-2", "{\"sku\":\"A-2\",\"updated_at_ms\":1714565000000,\"op\":\"deleted\"}",
                "A-1", "{\"sku\":\"A-1\",\"updated_at_ms\":1714564850000,\"op\":\"upsert\",\"price\":0}");
        ConnectTestSupport.awaitCommitted(kc, name("field-mapping.json"), Map.of(0, 5L), WAIT);
        Map<String, IndexReader.Doc> docs = IndexReader.readAll(node, c.get("index"));
        assertEquals(List.of("A-1"), List.copyOf(docs.keySet()));
        assertEquals(1714564900000L, docs.get("A-1").version(), "the version field is the external version");
        assertEquals(11, docs.get("A-1").source().path("price").asInt(), "the older update arriving late changed nothing");
        finish("field-mapping.json");
    }

    @Test
    void deadLettersToTopicAndIndex() throws Exception {
        Map<String, String> c = local(load("dlq-topic-and-index.json"), node);
        deploy("dlq-topic-and-index.json", c, 1, node);
        String bad = "{\"_id\":\"pay-bad\",\"_source\":";
        produce(c.get("topics"),
                "pay-1", "{\"_id\":\"pay-1\",\"_source\":{\"amount\":1}}",
                "pay-bad", bad,
                "pay-2", "{\"_id\":\"pay-2\",\"_source\":{\"amount\":2}}");
        ConnectTestSupport.awaitCommitted(kc, name("dlq-topic-and-index.json"), Map.of(0, 3L), WAIT);
        assertEquals(new TreeSet<>(List.of("pay-1", "pay-2")), new TreeSet<>(IndexReader.readAll(node, c.get("index")).keySet()));
        Map<String, IndexReader.Doc> letters = IndexReader.readAll(node, c.get("dlq.index"));
        assertEquals(1, letters.size(), letters.toString());
        JsonNode letter = letters.values().iterator().next().source();
        assertEquals("MALFORMED_JSON", letter.path("reason").asText());
        assertEquals("1", letter.path("pointer").asText());
        List<ConsumerRecord<byte[], byte[]>> dead = ConnectTestSupport.consume(kc.bootstrapServers(),
                c.get("errors.deadletterqueue.topic.name"), 1, Duration.ofSeconds(30));
        assertEquals(1, dead.size());
        assertEquals(bad, new String(dead.get(0).value(), StandardCharsets.UTF_8));
        finish("dlq-topic-and-index.json");
    }

    @Test
    void block() throws Exception {
        Map<String, String> c = local(load("block.json"), node);
        deploy("block.json", c, 1, node);
        produce(c.get("topics"),
                "l-1", "{\"_id\":\"l-1\",\"_version\":1,\"_source\":{\"amount\":100}}",
                "l-2", "{\"_id\":\"l-2\",\"_version\":1,\"_source\":{\"amount\":-40}}");
        ConnectTestSupport.awaitCommitted(kc, name("block.json"), Map.of(0, 2L), WAIT);
        assertEquals(2, awaitDocs(node, c.get("index"), 2).size());
        Await.quietly("the state shows error_policy BLOCK", WAIT, () -> "BLOCK".equals(
                ConnectTestSupport.partitionState(ConnectTestSupport.state(kc, name("block.json")), 0).path("error_policy").asText()));
        finish("block.json");
    }

    @Test
    void dataStream() throws Exception {
        Map<String, String> c = local(load("data-stream.json"), node);
        deploy("data-stream.json", c, 1, node);
        produce(c.get("topics"),
                "u-1", "{\"event\":\"login\",\"user\":\"u-1\"}",
                "u-2", "{\"event\":\"click\",\"@timestamp\":\"2026-12-01T08:00:00Z\"}",
                "u-1", "{\"event\":\"logout\",\"user\":\"u-1\"}");
        ConnectTestSupport.awaitCommitted(kc, name("data-stream.json"), Map.of(0, 3L), WAIT);
        assertTrue(node.client().get(node.url() + "/_data_stream/" + c.get("index")).ok(), "a data stream, from the template made");
        Map<String, IndexReader.Doc> docs = IndexReader.readAll(node, c.get("index"));
        assertEquals(new TreeSet<>(List.of("app-events-0-0", "app-events-0-1", "app-events-0-2")), new TreeSet<>(docs.keySet()),
                "every event appended once, its id from its position");
        assertEquals("2026-12-01T08:00:00Z", docs.get("app-events-0-1").source().path("@timestamp").asText(), "its own time kept");
        assertFalse(docs.get("app-events-0-0").source().path("@timestamp").asText().isEmpty(), "the record time otherwise");
        finish("data-stream.json");
    }

    @Test
    void writeAlias() throws Exception {
        Map<String, String> c = local(load("alias.json"), node);
        String alias = c.get("index");
        assertTrue(node.client().put(node.url() + "/" + alias + "-000001",
                "{\"aliases\":{\"" + alias + "\":{\"is_write_index\":true}}}").ok());
        deploy("alias.json", c, 1, node);
        produce(c.get("topics"),
                "l-1", "{\"_id\":\"l-1\",\"_version\":2,\"_source\":{\"amount\":20}}",
                "l-1", "{\"_id\":\"l-1\",\"_version\":1,\"_source\":{\"amount\":10}}");
        ConnectTestSupport.awaitCommitted(kc, name("alias.json"), Map.of(0, 2L), WAIT);
        Map<String, IndexReader.Doc> docs = IndexReader.readAll(node, alias + "-000001");
        assertEquals(2, docs.get("l-1").version(), "written through the alias to its write index; the older version stale");
        finish("alias.json");
    }

    @Test
    void tlsWithBasicAuth() throws Exception {
        OpenSearchNode tls = secure.join();
        Map<String, String> example = load("tls-basic-auth.json");
        assertTrue(example.get("opensearch.password").startsWith("${file:"), "the example reads the password from a config provider");
        // the example's user, created on the test cluster; its password and CA file are the local ones
        String user = example.get("opensearch.username");
        String password = "Kc2-" + Long.toHexString(System.nanoTime()) + "-Zq!";
        Http.Response created = tls.client().put(tls.url() + "/_plugins/_security/api/internalusers/" + user,
                "{\"password\":\"" + password + "\",\"opendistro_security_roles\":[\"all_access\"]}");
        assertTrue(created.ok(), created.status() + " " + created.body());
        Map<String, String> c = local(example, tls);
        c.put("opensearch.password", password);
        c.put("opensearch.tls.ca.pem", tls.rootCa().toString());
        deploy("tls-basic-auth.json", c, 1, tls);
        produce(c.get("topics"),
                "inv-1", "{\"_id\":\"inv-1\",\"_source\":{\"total\":100}}",
                "inv-2", "{\"_id\":\"inv-2\",\"_source\":{\"total\":200}}",
                "inv-3", "{\"_id\":\"inv-3\",\"_source\":{\"total\":300}}");
        assertEquals(new TreeSet<>(List.of("inv-1", "inv-2", "inv-3")), new TreeSet<>(awaitDocs(tls, c.get("index"), 3).keySet()));
        finish("tls-basic-auth.json");
    }
}
