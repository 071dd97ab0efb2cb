package io.inlet.common.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.common.config.InletConfig;
import io.inlet.common.ingest.Ingestion;
import io.inlet.common.ingest.IngestionFactory;
import io.inlet.common.message.Pointer;
import io.inlet.common.redrive.RedriveConflictException;
import io.inlet.common.redrive.RedrivePipeline;
import io.inlet.common.redrive.RedriveSelection;
import io.inlet.common.redrive.Redrives;
import io.inlet.services.OpenSearchNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensearch.client.RestHighLevelClient;

/**
 * Dead-letter re-drive against OpenSearch 3.x and 2.x: messages refused by a strict mapping are dead-lettered; the
 * mapping gets the missing field; a re-drive writes them, except where a newer version arrived meanwhile (stale, not
 * overwritten) and where the message is refused again (it stays, with its new reason). A second run changes nothing;
 * a run whose owner stopped heartbeating is resumed with its selection; one holding its lease refuses a second.
 */
class RedriveIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "OpenSearch {0}", autoCloseArguments = false)
    @MethodSource("io.inlet.common.it.Pipelines#bothVersions")
    void aFixedMappingTakesTheDeadLettersBackOnceWithoutOverwritingNewerVersions(OpenSearchNode node) throws Exception {
        String v = node.version().replace('.', '-');
        String index = "orders-rd-" + v;
        String dlq = index + "-dead-letters";
        String ledger = "inlet-redrive-" + v;
        Pipelines.createIndex(node, index, "{\"dynamic\":\"strict\",\"properties\":{\"n\":{\"type\":\"integer\"}}}");
        InletConfig c = Targets.config(node, dlq, "index", index, "dlq.redrive.index", ledger,
                "dlq.redrive.batch_size", "7");
        try (RestHighLevelClient client = Pipelines.client(node); Ingestion ingestion = Targets.ingestion(client, c)) {
            for (int i = 0; i < 100; i++) {
                ingestion.accept(Targets.message(i, 1_000 + i, "{\"_id\":\"o" + i + "\",\"_version\":1,\"_source\":{\"n\":" + i + "}}"));
            }
            // version 2 carries a field the strict mapping does not have yet
            for (int i = 0; i < 50; i++) {
                ingestion.accept(Targets.message(100 + i, 2_000 + i, "{\"_id\":\"o" + i + "\",\"_version\":2,"
                        + "\"_source\":{\"n\":" + (100 + i) + ",\"note\":\"v2\"}}"));
            }
            // version 3 of o0..o9 arrives meanwhile, without the field
            for (int i = 0; i < 10; i++) {
                ingestion.accept(Targets.message(150 + i, 3_000 + i, "{\"_id\":\"o" + i + "\",\"_version\":3,"
                        + "\"_source\":{\"n\":" + (1000 + i) + "}}"));
            }
            // refused for the field first, and for its number once the field is mapped
            ingestion.accept(Targets.message(160, 4_000, "{\"_id\":\"bad\",\"_version\":1,\"_source\":{\"note\":\"x\",\"n\":\"abc\"}}"));
            Pipelines.awaitIdle(ingestion, Duration.ofMinutes(1));
        }
        Map<String, String> reasons = Targets.deadLetters(node, dlq);
        assertEquals(51, reasons.size(), reasons.toString());
        assertTrue(reasons.values().stream().allMatch("strict_dynamic_mapping_exception"::equals), reasons.toString());

        assertTrue(node.client().put(node.url() + "/" + index + "/_mapping",
                "{\"properties\":{\"note\":{\"type\":\"keyword\"}}}").ok());
        RedrivePipeline pipeline = new RedrivePipeline("orders-" + v, c, IngestionFactory.SourceRules.kinesis(),
                Pointer.Kind.KAFKA_OFFSET, List.of("events"));
        try (RestHighLevelClient client = Pipelines.client(node); Redrives redrives = new Redrives("test-worker")) {
            JsonNode done = redrives.start(pipeline, client.getLowLevelClient(),
                    RedriveSelection.parse(JSON.readTree("{\"reason\":\"strict_dynamic_mapping_exception\"}")), () -> { }, true);
            assertEquals("done", done.path("status").asText(), done.toString());
            assertEquals(51, done.path("selected").asLong(), done.toString());
            assertEquals(40, done.path("indexed").asLong(), done.toString());
            assertEquals(10, done.path("stale").asLong(), "o0..o9 hold version 3: " + done);
            assertEquals(1, done.path("rejected").asLong(), done.toString());

            Map<String, Targets.Stored> docs = byId(Targets.read(node, index));
            assertEquals(101 - 1, docs.size());
            for (int i = 0; i < 100; i++) {
                Targets.Stored d = docs.get("o" + i);
                long expected = i < 10 ? 3 : i < 50 ? 2 : 1;
                assertEquals(expected, d.version(), "o" + i + ": " + d);
                assertEquals(i < 10 ? 1000 + i : i < 50 ? 100 + i : i, d.source().path("n").asInt(), "o" + i);
                assertEquals(i >= 10 && i < 50 ? "v2" : "", d.source().path("note").asText(), "o" + i);
            }
            Map<String, JsonNode> entries = entries(node, dlq);
            assertEquals(51, entries.size(), "re-driven entries stay, marked");
            for (int i = 0; i < 50; i++) {
                JsonNode e = entries.get(Integer.toString(100 + i));
                assertEquals(i < 10 ? "stale" : "indexed", e.path("redrive_result").asText(), e.toString());
                assertTrue(e.path("redriven_at").asLong() > 0, e.toString());
            }
            JsonNode bad = entries.get("160");
            assertEquals("rejected", bad.path("redrive_result").asText(), bad.toString());
            assertEquals("mapper_parsing_exception", bad.path("reason").asText(), "the new reason: " + bad);
            assertEquals("strict_dynamic_mapping_exception", bad.path("first_reason").asText(), bad.toString());

            // a second run changes nothing: no entry selected, the index and the marks as they were
            JsonNode again = redrives.start(pipeline, client.getLowLevelClient(), RedriveSelection.all(), () -> { }, true);
            assertEquals(0, again.path("selected").asLong(), again.toString());
            assertEquals(0, again.path("processed").asLong(), again.toString());
            assertEquals(docs, byId(Targets.read(node, index)));
            assertEquals(entries, entries(node, dlq));

            // include_rejected tries the entry refused again once more; it is refused again, and stays
            JsonNode retried = redrives.start(pipeline, client.getLowLevelClient(),
                    RedriveSelection.parse(JSON.readTree("{\"include_rejected\":true}")), () -> { }, true);
            assertEquals(1, retried.path("selected").asLong(), retried.toString());
            assertEquals(1, retried.path("rejected").asLong(), retried.toString());
            assertEquals("done", Redrives.state(pipeline.name(), client.getLowLevelClient(), ledger).path("status").asText());
        }
    }

    @ParameterizedTest(name = "OpenSearch {0}", autoCloseArguments = false)
    @MethodSource("io.inlet.common.it.Pipelines#bothVersions")
    void aRunHoldingItsLeaseRefusesASecondAndAnInterruptedOneIsResumedWithItsSelection(OpenSearchNode node)
            throws Exception {
        String v = node.version().replace('.', '-');
        String index = "orders-rl-" + v;
        String dlq = index + "-dead-letters";
        String ledger = "inlet-redrive-lease-" + v;
        Pipelines.createIndex(node, index, "{\"dynamic\":\"strict\",\"properties\":{\"n\":{\"type\":\"integer\"}}}");
        InletConfig c = Targets.config(node, dlq, "index", index, "dlq.redrive.index", ledger);
        try (RestHighLevelClient client = Pipelines.client(node); Redrives redrives = new Redrives("worker-a")) {
            // no dead letter yet, not even the index: nothing to do, said plainly
            JsonNode none = redrives.start(new RedrivePipeline("empty-" + v, c, IngestionFactory.SourceRules.kinesis(),
                    Pointer.Kind.KAFKA_OFFSET, List.of("events")), client.getLowLevelClient(), null, () -> { }, true);
            assertEquals("done", none.path("status").asText(), none.toString());
            assertEquals(0, none.path("selected").asLong(), none.toString());
        }
        try (RestHighLevelClient client = Pipelines.client(node); Ingestion ingestion = Targets.ingestion(client, c)) {
            for (int i = 0; i < 30; i++) {
                String field = i < 20 ? "note" : "other";
                ingestion.accept(Targets.message(i, 1_000 + i, "{\"_id\":\"o" + i + "\",\"_version\":1,"
                        + "\"_source\":{\"n\":" + i + ",\"" + field + "\":\"x\"}}"));
            }
            Pipelines.awaitIdle(ingestion, Duration.ofMinutes(1));
        }
        assertEquals(30, Targets.deadLetters(node, dlq).size());
        assertTrue(node.client().put(node.url() + "/" + index + "/_mapping",
                "{\"properties\":{\"note\":{\"type\":\"keyword\"},\"other\":{\"type\":\"keyword\"}}}").ok());
        RedrivePipeline pipeline = new RedrivePipeline("lease-" + v, c, IngestionFactory.SourceRules.kinesis(),
                Pointer.Kind.KAFKA_OFFSET, List.of("events"));
        // another worker runs a re-drive of the first 20 offsets and heartbeats
        long now = System.currentTimeMillis();
        ObjectNode running = JSON.createObjectNode().put("pipeline", pipeline.name()).put("run_id", "r-1")
                .put("status", "running").put("owner", "worker-b").put("started_at", now).put("heartbeat_at", now)
                .put("resumes", 0).put("indexed", 0);
        running.set("selection", RedriveSelection.parse(JSON.readTree("{\"partition\":\"0\"}")).toJson());
        putLedger(node, ledger, pipeline.name(), running);
        try (RestHighLevelClient client = Pipelines.client(node); Redrives redrives = new Redrives("worker-a")) {
            RedriveConflictException conflict = assertThrows(RedriveConflictException.class, () ->
                    redrives.start(pipeline, client.getLowLevelClient(), null, () -> { }, true));
            assertTrue(conflict.getMessage().contains("running on worker-b"), conflict.getMessage());
            assertEquals(0, Targets.read(node, index).size(), "nothing written while worker-b holds the lease");

            // worker-b died: its heartbeat is older than the lease
            running.put("heartbeat_at", now - 60_000);
            putLedger(node, ledger, pipeline.name(), running);
            assertEquals("interrupted", Redrives.state(pipeline.name(), client.getLowLevelClient(), ledger)
                    .path("status").asText());
            JsonNode resumed = redrives.start(pipeline, client.getLowLevelClient(), null, () -> { }, true);
            assertEquals("r-1", resumed.path("run_id").asText(), "the same run, resumed: " + resumed);
            assertEquals(1, resumed.path("resumes").asInt(), resumed.toString());
            assertEquals("worker-a", resumed.path("owner").asText());
            assertEquals("done", resumed.path("status").asText());
            assertEquals(30, resumed.path("indexed").asLong(), resumed.toString());
            assertEquals(30, Targets.read(node, index).size());
        }
    }

    private static void putLedger(OpenSearchNode node, String ledger, String id, ObjectNode doc) {
        assertTrue(node.client().put(node.url() + "/" + ledger + "/_doc/" + id + "?refresh=true", doc.toString()).ok());
    }

    private static Map<String, Targets.Stored> byId(List<Targets.Stored> docs) {
        Map<String, Targets.Stored> out = new HashMap<>();
        docs.forEach(d -> out.put(d.id(), d));
        return out;
    }

    /** The dead-letter entries, by pointer. */
    private static Map<String, JsonNode> entries(OpenSearchNode node, String dlq) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        for (Targets.Stored s : Targets.read(node, dlq)) {
            out.put(s.source().path("pointer").asText(), s.source());
        }
        return out;
    }
}
