package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.services.Await;
import io.inlet.services.Http;
import io.inlet.services.KafkaProcesses;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.Ports;
import io.inlet.services.Services;
import io.inlet.services.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letter re-drive on a Connect worker in a JVM of its own: 600 messages refused by a strict mapping are
 * dead-lettered, a newer version of ten of them arrives meanwhile, the mapping gets the missing field, and
 * {@code POST /inlet/connectors/{name}/dead-letters/_redrive} writes them back. The worker is killed with SIGKILL in
 * the middle of the re-drive; when it comes back, the connector's first task resumes the re-drive where the marks
 * say. At the end every entry is marked, the newer versions were not overwritten, the state API shows the re-drive
 * done and resumed, and a second re-drive selects nothing.
 */
class KafkaRedriveIT {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRedriveIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "redrive";
    private static final String TOPIC = "redrive-orders";
    private static final String INDEX = "redrive-orders";
    private static final String DLQ = "redrive-orders-dead-letters";
    private static final int REFUSED = 600;
    private static final int NEWER = 10;

    @Test
    void aReDriveKilledMidwayIsResumedAndTakesEveryDeadLetterBackOnce() throws Exception {
        CompletableFuture<OpenSearchNode> os = CompletableFuture.supplyAsync(Services::openSearch3);
        Workspace ws = Workspace.detect();
        Path pluginPath = ws.root().resolve("connector-kafka/target/plugin");
        assertTrue(pluginPath.resolve("inlet-kafka-connect/lib").toFile().isDirectory(),
                "the plugin folder " + pluginPath + " is built by 'mvn package'");
        int workerPort = Ports.free();
        Map<String, String> worker = ConnectTestSupport.killableWorker();
        Http http = Http.plain();

        try (KafkaProcesses kafka = KafkaProcesses.startBroker(ws.work().resolve("redrive-it"), Ports.free(), "512m");
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            kafka.startWorker(workerPort, pluginPath, "512m", worker);
            ConnectTestSupport.createTopic(admin, TOPIC, 1);
            List<byte[]> payloads = new ArrayList<>();
            for (int i = 0; i < REFUSED; i++) {
                payloads.add(bytes("{\"_id\":\"r" + i + "\",\"_version\":1,\"_source\":{\"n\":" + i + ",\"note\":\"v1\"}}"));
            }
            for (int i = 0; i < 100; i++) {
                payloads.add(bytes("{\"_id\":\"p" + i + "\",\"_version\":1,\"_source\":{\"n\":" + i + "}}"));
            }
            for (int i = 0; i < NEWER; i++) {
                payloads.add(bytes("{\"_id\":\"r" + i + "\",\"_version\":2,\"_source\":{\"n\":" + (1000 + i) + "}}"));
            }
            ConnectTestSupport.produce(kafka.bootstrapServers(), TOPIC, payloads);

            OpenSearchNode node = os.join();
            assertTrue(http.put(node.url() + "/" + INDEX, "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0},"
                    + "\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"n\":{\"type\":\"integer\"}}}}").ok());
            Map<String, String> config = ConnectTestSupport.config(node, TOPIC, INDEX);
            config.put("error_strategy", "DROP");
            config.put("dlq.index", DLQ);
            config.put("dlq.redrive.batch_size", "10");
            config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            ConnectTestSupport.deploy(kafka.connectUrl(), NAME, config);
            ConnectTestSupport.awaitCaughtUp(kafka.connectUrl(), NAME, 1, Duration.ofMinutes(3));
            assertEquals(REFUSED, count(http, node, DLQ, "{\"term\":{\"reason\":\"strict_dynamic_mapping_exception\"}}"));
            assertEquals(100 + NEWER, count(http, node, INDEX, "{\"match_all\":{}}"));

            // the fix: the field the messages carry
            assertTrue(http.put(node.url() + "/" + INDEX + "/_mapping", "{\"properties\":{\"note\":{\"type\":\"keyword\"}}}").ok());
            Http.Response started = http.post(kafka.connectUrl() + "/inlet/connectors/" + NAME + "/dead-letters/_redrive",
                    "{\"reason\":[\"strict_dynamic_mapping_exception\"]}");
            assertEquals(202, started.status(), started.body());
            assertEquals("running", JSON.readTree(started.body()).path("redrive").path("status").asText(), started.body());

            Await.until("the re-drive to mark its first entries", Duration.ofMinutes(1),
                    () -> marked(http, node) >= 50);
            kafka.worker().kill();
            long markedAtKill = marked(http, node);
            LOG.info("Killed the worker with {} of {} dead letters re-driven", markedAtKill, REFUSED);
            assertTrue(markedAtKill < REFUSED, "killed in the middle of the re-drive, not after it: " + markedAtKill);
            JsonNode ledger = JSON.readTree(http.get(node.url() + "/inlet-redrive/_doc/" + NAME).body()).path("_source");
            assertEquals("running", ledger.path("status").asText(), "the ledger still holds the killed run: " + ledger);

            kafka.startWorker(workerPort, pluginPath, "512m", worker);
            Await.quietly("the connector's first task to resume the re-drive and finish it", Duration.ofMinutes(2), () ->
                    "done".equals(ConnectTestSupport.state(kafka.connectUrl(), NAME).path("redrive").path("status").asText()));
            JsonNode redrive = ConnectTestSupport.state(kafka.connectUrl(), NAME).path("redrive");
            LOG.info("Re-drive after the kill: {}", redrive);
            assertTrue(redrive.path("resumes").asInt() >= 1, "resumed after the kill: " + redrive);
            assertEquals(REFUSED, redrive.path("processed").asLong(), redrive.toString());
            assertEquals(REFUSED, redrive.path("selected").asLong(), redrive.toString());
            assertEquals(0, redrive.path("rejected").asLong(), redrive.toString());
            // stale: the ten with a newer version, and at most the page written but not marked before the kill
            long stale = redrive.path("stale").asLong();
            assertTrue(stale >= NEWER && stale <= NEWER + 10, redrive.toString());

            Map<String, JsonNode> docs = documents(http, node);
            assertEquals(REFUSED + 100, docs.size());
            for (int i = 0; i < REFUSED; i++) {
                JsonNode d = docs.get("r" + i);
                if (i < NEWER) {
                    assertEquals(2, d.path("_version").asLong(), "the newer version stays: " + d);
                    assertEquals(1000 + i, d.path("_source").path("n").asInt(), d.toString());
                } else {
                    assertEquals(1, d.path("_version").asLong(), d.toString());
                    assertEquals("v1", d.path("_source").path("note").asText(), d.toString());
                }
            }
            assertEquals(REFUSED, marked(http, node), "every entry is marked");
            assertEquals(NEWER, countStaleNewer(http, node), "the ten with a newer version are marked stale");

            Http.Response again = http.post(kafka.connectUrl() + "/inlet/connectors/" + NAME
                    + "/dead-letters/_redrive?wait_for_completion=true", null);
            assertEquals(200, again.status(), again.body());
            JsonNode second = JSON.readTree(again.body()).path("redrive");
            assertEquals(0, second.path("selected").asLong(), "a second run selects nothing: " + second);
            assertEquals("done", second.path("status").asText(), second.toString());
            assertEquals(docs, documents(http, node), "and changes nothing");
            Http.Response unknown = http.post(kafka.connectUrl() + "/inlet/connectors/" + NAME + "/dead-letters/_redrive",
                    "{\"reasons\":\"x\"}");
            assertEquals(400, unknown.status(), unknown.body());
            assertTrue(unknown.body().contains("unknown field 'reasons'"), unknown.body());

            http.delete(kafka.connectUrl() + "/connectors/" + NAME);
            for (String index : List.of(INDEX, DLQ)) {
                http.delete(node.url() + "/" + index);
            }
            http.delete(node.url() + "/inlet-redrive/_doc/" + NAME);
        }
    }

