package io.inlet.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.it.ChangeStream;
import io.inlet.common.it.IndexReader;
import io.inlet.common.it.Pipelines;
import io.inlet.kinesis.kcl.LeaseTable;
import io.inlet.services.Await;
import io.inlet.services.LocalProcess;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * More than one worker, and more than the shards it started with: two workers of one application share
 * the shards and the survivor of a crash finishes the other's; a shard split mid-stream is read to its
 * end (SHARD_END) before its children.
 */
class ScaleIT extends WithWorkerKit {

    private static final Path CONFIGS = WorkerTestKit.moduleDir().resolve("target/worker-configs");

    private static Set<String> owners(String app) {
        Set<String> out = new HashSet<>();
        LeaseTable.leases(kit.aws.dynamoDb(), app).values().forEach(l -> out.add(l.owner()));
        return out;
    }

    @Test
    void twoWorkersShareTheShardsAndTheSurvivorFinishesTheKilledOnesShards() throws Exception {
        String stream = WorkerTestKit.unique("pair");
        String app = WorkerTestKit.unique("app-pair");
        kit.createStream(stream, 4);
        Pipelines.createIndex(kit.openSearch, stream, null);
        ChangeStream changes = new ChangeStream(3_000, 800, 13);
        List<WorkerTestKit.Put> puts = new ArrayList<>(kit.put(stream, changes.payloads().subList(0, 1_000), WorkerTestKit::idOf));

        Map<String, String> victimConfig = kit.config(stream, app, stream);
        victimConfig.put("worker.id", "victim");
        LocalProcess victim = WorkerTestKit.startProcess("pair-victim", WorkerTestKit.writeConfig(CONFIGS, "pair-victim.json", victimConfig));
        Map<String, String> survivorConfig = kit.config(stream, app, stream);
        survivorConfig.put("worker.id", "survivor");
        try (KinesisWorker survivor = kit.startInProcess(survivorConfig)) {
            int victimPort = WorkerTestKit.managementPort(victim);
            Await.quietly("both workers reading shards", Duration.ofSeconds(60), WorkerTestKit.diagnostics(victim),
                    () -> owners(app).containsAll(Set.of("victim", "survivor"))
                            && kit.state(victimPort).path("partitions").size() >= 1
                            && kit.state(survivor.managementPort()).path("partitions").size() >= 1);
            puts.addAll(kit.put(stream, changes.payloads().subList(1_000, 2_000), WorkerTestKit::idOf));
            Await.quietly("the victim acknowledged some records", Duration.ofSeconds(60),
                    () -> WorkerTestKit.total(kit.state(victimPort), "total_processed_count") > 200);
            victim.kill();
            puts.addAll(kit.put(stream, changes.payloads().subList(2_000, 3_000), WorkerTestKit::idOf));

            Map<String, String> last = WorkerTestKit.lastSequenceNumbers(puts);
            Await.quietly("the survivor checkpointed every shard to its end", Duration.ofSeconds(90),
                    () -> last.equals(kit.checkpoints(app)));
            // a lease the leader was handing to the victim when it died keeps its name until it expires
            // (60 s: on a loaded machine the leader's next assignment round can come late)
            Await.quietly("the survivor owning and reading every shard", Duration.ofSeconds(60),
                    () -> owners(app).equals(Set.of("survivor"))
                            && kit.state(survivor.managementPort()).path("partitions").size() == 4);
            assertEquals(last, kit.checkpoints(app));
            IndexReader.assertMatches(changes.expected(), IndexReader.readAll(kit.openSearch, stream));
        } finally {
            victim.kill();
        }
    }

