package io.inlet.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.it.IndexReader;
import io.inlet.kinesis.kcl.LeaseTableSchema;
import io.inlet.services.Await;
import io.inlet.services.Http;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code pointer.init.reset} on fresh applications (earliest, latest, reset_by_timestamp, reset_by_offset,
 * none), and {@code POST /ingestion/_resume} with {@code reset_settings} on a running worker.
 */
class ResetIT extends WithWorkerKit {

    /** {@code n} envelopes {@code <prefix>-<i>}, each with its own id and version 1. */
    private static List<byte[]> records(String prefix, int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(("{\"_id\":\"" + prefix + "-" + i + "\",\"_version\":1,\"_source\":{\"seq\":" + i + "}}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static long processed(int port) {
        return WorkerTestKit.total(kit.state(port), "total_processed_count");
    }

    private static Set<String> ids(String index) throws Exception {
        return new TreeSet<>(IndexReader.readAll(kit.openSearch, index).keySet());
    }

    @Test
    void latestReadsOnlyWhatArrivesAfterTheStart() throws Exception {
        String stream = WorkerTestKit.unique("latest");
        String app = WorkerTestKit.unique("app-latest");
        kit.createStream(stream, 2);
        kit.put(stream, records("old", 20), WorkerTestKit::idOf);
        Map<String, String> config = kit.config(stream, app, stream);
        config.put("pointer.init.reset", "latest");
        try (KinesisWorker worker = kit.startInProcess(config)) {
            int port = worker.managementPort();
            Await.quietly("both shards initialized", Duration.ofSeconds(60),
                    () -> kit.state(port).path("partitions").size() == 2);
            Thread.sleep(1_000); // each shard takes its LATEST iterator on its first read
            List<WorkerTestKit.Put> fresh = kit.put(stream, records("new", 10), WorkerTestKit::idOf);
            Await.quietly("the 10 new records checkpointed", Duration.ofSeconds(60),
                    () -> WorkerTestKit.lastSequenceNumbers(fresh).equals(kit.checkpoints(app)));
            assertEquals(10, processed(port));
        }
        assertEquals(new TreeSet<>(List.of("new-0", "new-1", "new-2", "new-3", "new-4", "new-5", "new-6", "new-7",
                "new-8", "new-9")), ids(stream));
    }

    @Test
    void byTimestampStartsAtTheFirstRecordAtOrAfterIt() throws Exception {
        String stream = WorkerTestKit.unique("bytime");
        String app = WorkerTestKit.unique("app-bytime");
        kit.createStream(stream, 2);
        kit.put(stream, records("before", 20), WorkerTestKit::idOf);
        Thread.sleep(1_200);
        long at = System.currentTimeMillis();
        Thread.sleep(300);
        List<WorkerTestKit.Put> after = kit.put(stream, records("after", 15), WorkerTestKit::idOf);
        Map<String, String> config = kit.config(stream, app, stream);
        config.put("pointer.init.reset", "reset_by_timestamp");
        config.put("pointer.init.reset.value", Long.toString(at));
        try (KinesisWorker worker = kit.startInProcess(config)) {
            Await.quietly("the 15 later records checkpointed", Duration.ofSeconds(60),
                    () -> WorkerTestKit.lastSequenceNumbers(after).equals(kit.checkpoints(app)));
            assertEquals(15, processed(worker.managementPort()));
        }
        assertTrue(ids(stream).stream().allMatch(id -> id.startsWith("after-")), ids(stream).toString());
        assertEquals(15, ids(stream).size());
    }

    @Test
    void byOffsetStartsItsShardAtThatRecordAndTheOthersAtTheEarliest() throws Exception {
        String stream = WorkerTestKit.unique("byoffset");
        String app = WorkerTestKit.unique("app-byoffset");
        kit.createStream(stream, 2);
        List<WorkerTestKit.Put> puts = kit.put(stream, records("r", 60), WorkerTestKit::idOf);
        List<WorkerTestKit.Put> shard1 = puts.stream().filter(p -> p.shardId().equals("shardId-000000000001")).toList();
        List<WorkerTestKit.Put> shard0 = puts.stream().filter(p -> p.shardId().equals("shardId-000000000000")).toList();
        assertTrue(shard1.size() > 10 && shard0.size() > 0, "both shards have records");
        WorkerTestKit.Put start = shard1.get(shard1.size() / 2);
        Map<String, String> config = kit.config(stream, app, stream);
        config.put("pointer.init.reset", "reset_by_offset");
        config.put("pointer.init.reset.value", start.sequenceNumber());
        try (KinesisWorker worker = kit.startInProcess(config)) {
            int port = worker.managementPort();
            Await.quietly("every record checkpointed", Duration.ofSeconds(60),
                    () -> WorkerTestKit.lastSequenceNumbers(puts).equals(kit.checkpoints(app)));
            JsonNode state = kit.state(port);
            assertEquals(shard1.size() - shard1.size() / 2, WorkerTestKit.shard(state, "shardId-000000000001")
                    .path("counters").path("total_processed_count").asLong(), "shard 1 from the given record on: " + state);
            assertEquals(shard0.size(), WorkerTestKit.shard(state, "shardId-000000000000")
                    .path("counters").path("total_processed_count").asLong(), "shard 0 from its earliest record");
        }
        String firstId = WorkerTestKit.idOf(start.data());
        assertTrue(ids(stream).contains(firstId), "the given record itself is read");
        assertEquals(shard0.size() + shard1.size() - shard1.size() / 2, ids(stream).size());

        Map<String, String> wrong = kit.config(stream, WorkerTestKit.unique("app-byoffset-bad"), stream);
        wrong.put("pointer.init.reset", "reset_by_offset");
        wrong.put("pointer.init.reset.value", "12345");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kit.startInProcess(wrong));
        assertTrue(e.getMessage().contains("is not the sequence number of a record in stream"), e.getMessage());
    }

    @Test
    void noneRefusesAnApplicationWithNothingCommittedAndResumesOneWithCheckpoints() throws Exception {
        String stream = WorkerTestKit.unique("none");
        String app = WorkerTestKit.unique("app-none");
        kit.createStream(stream, 1);
        List<WorkerTestKit.Put> first = kit.put(stream, records("a", 10), WorkerTestKit::idOf);
        Map<String, String> config = kit.config(stream, app, stream);
        config.put("pointer.init.reset", "none");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kit.startInProcess(config));
        assertTrue(e.getMessage().contains("pointer.init.reset=none, and application " + app + " has no lease table")
                && e.getMessage().contains("Start it once with pointer.init.reset=earliest"), e.getMessage());
        assertFalse(LeaseTableSchema.exists(kit.aws.dynamoDb(), app), "nothing created");

        config.put("pointer.init.reset", "earliest");
        try (KinesisWorker worker = kit.startInProcess(config)) {
            Await.quietly("the first 10 checkpointed", Duration.ofSeconds(60),
                    () -> WorkerTestKit.lastSequenceNumbers(first).equals(kit.checkpoints(app)));
        }
        List<WorkerTestKit.Put> second = kit.put(stream, records("b", 5), WorkerTestKit::idOf);
        config.put("pointer.init.reset", "none");
        try (KinesisWorker worker = kit.startInProcess(config)) {
            Await.quietly("the 5 new records checkpointed", Duration.ofSeconds(60),
                    () -> WorkerTestKit.lastSequenceNumbers(second).equals(kit.checkpoints(app)));
            assertEquals(5, processed(worker.managementPort()), "resumed after the checkpoints");
        }
    }

