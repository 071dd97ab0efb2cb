package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.state.PartitionSnapshot;
import io.inlet.common.state.PollerState;
import io.inlet.common.writer.BulkItemResult;
import io.inlet.common.writer.FakeBulk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sink task against a fake bulk endpoint and a fake Connect context, in milliseconds: what it hands Connect
 * (offsets to commit, pauses, seeks, commit requests) as OpenSearch answers. The same behaviour against real
 * services is in the ITs (BackpressureIT, BlockIT, CrashIT).
 */
class InletSinkTaskTest {

    private static final AtomicInteger CONNECTORS = new AtomicInteger();
    private static final TopicPartition P0 = new TopicPartition("orders", 0);

    private final FakeContext context = new FakeContext();
    private FakeBulk bulk;
    private InletSinkTask task;

    @AfterEach
    void stop() {
        if (task != null) {
            task.stop();
        }
    }

    private void start(FakeBulk fake, String... settings) {
        bulk = fake;
        Map<String, String> props = new HashMap<>();
        props.put("name", "unit-" + CONNECTORS.incrementAndGet()); // each test its own buffer pool
        props.put("opensearch.hosts", "http://127.0.0.1:1"); // never contacted: the fake answers
        props.put("index", "orders");
        props.put("bulk.linger.ms", "1");
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        task = new InletSinkTask((config, client) -> bulk);
        task.initialize(context);
        task.start(props);
        context.assigned.add(P0);
        task.open(List.of(P0));
    }

    private static FakeBulk held() {
        return new FakeBulk(FakeBulk::ok, false);
    }

    private static List<SinkRecord> records(long from, int count) {
        List<SinkRecord> out = new ArrayList<>();
        for (long o = from; o < from + count; o++) {
            String value = "{\"_id\":\"" + o + "\",\"_version\":1,\"_source\":{\"n\":" + o + "}}";
            out.add(new SinkRecord("orders", 0, null, null, null, value, o));
        }
        return out;
    }

    private Map<TopicPartition, Long> preCommit() {
        Map<TopicPartition, OffsetAndMetadata> current = Map.of(P0, new OffsetAndMetadata(1_000));
        Map<TopicPartition, Long> out = new HashMap<>();
        task.preCommit(current).forEach((tp, o) -> out.put(tp, o.offset()));
        return out;
    }

    /** Answers every request the writer sends until {@code count} records are acknowledged. */
    private void answerUntilAcknowledged(long count) throws InterruptedException {
        bulk.answerUntil(() -> state().counters().processed() >= count, 5_000,
                () -> "acknowledged " + state().counters().processed() + " of " + count);
    }

    private PartitionSnapshot state() {
        return task.ingestion().state().snapshot().find("orders", "0").orElseThrow();
    }

    @Test
    void commitsOnlyWhatOpenSearchAcknowledged() throws Exception {
        start(held());
        task.put(records(0, 5));
        bulk.awaitOutstanding(1, 5_000);

        assertEquals(Map.of(P0, 0L), preCommit(), "nothing acknowledged: the oldest record in flight, never past it");

        answerUntilAcknowledged(5);
        assertEquals(Map.of(P0, 5L), preCommit(), "the offset after the last acknowledged record");
    }

    @Test
    void asksForACommitOnceEverythingReadIsAcknowledged() throws Exception {
        start(new FakeBulk(FakeBulk::ok, true));
        task.put(records(0, 3));
        awaitAcknowledged(3);

        task.put(List.of()); // Connect's next round, with nothing new
        assertEquals(1, context.commitRequests, "the tail of a slow stream is committed without offset.flush.interval.ms");
        assertTrue(context.timeout > 0 && context.timeout <= 1_000, "next poll capped at " + context.timeout);
    }

    @Test
    void aFullBufferHandsRecordsBackAndPausesUntilItDrains() throws Exception {
        start(held(), "buffer.max.messages", "4");
        task.put(records(0, 10));

        assertEquals(Map.of(P0, 4L), context.seeks, "records 4.. are read again after the pause");
        assertEquals(Set.of(P0), context.paused);
        assertEquals(PollerState.PAUSED, state().pollerState());
        assertEquals(4, task.ingestion().writer().bufferedMessages(), "never more than the bound");

        answerUntilAcknowledged(4);
        task.put(List.of());
        assertEquals(Set.of(), context.paused, "resumed once the buffer drained");
        assertEquals(PollerState.POLLING, state().pollerState());
        assertEquals(Map.of(P0, 4L), preCommit());
    }

