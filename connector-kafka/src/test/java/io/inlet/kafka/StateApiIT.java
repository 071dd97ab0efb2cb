package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.it.ChangeStream;
import io.inlet.common.it.IndexReader;
import io.inlet.services.Await;
import io.inlet.services.EmbeddedKafkaConnect;
import io.inlet.services.Http;
import io.inlet.services.OpenSearchNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inlet's REST extension on the Connect worker: state for all tasks, pause, resume, resume with a reset. */
class StateApiIT extends KafkaIT {

    private static JsonNode state(EmbeddedKafkaConnect kc, String name) throws Exception {
        Http.Response r = Http.plain().get(kc.connectUrl() + "/inlet/connectors/" + name + "/state");
        assertTrue(r.ok(), r.status() + " " + r.body());
        return ConnectTestSupport.JSON.readTree(r.body());
    }

    private static long total(JsonNode state, String counter) {
        long n = 0;
        for (JsonNode p : state.path("partitions")) {
            n += p.path("counters").path(counter).asLong();
        }
        return n;
    }

    @Test
    void stateThenPauseResumeAndResumeWithAResetToATimestamp() throws Exception {
        OpenSearchNode node = openSearch3();
        EmbeddedKafkaConnect kc = kafka();
        String topic = "state-api";
        createTopic(topic, 2);
        ChangeStream first = new ChangeStream(3_000, 500, 5);
        ConnectTestSupport.produce(kc.bootstrapServers(), topic, first.payloads());

        Map<String, String> config = ConnectTestSupport.config(node, topic, "state-api");
        // one task: with two, a rebalance as the second task starts would restart the counters mid-test
        config.put("tasks.max", "1");
        config.put("kafka.bootstrap.servers", kc.bootstrapServers());
        deploy("state-api", config, node);
        Await.quietly("3,000 messages processed in the state", Duration.ofMinutes(2), () -> {
            JsonNode s = state(kc, "state-api");
            return s.path("partitions").size() == 2 && total(s, "total_processed_count") == 3_000;
        });
        JsonNode s = state(kc, "state-api");
        for (JsonNode p : s.path("partitions")) {
            assertEquals(topic, p.path("stream").asText());
            assertEquals("DROP", p.path("error_policy").asText());
            assertEquals(p.path("latest_pointer").asText(), p.path("committed_pointer").asText(), "caught up: " + p);
            assertEquals(0, p.path("pointer_based_lag").asLong(), p.toString());
        }
        assertTrue(total(s, "total_version_conflicts_count") > 0, "out-of-order versions are counted as stale");

        // pause: Connect's own state says PAUSED
        assertTrue(Http.plain().post(kc.connectUrl() + "/inlet/connectors/state-api/_pause", "").ok());
        Await.quietly("connector PAUSED", Duration.ofSeconds(60),
                () -> "PAUSED".equals(ConnectTestSupport.status(kc, "state-api").path("connector").path("state").asText()));
        assertTrue(Http.plain().post(kc.connectUrl() + "/inlet/connectors/state-api/_resume", "").ok());
        Await.quietly("connector RUNNING", Duration.ofSeconds(60),
                () -> "RUNNING".equals(ConnectTestSupport.status(kc, "state-api").path("connector").path("state").asText()));

        // a second batch after a known time; resume with a reset to that time re-applies exactly that batch
        Thread.sleep(1_100);
        long mark = System.currentTimeMillis();
        Thread.sleep(1_100);
        ChangeStream second = new ChangeStream(1_000, 500, 6);
        ConnectTestSupport.produce(kc.bootstrapServers(), topic, second.payloads());
        Await.quietly("all 4,000 offsets committed", Duration.ofMinutes(2),
                () -> ConnectTestSupport.committedOffsets(kc, "state-api").values().stream().mapToLong(Long::longValue).sum() == 4_000);
        Map<String, IndexReader.Doc> before = IndexReader.readAll(node, "state-api");
        String body = "{\"reset_settings\":[{\"partition\":0,\"mode\":\"timestamp\",\"value\":" + mark + "},"
                + "{\"partition\":1,\"mode\":\"timestamp\",\"value\":" + mark + "}]}";
        Http.Response r = Http.plain().post(kc.connectUrl() + "/inlet/connectors/state-api/_resume", body);
        assertTrue(r.ok(), r.body());
        Await.quietly("the 1,000 messages after the mark re-applied", Duration.ofMinutes(2),
                () -> total(state(kc, "state-api"), "total_processed_count") == 1_000);
        Thread.sleep(2_000);
        JsonNode after = state(kc, "state-api");
        assertEquals(1_000, total(after, "total_processed_count"), "exactly the messages after the mark, no more");
        assertEquals(1_000, total(after, "total_version_conflicts_count"), "every re-applied message was absorbed as stale");
        assertEquals(before, IndexReader.readAll(node, "state-api"), "re-applying changes nothing in the index");
        assertEquals(List.of("RUNNING"), List.of(ConnectTestSupport.status(kc, "state-api").path("connector").path("state").asText()));

        // an offset past a partition's end is refused (Connect would start that partition again from its earliest)
        Http.Response past = Http.plain().post(kc.connectUrl() + "/inlet/connectors/state-api/_resume",
                "{\"reset_settings\":[{\"partition\":0,\"mode\":\"offset\",\"value\":99999999}]}");
        assertEquals(400, past.status(), past.body());
        assertTrue(past.body().contains("past the end of the partition") && past.body().contains("or mode latest"), past.body());
        assertEquals("RUNNING", ConnectTestSupport.status(kc, "state-api").path("connector").path("state").asText(),
                "a refused reset leaves the connector running");

        // bad requests: 400 saying what to send, and nothing changes
        Map<Integer, Long> committed = ConnectTestSupport.committedOffsets(kc, "state-api");
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("{\"reset_settings\":", "not valid JSON");
        refused.put("{\"reset_settings\":[{\"partition\":0,\"mode\":\"earliest\",\"shard\":\"x\"}]}",
                "in reset_settings entry");
        refused.put("{\"reset_settings\":[{\"partition\":7,\"mode\":\"earliest\"}]}",
                "which has partitions 0 to 1: write one of those");
        refused.put("{\"reset_settings\":[{\"topic\":\"elsewhere\",\"partition\":0,\"mode\":\"earliest\"}]}",
                "which the connector does not read");
        refused.put("{\"reset_settings\":[{\"partition\":0,\"mode\":\"timestamp\",\"value\":\"2999-01-01T00:00:00Z\"}]}",
                "is in the future");
        refused.put("{\"reset_settings\":[{\"partition\":0,\"mode\":\"earliest\"}],\"pad\":\"" + "x".repeat(1 << 20)
                + "\"}", "larger than");
        refused.forEach((request, message) -> {
            Http.Response bad = Http.plain().post(kc.connectUrl() + "/inlet/connectors/state-api/_resume", request);
            assertEquals(400, bad.status(), bad.body());
            assertTrue(bad.body().contains(message), message + " in " + bad.body());
        });
        assertEquals("RUNNING", ConnectTestSupport.status(kc, "state-api").path("connector").path("state").asText());
        assertEquals(committed, ConnectTestSupport.committedOffsets(kc, "state-api"), "no offset moved");
    }
}