    private static long countStaleNewer(Http http, OpenSearchNode node) throws Exception {
        List<String> pointers = new ArrayList<>();
        for (int i = 0; i < NEWER; i++) {
            pointers.add("\"" + i + "\"");
        }
        return count(http, node, DLQ, "{\"bool\":{\"filter\":[{\"term\":{\"redrive_result\":\"stale\"}},"
                + "{\"terms\":{\"pointer\":[" + String.join(",", pointers) + "]}}]}}");
    }

    private static long marked(Http http, OpenSearchNode node) {
        try {
            return count(http, node, DLQ, "{\"exists\":{\"field\":\"redriven_at\"}}");
        } catch (Exception e) {
            return 0;
        }
    }

    private static long count(Http http, OpenSearchNode node, String index, String query) throws Exception {
        http.post(node.url() + "/" + index + "/_refresh", "");
        Http.Response r = http.post(node.url() + "/" + index + "/_count", "{\"query\":" + query + "}");
        assertTrue(r.ok(), r.body());
        return JSON.readTree(r.body()).path("count").asLong();
    }

    private static Map<String, JsonNode> documents(Http http, OpenSearchNode node) throws Exception {
        http.post(node.url() + "/" + INDEX + "/_refresh", "");
        Http.Response r = http.post(node.url() + "/" + INDEX + "/_search", "{\"size\":10000,\"version\":true}");
        assertTrue(r.ok(), r.body());
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode h : JSON.readTree(r.body()).path("hits").path("hits")) {
            out.put(h.path("_id").asText(), h);
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
