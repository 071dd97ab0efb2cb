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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PUT /connector-plugins/io.inlet.kafka.InletSinkConnector/config/validate} as a user (or a UI)
 * sees it: errors per field, both spellings of OpenSearch's names, secrets hidden; and a password from
 * a Connect config provider on a worker that has one.
 */
class ConfigValidationIT extends KafkaIT {

    /** A valid config on the shared cluster (hosts need not answer: validation does not connect). */
    private static Map<String, String> valid(EmbeddedKafkaConnect kc) {
        Map<String, String> c = new java.util.HashMap<>();
        c.put("connector.class", InletSinkConnector.class.getName());
        c.put("name", "validation");
        c.put("topics", "orders");
        c.put("opensearch.hosts", "http://localhost:9200");
        c.put("index", "orders");
        c.put("kafka.bootstrap.servers", kc.bootstrapServers());
        return c;
    }

    private static Map<String, String> with(Map<String, String> base, String... keyValues) {
        Map<String, String> c = new java.util.HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            c.put(keyValues[i], keyValues[i + 1]);
        }
        return c;
    }

    private static JsonNode definition(JsonNode validation, String key) {
        for (JsonNode c : validation.path("configs")) {
            if (key.equals(c.path("definition").path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError(key + " is not in the validation report");
    }

    @Test
    void errorsArePerFieldBothSpellingsPassAndSecretsAreHidden() throws Exception {
        EmbeddedKafkaConnect kc = kafka();
        Map<String, String> valid = valid(kc);
        JsonNode ok = ConnectTestSupport.validate(kc, valid);
        assertEquals(0, ok.path("error_count").asInt(), ConnectTestSupport.allErrors(ok).toString());

        JsonNode r = ConnectTestSupport.validate(kc, with(valid, "error_strategy", "drop_it"));
        assertEquals(Map.of("error_strategy", ConnectTestSupport.errors(r, "error_strategy")), ConnectTestSupport.allErrors(r));
        String message = ConnectTestSupport.errors(r, "error_strategy").get(0);
        assertTrue(message.contains("drop_it") && message.contains("DROP, BLOCK"), message);

        r = ConnectTestSupport.validate(kc, with(valid, "pointer.init.reset", "reset_by_offset"));
        assertEquals(List.of("pointer.init.reset.value"), List.copyOf(ConnectTestSupport.allErrors(r).keySet()));
        message = ConnectTestSupport.errors(r, "pointer.init.reset.value").get(0);
        assertTrue(message.contains("reset_by_offset") && message.contains("starting point"), message);

        r = ConnectTestSupport.validate(kc, with(valid, "version.source", "offset", "mapper_type", "raw_payload"));
        assertEquals(List.of("version.source"), List.copyOf(ConnectTestSupport.allErrors(r).keySet()));
        message = ConnectTestSupport.errors(r, "version.source").get(0);
        assertTrue(message.contains("raw_payload"), message);

        r = ConnectTestSupport.validate(kc, with(valid, "opensearch.hosts", "localhost:9200"));
        assertEquals(List.of("opensearch.hosts"), List.copyOf(ConnectTestSupport.allErrors(r).keySet()));
        message = ConnectTestSupport.errors(r, "opensearch.hosts").get(0);
        assertTrue(message.contains("localhost:9200") && message.contains("http://host:9200"), message);

        // OpenSearch's other spellings are accepted as they are
        r = ConnectTestSupport.validate(kc, with(valid, "pointer.init.reset", "rewind_by_timestamp",
                "pointer.init.reset.value", "1714564800000", "poll.max_batch_size", "200"));
        assertEquals(0, r.path("error_count").asInt(), ConnectTestSupport.allErrors(r).toString());
        r = ConnectTestSupport.validate(kc, with(valid, "pointer.init.reset", "rewind_by_offset", "pointer.init.reset.value", "42"));
        assertEquals(0, r.path("error_count").asInt(), ConnectTestSupport.allErrors(r).toString());

        // a secret is a PASSWORD and shown hidden
        r = ConnectTestSupport.validate(kc, with(valid, "opensearch.auth.type", "basic", "opensearch.username", "admin",
                "opensearch.password", "s3cret-Value"));
        assertEquals(0, r.path("error_count").asInt(), ConnectTestSupport.allErrors(r).toString());
        JsonNode password = definition(r, "opensearch.password");
        assertEquals("PASSWORD", password.path("definition").path("type").asText());
        assertEquals("[hidden]", password.path("value").path("value").asText());
        assertFalse(r.toString().contains("s3cret-Value"), "the password appears nowhere in the report");
    }

    @Test
    void aPasswordFromAConfigProviderReachesASecureCluster(@TempDir Path dir) throws Exception {
        CompletableFuture<OpenSearchNode> os = CompletableFuture.supplyAsync(Services::openSearch2Secure);
        Path secrets = dir.resolve("opensearch.properties");
        try (EmbeddedKafkaConnect kc = KafkaTestCluster.start(1, Map.of("config.providers", "file",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider"))) {
            OpenSearchNode node = os.join();
            deleteAfter(node, "secure-orders");
            Files.writeString(secrets, "password=" + node.adminPassword() + "\n");
            String topic = "secure-orders";
            kc.cluster().kafka().createTopic(topic, 1);
            Map<String, String> config = ConnectTestSupport.config(node, topic, "secure-orders");
            config.put("opensearch.auth.type", "basic");
            config.put("opensearch.username", node.adminUser());
            String placeholder = "${file:" + secrets + ":password}";
            config.put("opensearch.password", placeholder);
            config.put("opensearch.tls.ca.pem", node.rootCa().toString());

            config.put("name", "secure"); // the validate endpoint has no URL to take the name from
            JsonNode r = ConnectTestSupport.validate(kc, config);
            assertEquals(0, r.path("error_count").asInt(), ConnectTestSupport.allErrors(r).toString());

            ConnectTestSupport.deploy(kc, "secure", config);
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                records.add(ConnectTestSupport.record(topic, null, "s-" + i, "{\"_id\":\"s-" + i + "\",\"_source\":{\"n\":" + i + "}}"));
            }
            ConnectTestSupport.send(kc.bootstrapServers(), records);
            Await.quietly("5 documents on the secure cluster", Duration.ofSeconds(90),
                    () -> IndexReader.count(node, "secure-orders") == 5);
            assertEquals("RUNNING", ConnectTestSupport.taskState(kc, "secure"));
            // Connect keeps the placeholder, not the secret, in the stored config
            Http.Response stored = Http.plain().get(kc.connectUrl() + "/connectors/secure/config");
            assertTrue(stored.body().contains(placeholder) && !stored.body().contains(node.adminPassword()), stored.body());
            ConnectTestSupport.deleteAndWait(kc, "secure");
        }
    }
}