    @Test
    void aBlockedRecordPausesItsPartitionAndHoldsItsOffset() throws Exception {
        start(new FakeBulk(w -> w.op().id().equals("2")
                ? new BulkItemResult(400, null, "mapper_parsing_exception", "failed to parse field [n]")
                : FakeBulk.ok(w), true), "error_strategy", "BLOCK");
        task.put(records(0, 5));
        awaitBlocked();

        task.put(List.of());
        assertEquals(Set.of(P0), context.paused, "a BLOCKED partition is not read on");
        assertEquals(Map.of(P0, 2L), preCommit(), "the commit stays before the blocked record");
        assertEquals("mapper_parsing_exception", state().lastError().reason());
    }

    @Test
    void aDroppedRecordIsAcknowledgedSoTheCommitMovesPastIt() throws Exception {
        start(new FakeBulk(w -> w.op().id().equals("1")
                ? new BulkItemResult(400, null, "mapper_parsing_exception", "failed to parse field [n]")
                : FakeBulk.ok(w), true), "error_strategy", "DROP");
        task.put(records(0, 3));
        awaitAcknowledged(3);

        assertEquals(Map.of(P0, 3L), preCommit(), "DROP: dead-lettered, then committed past");
        assertEquals(1, state().counters().dropped());
        assertEquals(PollerState.POLLING, state().pollerState());
    }

    @Test
    void aRetriableRefusalIsRetriedAndTheCommitWaitsForIt() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        start(new FakeBulk(w -> w.op().id().equals("1") && tries.incrementAndGet() == 1
                ? new BulkItemResult(429, null, "es_rejected_execution_exception", "queue full")
                : FakeBulk.ok(w), true), "retry.backoff.ms", "10");
        task.put(records(0, 3));
        awaitAcknowledged(3);

        assertEquals(Map.of(P0, 3L), preCommit());
        assertEquals(2, tries.get(), "record 1 was sent again");
        assertEquals(0, state().counters().dropped());
        assertTrue(state().counters().retries() >= 1);
    }

    @Test
    void asksForACommitAsSoonAsABatchIsAcknowledgedEvenWithMoreInFlight() throws Exception {
        start(held(), "max_batch_size", "5");
        task.put(records(0, 5));
        answerUntilAcknowledged(5);
        task.put(records(5, 3)); // in flight, not answered: not settled

        assertEquals(1, context.commitRequests, "a whole batch acknowledged is worth a commit at once");
    }

    @Test
    void aRevokedPartitionIsForgottenAndCommitsNothing() throws Exception {
        start(held());
        task.put(records(0, 3));
        bulk.awaitOutstanding(1, 5_000);

        task.close(List.of(P0));
        context.assigned.remove(P0);
        for (FakeBulk.Call call : bulk.awaitOutstanding(1, 5_000)) {
            bulk.answer(call); // the late answer of a partition no longer ours
        }
        assertTrue(task.ingestion().state().snapshot().find("orders", "0").isEmpty());
        assertEquals(Map.of(), preCommit());
    }

    private void awaitAcknowledged(long count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (state().counters().processed() < count) {
            assertTrue(System.currentTimeMillis() < deadline, "acknowledged " + state().counters().processed());
            Thread.sleep(5);
        }
    }

    private void awaitBlocked() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (state().pollerState() != PollerState.BLOCKED) {
            assertFalse(System.currentTimeMillis() > deadline, "never blocked: " + state().pollerState());
            Thread.sleep(5);
        }
    }

    /** What Connect's context would record: assignment, pauses, seeks, poll timeouts, commit requests. */
    private static final class FakeContext implements SinkTaskContext {
        final Set<TopicPartition> assigned = new HashSet<>();
        final Set<TopicPartition> paused = new HashSet<>();
        final Map<TopicPartition, Long> seeks = new HashMap<>();
        long timeout = -1;
        int commitRequests;

        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {
            seeks.putAll(offsets);
        }

        @Override
        public void offset(TopicPartition tp, long offset) {
            seeks.put(tp, offset);
        }

        @Override
        public void timeout(long timeoutMs) {
            timeout = timeoutMs;
        }

        @Override
        public Set<TopicPartition> assignment() {
            return Set.copyOf(assigned);
        }

        @Override
        public void pause(TopicPartition... partitions) {
            paused.addAll(List.of(partitions));
        }

        @Override
        public void resume(TopicPartition... partitions) {
            List.of(partitions).forEach(paused::remove);
        }

        @Override
        public void requestCommit() {
            commitRequests++;
        }

        @Override
        public PluginMetrics pluginMetrics() {
            throw new UnsupportedOperationException("no plugin metrics in a unit test");
        }
    }
}
