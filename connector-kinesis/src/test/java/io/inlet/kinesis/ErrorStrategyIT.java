package io.inlet.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.it.IndexReader;
import io.inlet.common.it.Pipelines;
import io.inlet.services.Await;
import io.inlet.services.Http;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Records OpenSearch or the mapper refuses: under DROP they go to the dead-letter index with their
 * shard, sequence number and reason, and the shard moves on; under BLOCK the shard stops at the record
 * (its checkpoint stays before it), the state shows why, and switching to DROP at runtime moves on.
 */
class ErrorStrategyIT extends WithWorkerKit {

    private static final String MAPPING = "{\"properties\":{\"amount\":{\"type\":\"integer\"}}}";

    private static byte[] good(int i) {
        return ("{\"_id\":\"doc-" + i + "\",\"_version\":" + (i + 1) + ",\"_source\":{\"amount\":" + i + ",\"seq\":" + i + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void dropSendsEachPoisonRecordToTheDeadLetterIndexWithItsReason() throws Exception {
        String stream = WorkerTestKit.unique("drop");
        String app = WorkerTestKit.unique("app-drop");
        kit.createStream(stream, 1);
        Pipelines.createIndex(kit.openSearch, stream, MAPPING);
        List<byte[]> records = new ArrayList<>();
        Map<Integer, String> poison = new TreeMap<>();
        for (int i = 0; i < 40; i++) {
            records.add(good(i));
        }
        poison.put(5, "MALFORMED_JSON");
        records.set(5, bytes("{\"_id\":\"bad-json\",\"_source\":{\"amount\":"));
        poison.put(11, "BAD_VERSION");
        records.set(11, bytes("{\"_id\":\"bad-version\",\"_version\":\"abc\",\"_source\":{\"amount\":1}}"));
        poison.put(17, "UNKNOWN_OP_TYPE");
        records.set(17, bytes("{\"_id\":\"bad-op\",\"_op_type\":\"upsert\",\"_source\":{\"amount\":1}}"));
        poison.put(23, "NOT_AN_OBJECT");
        records.set(23, bytes("[1,2,3]"));
        poison.put(29, "mapping");
        records.set(29, bytes("{\"_id\":\"bad-mapping\",\"_version\":1,\"_source\":{\"amount\":\"not a number\"}}"));
        List<WorkerTestKit.Put> puts = kit.put(stream, records, p -> "k");
        Map<String, String> config = kit.config(stream, app, stream);
        config.put("error_strategy", "DROP");
        config.put("dlq.index", "${stream}-dlq");

        try (KinesisWorker worker = kit.startInProcess(config)) {
            Await.quietly("every record checkpointed", Duration.ofSeconds(60),
                    () -> WorkerTestKit.lastSequenceNumbers(puts).equals(kit.checkpoints(app)));
            JsonNode shard = WorkerTestKit.shard(kit.state(worker.managementPort()), "shardId-000000000000");
            JsonNode counters = shard.path("counters");
            assertEquals(40, counters.path("total_processed_count").asLong(), shard.toString());
            assertEquals(5, counters.path("total_dropped_count").asLong(), shard.toString());
            assertEquals(4, counters.path("total_invalid_message_count").asLong(), shard.toString());
            assertEquals(1, counters.path("total_failed_count").asLong(), shard.toString());
            assertEquals("DROP", shard.path("error_policy").asText());
        }
        Map<String, IndexReader.Doc> dlq = IndexReader.readAll(kit.openSearch, stream + "-dlq");
        assertEquals(5, dlq.size(), dlq.keySet().toString());
        for (Map.Entry<Integer, String> e : poison.entrySet()) {
            WorkerTestKit.Put put = puts.get(e.getKey());
            IndexReader.Doc d = dlq.get(stream + "-shardId-000000000000-" + put.sequenceNumber());
            assertTrue(d != null, "dead letter of record " + e.getKey() + " in " + dlq.keySet());
            JsonNode s = d.source();
            assertEquals(stream, s.path("stream").asText());
            assertEquals("shardId-000000000000", s.path("partition").asText());
            assertEquals(put.sequenceNumber(), s.path("pointer").asText());
            assertEquals(new String(put.data(), StandardCharsets.UTF_8), s.path("raw_payload").asText());
            assertEquals("k", s.path("key").asText(), "the partition key");
            String reason = s.path("reason").asText();
            if (e.getValue().equals("mapping")) {
                assertTrue(reason.endsWith("parsing_exception"), "an OpenSearch mapping error type, got " + reason);
                assertEquals(stream, s.path("target_index").asText());
            } else {
                assertEquals(e.getValue(), reason, s.toString());
            }
        }
        assertEquals(35, IndexReader.count(kit.openSearch, stream), "the good records are indexed");
    }

    @Test
    void blockStopsTheShardAtTheRecordUntilTheStrategyIsSwitchedToDrop() throws Exception {
        String stream = WorkerTestKit.unique("block");
        String app = WorkerTestKit.unique("app-block");
        kit.createStream(stream, 1);
        Pipelines.createIndex(kit.openSearch, stream, MAPPING);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(good(i));
        }
        records.set(12, bytes("{\"_id\":\"bad-mapping\",\"_version\":1,\"_source\":{\"amount\":\"twelve\"}}"));
        List<WorkerTestKit.Put> puts = kit.put(stream, records, p -> "k");
        String poison = puts.get(12).sequenceNumber();
        String beforePoison = puts.get(11).sequenceNumber();
        Map<String, String> config = kit.config(stream, app, stream);
        config.put("error_strategy", "BLOCK");
        config.put("dlq.index", "${stream}-dlq");
        config.put("retry.backoff.ms", "100");
        config.put("retry.backoff.max.ms", "500");

        try (KinesisWorker worker = kit.startInProcess(config)) {
            int port = worker.managementPort();
            Await.quietly("the shard BLOCKED at the poison record", Duration.ofSeconds(60), () -> {
                JsonNode s = WorkerTestKit.shard(kit.state(port), "shardId-000000000000");
                return s.path("poller_state").asText().equals("BLOCKED")
                        && s.path("last_error").path("pointer").asText().equals(poison);
            });
            Await.quietly("the checkpoint at the record before it", Duration.ofSeconds(30),
                    () -> beforePoison.equals(kit.checkpoints(app).get("shardId-000000000000")));
            Thread.sleep(1_500); // several checkpoint intervals: it must not move past the blocked record
            assertEquals(beforePoison, kit.checkpoints(app).get("shardId-000000000000"), "never past the blocked record");
            JsonNode s = WorkerTestKit.shard(kit.state(port), "shardId-000000000000");
            assertEquals("BLOCK", s.path("error_policy").asText());
            assertEquals(beforePoison, s.path("committed_pointer").asText());
            assertTrue(s.path("last_error").path("reason").asText().endsWith("parsing_exception"), s.toString());
            assertTrue(s.path("counters").path("total_retries").asLong() > 0, s.toString());
            assertTrue(new BigInteger(s.path("last_acknowledged_pointer").asText()).compareTo(new BigInteger(poison)) > 0,
                    "records sent with the blocked one, in flight when it was refused, are written (the README's BLOCK): " + s);
            Http.Response metrics = kit.call(port, "GET", "/metrics", null);
            assertTrue(metrics.body().contains("inlet_blocked{partition=\"shardId-000000000000\",pipeline=\"" + app
                    + "\",source=\"" + stream + "\",task=\"worker-1\"} 1.0"), metrics.body());

            Http.Response bad = kit.call(port, "PUT", "/ingestion/_settings", "{\"error_strategy\":\"SKIP\"}");
            assertEquals(400, bad.status(), bad.body());
            Http.Response drop = kit.call(port, "PUT", "/ingestion/_settings", "{\"error_strategy\":\"DROP\"}");
            assertEquals(200, drop.status(), drop.body());
            Await.quietly("every record checkpointed after the switch", Duration.ofSeconds(60),
                    () -> WorkerTestKit.lastSequenceNumbers(puts).equals(kit.checkpoints(app)));
            s = WorkerTestKit.shard(kit.state(port), "shardId-000000000000");
            assertEquals("POLLING", s.path("poller_state").asText(), s.toString());
            assertEquals("DROP", s.path("error_policy").asText());
            assertEquals(1, s.path("counters").path("total_dropped_count").asLong());
        }
        Map<String, IndexReader.Doc> dlq = IndexReader.readAll(kit.openSearch, stream + "-dlq");
        assertEquals(List.of(stream + "-shardId-000000000000-" + poison), new ArrayList<>(dlq.keySet()));
        assertEquals(29, IndexReader.count(kit.openSearch, stream));
    }
}
