package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.it.ChangeStream;
import io.inlet.common.it.IndexReader;
import io.inlet.services.EmbeddedKafkaConnect;
import io.inlet.services.Http;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.Services;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inlet's REST extension on the Connect worker: state for all tasks, pause, resume, resume with a reset. */
class StateApiIT {

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
        OpenSearchNode node = Services.openSearch3();
        EmbeddedKafkaConnect kc = KafkaTestCluster.get();
        String topic = "state-api";
        kc.cluster().kafka().createTopic(topic, 2);
        ChangeStream first = new ChangeStream(3_000, 500, 5);
        ConnectTestSupport.produce(kc.bootstrapServers(), topic, first.payloads());

        Map<String, String> config = ConnectTestSupport.config(node, topic, "state-api");
        // one task: with two, a rebalance as the second task starts would restart the counters mid-test
        config.put("tasks.max", "1");
        config.put("kafka.bootstrap.servers", kc.bootstrapServers());
        ConnectTestSupport.deploy(kc, "state-api", config);
        ConnectTestSupport.await("3,000 messages processed in the state", Duration.ofMinutes(2), () -> {
            try {
                JsonNode s = state(kc, "state-api");
                return s.path("partitions").size() == 2 && total(s, "total_processed_count") == 3_000;
            } catch (Exception | AssertionError e) {
                return false;
            }
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
        ConnectTestSupport.await("connector PAUSED", Duration.ofSeconds(60), () -> {
            try {
                return "PAUSED".equals(ConnectTestSupport.status(kc, "state-api").path("connector").path("state").asText());
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
        assertTrue(Http.plain().post(kc.connectUrl() + "/inlet/connectors/state-api/_resume", "").ok());
        ConnectTestSupport.await("connector RUNNING", Duration.ofSeconds(60), () -> {
            try {
                return "RUNNING".equals(ConnectTestSupport.status(kc, "state-api").path("connector").path("state").asText());
            } catch (Exception | AssertionError e) {
                return false;
            }
        });

        // a second batch after a known time; resume with a reset to that time re-applies exactly that batch
        Thread.sleep(1_100);
        long mark = System.currentTimeMillis();
        Thread.sleep(1_100);
        ChangeStream second = new ChangeStream(1_000, 500, 6);
        ConnectTestSupport.produce(kc.bootstrapServers(), topic, second.payloads());
        ConnectTestSupport.await("all 4,000 offsets committed", Duration.ofMinutes(2), () -> {
            try {
                return ConnectTestSupport.committedOffsets(kc, "state-api").values().stream().mapToLong(Long::longValue).sum() == 4_000;
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
        Map<String, IndexReader.Doc> before = IndexReader.readAll(node, "state-api");
        String body = "{\"reset_settings\":[{\"partition\":0,\"mode\":\"timestamp\",\"value\":" + mark + "},"
                + "{\"partition\":1,\"mode\":\"timestamp\",\"value\":" + mark + "}]}";
        Http.Response r = Http.plain().post(kc.connectUrl() + "/inlet/connectors/state-api/_resume", body);
        assertTrue(r.ok(), r.body());
        ConnectTestSupport.await("the 1,000 messages after the mark re-applied", Duration.ofMinutes(2), () -> {
            try {
                JsonNode now = state(kc, "state-api");
                return total(now, "total_processed_count") == 1_000;
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
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
        ConnectTestSupport.delete(kc, "state-api");
    }
}