    /**
     * Two workers of a new application started at the same moment: both initialize and read. (KCL 3.5.1 alone lets
     * the second to create the application's client-version state fail its initialization for good; Inlet writes that
     * state before the scheduler starts, see {@code LeaseBootstrap}.)
     */
    @Test
    void twoWorkersOfANewApplicationStartedAtOnceBothRead() throws Exception {
        String stream = WorkerTestKit.unique("twins");
        String app = WorkerTestKit.unique("app-twins");
        kit.createStream(stream, 4);
        Pipelines.createIndex(kit.openSearch, stream, null);
        ChangeStream changes = new ChangeStream(2_000, 500, 17);
        List<WorkerTestKit.Put> puts = kit.put(stream, changes.payloads(), WorkerTestKit::idOf);
        List<Path> files = new ArrayList<>();
        for (String name : List.of("twin-a", "twin-b")) {
            Map<String, String> c = kit.config(stream, app, stream);
            c.put("worker.id", name);
            files.add(WorkerTestKit.writeConfig(CONFIGS, name + ".json", c));
        }
        LocalProcess a = WorkerTestKit.startProcess("twin-a", files.get(0));
        LocalProcess b = WorkerTestKit.startProcess("twin-b", files.get(1));
        try {
            Await.quietly("both workers owning shards", Duration.ofSeconds(90), WorkerTestKit.diagnostics(b),
                    () -> a.isAlive() && b.isAlive() && owners(app).containsAll(Set.of("twin-a", "twin-b")));
            Map<String, String> last = WorkerTestKit.lastSequenceNumbers(puts);
            Await.quietly("every shard checkpointed to its end", Duration.ofSeconds(90), () -> last.equals(kit.checkpoints(app)));
            assertTrue(a.isAlive() && b.isAlive(), "both workers still running: " + a.tail(20) + b.tail(20));
            assertTrue(!a.tail(2_000).contains("Unable to initialize") && !b.tail(2_000).contains("Unable to initialize"));
            IndexReader.assertMatches(changes.expected(), IndexReader.readAll(kit.openSearch, stream));
        } finally {
            a.kill();
            b.kill();
        }
    }

    @Test
    void aSplitShardIsReadToItsEndBeforeItsChildren() throws Exception {
        String stream = WorkerTestKit.unique("split");
        String app = WorkerTestKit.unique("app-split");
        kit.createStream(stream, 1);
        Pipelines.createIndex(kit.openSearch, stream, null);
        int ids = 300;
        List<WorkerTestKit.Put> parentPuts = kit.put(stream, versions(ids, 1), WorkerTestKit::idOf);
        try (KinesisWorker worker = kit.startInProcess(kit.config(stream, app, stream))) {
            int port = worker.managementPort();
            // paused at once, so the parent still has every record to read when its children get theirs
            assertEquals(200, kit.call(port, "POST", "/ingestion/_pause", null).status());
            String middle = BigInteger.TWO.pow(127).toString();
            kit.aws.kinesis().splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000000")
                    .newStartingHashKey(middle)).join();
            Await.quietly("the stream ACTIVE after the split", Duration.ofSeconds(30), () -> kit.aws.kinesis()
                    .describeStreamSummary(b -> b.streamName(stream)).join().streamDescriptionSummary().streamStatus()
                    == software.amazon.awssdk.services.kinesis.model.StreamStatus.ACTIVE);
            // the same ids again, newer: they land in the children. Read before the parent's end, a child's
            // version 2 would make the parent's version 1 stale: a version conflict
            List<WorkerTestKit.Put> childPuts = kit.put(stream, versions(ids, 2), WorkerTestKit::idOf);
            Set<String> children = new HashSet<>();
            childPuts.forEach(p -> children.add(p.shardId()));
            assertEquals(Set.of("shardId-000000000001", "shardId-000000000002"), children);
            Thread.sleep(1_000);
            assertEquals(200, kit.call(port, "POST", "/ingestion/_resume", null).status());

            Map<String, String> expected = WorkerTestKit.lastSequenceNumbers(childPuts);
            expected.put("shardId-000000000000", "SHARD_END");
            Await.quietly("parent at SHARD_END and children checkpointed to their ends", Duration.ofSeconds(90),
                    () -> expected.equals(kit.checkpoints(app)));
            JsonNode state = kit.state(port);
            JsonNode parent = WorkerTestKit.shard(state, "shardId-000000000000");
            assertEquals("CLOSED", parent.path("poller_state").asText(), state.toString());
            assertEquals(parentPuts.get(parentPuts.size() - 1).sequenceNumber(), parent.path("committed_pointer").asText());
            assertEquals(ids, parent.path("counters").path("total_processed_count").asLong());
            assertEquals(2 * ids, WorkerTestKit.total(state, "total_processed_count"), state.toString());
            assertEquals(0, WorkerTestKit.total(state, "total_version_conflicts_count"),
                    "no child record was written before its parent's: " + state);
        }
        Map<String, IndexReader.Doc> docs = IndexReader.readAll(kit.openSearch, stream);
        assertEquals(ids, docs.size());
        assertTrue(docs.values().stream().allMatch(d -> d.version() == 2), "every id at its newest version");
    }

    /** One envelope per id {@code split-<i>}, all with {@code version}; the partition key is the id. */
    private static List<byte[]> versions(int ids, int version) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < ids; i++) {
            out.add(("{\"_id\":\"split-" + i + "\",\"_version\":" + version + ",\"_source\":{\"v\":" + version + "}}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