    @Test
    void resumeWithResetSettingsRewindsShardsOfARunningWorker() throws Exception {
        String stream = WorkerTestKit.unique("rewind");
        String app = WorkerTestKit.unique("app-rewind");
        kit.createStream(stream, 2);
        List<WorkerTestKit.Put> early = kit.put(stream, records("early", 20), WorkerTestKit::idOf);
        try (KinesisWorker worker = kit.startInProcess(kit.config(stream, app, stream))) {
            int port = worker.managementPort();
            Await.quietly("the first 20 acknowledged", Duration.ofSeconds(60), () -> processed(port) == 20);
            Thread.sleep(1_200);
            long at = System.currentTimeMillis();
            Thread.sleep(300);
            List<WorkerTestKit.Put> late = kit.put(stream, records("late", 16), WorkerTestKit::idOf);
            List<WorkerTestKit.Put> all = new ArrayList<>(early);
            all.addAll(late);
            Await.quietly("all 36 checkpointed", Duration.ofSeconds(60),
                    () -> WorkerTestKit.lastSequenceNumbers(all).equals(kit.checkpoints(app)));

            Http.Response r = kit.call(port, "POST", "/ingestion/_resume", "{\"reset_settings\":["
                    + "{\"shard\":\"shardId-000000000000\",\"mode\":\"timestamp\",\"value\":" + at + "},"
                    + "{\"shard\":\"shardId-000000000001\",\"mode\":\"timestamp\",\"value\":\"" + java.time.Instant.ofEpochMilli(at) + "\"}]}");
            assertEquals(200, r.status(), r.body());
            JsonNode checkpoints = WorkerTestKit.JSON.readTree(r.body()).path("checkpoints");
            for (String shard : List.of("shardId-000000000000", "shardId-000000000001")) {
                String firstLate = late.stream().filter(p -> p.shardId().equals(shard)).findFirst().orElseThrow().sequenceNumber();
                assertEquals("at " + firstLate, checkpoints.path(shard).asText(), r.body());
            }
            Await.quietly("the 16 late records re-applied", Duration.ofSeconds(60), () -> processed(port) == 16
                    && WorkerTestKit.lastSequenceNumbers(all).equals(kit.checkpoints(app)));
            Thread.sleep(500);
            JsonNode state = kit.state(port);
            assertEquals(16, WorkerTestKit.total(state, "total_processed_count"), "exactly the records after the time: " + state);
            assertEquals(16, WorkerTestKit.total(state, "total_version_conflicts_count"), "each already there: stale");

            WorkerTestKit.Put target = early.get(5);
            long expected = all.stream().filter(p -> p.shardId().equals(target.shardId())
                    && p.sequence().compareTo(target.sequence()) >= 0).count();
            r = kit.call(port, "POST", "/ingestion/_resume", "{\"reset_settings\":[{\"shard\":\"" + target.shardId()
                    + "\",\"mode\":\"offset\",\"value\":\"" + target.sequenceNumber() + "\"}]}");
            assertEquals(200, r.status(), r.body());
            Await.quietly("the shard re-read from the record", Duration.ofSeconds(60),
                    () -> WorkerTestKit.total(kit.state(port), "total_processed_count") == expected
                            && WorkerTestKit.lastSequenceNumbers(all).equals(kit.checkpoints(app)));

            r = kit.call(port, "POST", "/ingestion/_resume", "{\"reset_settings\":[{\"shard\":\"shardId-000000000000\","
                    + "\"mode\":\"earliest\"},{\"shard\":\"shardId-000000000001\",\"mode\":\"earliest\"}]}");
            assertEquals(200, r.status(), r.body());
            Await.quietly("all 36 re-read", Duration.ofSeconds(60), () -> processed(port) == 36);

            Http.Response unknown = kit.call(port, "POST", "/ingestion/_resume",
                    "{\"reset_settings\":[{\"shard\":\"shardId-000000000009\",\"mode\":\"earliest\"}]}");
            assertEquals(400, unknown.status(), unknown.body());
            assertTrue(unknown.body().contains("has no shard shardId-000000000009"), unknown.body());
            String otherShard = target.shardId().equals("shardId-000000000000") ? "shardId-000000000001" : "shardId-000000000000";
            Http.Response wrongShard = kit.call(port, "POST", "/ingestion/_resume", "{\"reset_settings\":[{\"shard\":\""
                    + otherShard + "\",\"mode\":\"offset\",\"value\":\"" + target.sequenceNumber() + "\"}]}");
            assertEquals(400, wrongShard.status(), wrongShard.body());
            assertTrue(wrongShard.body().contains("is not a record of shard"), wrongShard.body());
            Map<String, String> checkpointsBefore = kit.checkpoints(app);
            long processedBefore = processed(port);
            for (String[] bad : new String[][] {
                    {"{\"reset_settings\":", "not valid JSON"},
                    {"{\"reset_settings\":[{\"shard\":\"shardId-000000000000\",\"mode\":\"earliest\",\"at\":1}]}",
                            "in reset_settings entry"},
                    {"{\"reset_settings\":[{\"shard\":\"shardId-000000000000\",\"mode\":\"timestamp\","
                            + "\"value\":\"2999-01-01T00:00:00Z\"}]}", "is in the future"},
                    {"{\"pad\":\"" + "x".repeat((1 << 20) + 1) + "\"}", "larger than"}}) {
                Http.Response r400 = kit.call(port, "POST", "/ingestion/_resume", bad[0]);
                assertEquals(400, r400.status(), r400.body());
                assertTrue(r400.body().contains(bad[1]), bad[1] + " in " + r400.body());
            }
            assertEquals(checkpointsBefore, kit.checkpoints(app), "a refused reset moves no checkpoint");
            assertEquals(processedBefore, processed(port), "and re-reads nothing");
            assertEquals(200, kit.call(port, "GET", "/health", null).status());
        }
        assertEquals(36, ids(stream).size());
    }
}
