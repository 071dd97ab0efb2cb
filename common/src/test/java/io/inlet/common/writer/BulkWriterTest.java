package io.inlet.common.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.error.DeadLetter;
import io.inlet.common.error.DeadLetterSink;
import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.message.DocOp;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.OpType;
import io.inlet.common.message.StreamMessage;
import io.inlet.common.retry.Backoff;
import io.inlet.common.retry.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer against a bulk endpoint in memory: order per id, BLOCK under concurrency, request shapes. */
class BulkWriterTest {

    private static final Backoff FAST = new Backoff(RetryPolicy.unlimited(1, 5));

    /** What the writer reported, in the order it did. */
    static class Recorder implements WriteListener {
        final List<String> written = Collections.synchronizedList(new ArrayList<>());
        final List<String> blocked = Collections.synchronizedList(new ArrayList<>());
        final List<String> deadLettered = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onWritten(Pending.Write write, ItemOutcome outcome) {
            written.add(write.message().describe());
        }

        @Override
        public void onDeadLettered(Pending pending, Failure failure) {
            deadLettered.add(pending.message().describe());
        }

        @Override
        public void onBlocked(Pending pending, Failure failure) {
            blocked.add(pending.message().describe());
        }

        @Override
        public void onUnblocked(Pending pending) {
        }

        @Override
        public void onRetry(Pending pending, Failure failure) {
        }
    }

    static Pending.Write write(String partition, long offset, String id, int sourceBytes) {
        StringBuilder doc = new StringBuilder("{\"n\":" + offset + ",\"pad\":\"");
        while (doc.length() < sourceBytes - 2) {
            doc.append('x');
        }
        byte[] source = doc.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
        StreamMessage m = new StreamMessage("t", partition, null, source, Map.of(), new KafkaOffset(offset), -1);
        return new Pending.Write(new DocOp("idx", id, OpType.INDEX, offset, null, null, source, m), () -> false);
    }

    static Pending.Write write(String partition, long offset, String id) {
        return write(partition, offset, id, 20);
    }

    /** Whether offsets 0 to {@code end} (excluded) of the partition are written. */
    private static boolean writtenUpTo(Recorder recorder, String partition, int end) {
        for (int i = 0; i < end; i++) {
            if (!recorder.written.contains("t-" + partition + "@" + i)) {
                return false;
            }
        }
        return true;
    }

    private static BulkWriter writer(FakeBulk bulk, WriterOptions options, ErrorPolicy policy, WriteListener listener,
                                     DeadLetterSink deadLetters) {
        return new BulkWriter(bulk, options, MemoryPool.of(options.bufferMaxBytes(), options.bufferMaxMessages()), policy,
                deadLetters, listener, FAST);
    }

    @Test
    void operationsOnOneIdAreAppliedInStreamOrderWithSeveralRequestsInFlightAnsweredOutOfOrder() throws Exception {
        Map<String, List<Long>> applied = new HashMap<>();
        final FakeBulk bulk = new FakeBulk(w -> {
            synchronized (applied) {
                applied.computeIfAbsent(w.op().id(), k -> new ArrayList<>()).add(((KafkaOffset) w.message().pointer()).offset());
            }
            return FakeBulk.ok(w);
        }, false);
        Recorder recorder = new Recorder();
        WriterOptions options = WriterOptions.defaults().withMaxBatchSize(3).withLinger(0).withMaxInFlight(4);
        int n = 60;
        try (BulkWriter writer = writer(bulk, options, new ErrorPolicy(ErrorStrategy.DROP), recorder, null)) {
            for (int i = 0; i < n; i++) {
                writer.submit(write(Integer.toString(i % 2), i, "id-" + (i % 7)));
            }
            // answer the newest request first whenever several are outstanding
            while (recorder.written.size() < n) {
                List<FakeBulk.Call> out = bulk.awaitOutstanding(2, 200);
                if (!out.isEmpty()) {
                    bulk.answer(out.get(out.size() - 1));
                }
            }
            assertTrue(writer.awaitIdle(Duration.ofSeconds(10)));
        }
        assertTrue(bulk.mostInFlight() >= 2, "several requests were in flight at once: " + bulk.mostInFlight());
        assertEquals(List.of(), bulk.idOverlaps(), "an id was never in two requests in flight at once");
        for (Map.Entry<String, List<Long>> e : applied.entrySet()) {
            List<Long> sorted = new ArrayList<>(e.getValue());
            Collections.sort(sorted);
            assertEquals(sorted, e.getValue(), "the operations on " + e.getKey() + " were applied in stream order");
        }
        assertEquals(n, recorder.written.size());
    }

    @Test
    void blockSendsNothingMoreOfTheBlockedPartitionWhileOtherPartitionsGoOn() throws Exception {
        FakeBulk bulk = new FakeBulk(w -> w.message().partition().equals("0") && w.message().pointer().equals(new KafkaOffset(5))
                ? new BulkItemResult(400, null, "mapper_parsing_exception", "failed to parse field [n]")
                : FakeBulk.ok(w), false);
        long[] blockedAt = {-1};
        Recorder recorder = new Recorder() {
            @Override
            public void onBlocked(Pending pending, Failure failure) {
                synchronized (blockedAt) {
                    if (blockedAt[0] < 0) {
                        blockedAt[0] = bulk.tick(); // the moment the writer learnt of the refusal
                    }
                }
                super.onBlocked(pending, failure);
            }
        };
        ErrorPolicy policy = new ErrorPolicy(ErrorStrategy.BLOCK);
        List<String> dead = Collections.synchronizedList(new ArrayList<>());
        DeadLetterSink sink = new DeadLetterSink() {
            @Override
            public void send(DeadLetter dl) {
                dead.add(dl.describe());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        WriterOptions options = WriterOptions.defaults().withMaxBatchSize(4).withLinger(0).withMaxInFlight(4);
        int perPartition = 40;
        try (BulkWriter writer = writer(bulk, options, policy, recorder, sink)) {
            for (int i = 0; i < perPartition; i++) {
                writer.submit(write("0", i, "a-" + i));
                writer.submit(write("1", i, "b-" + i));
            }
            long deadline = System.currentTimeMillis() + 20_000;
            int round = 0;
            while (System.currentTimeMillis() < deadline && (!writtenUpTo(recorder, "1", perPartition)
                    || !writtenUpTo(recorder, "0", 5) || recorder.blocked.isEmpty())) {
                List<FakeBulk.Call> out = bulk.awaitOutstanding(2, 100);
                if (!out.isEmpty()) {
                    // out of order: the newest first, but the oldest every other time so none waits for ever
                    bulk.answer(round++ % 2 == 0 ? out.get(out.size() - 1) : out.get(0));
                }
            }
            assertEquals("t-0@5", recorder.blocked.get(0));
            // whatever was sent after the refusal came back holds nothing of partition 0 after offset 5
            for (FakeBulk.Call c : bulk.calls()) {
                if (c.started > blockedAt[0]) {
                    for (Pending.Write w : c.items) {
                        String m = w.message().describe();
                        assertTrue(!w.message().partition().equals("0") || m.equals("t-0@5"),
                                m + " was sent after its partition was blocked at t-0@5");
                    }
                }
            }
            for (int i = 0; i < perPartition; i++) {
                assertTrue(recorder.written.contains("t-1@" + i), "partition 1 went on: t-1@" + i);
            }
            for (int i = 0; i < 5; i++) {
                assertTrue(recorder.written.contains("t-0@" + i), "what came before the refusal is written: t-0@" + i);
            }
            assertTrue(writer.stats().heldByBlocks() >= 1, "the refused message is held: " + writer.stats());

            // switching to DROP lets the partition go on: the refused message goes to the dead letters, the rest is written
            policy.switchTo(ErrorStrategy.DROP);
            while (!writer.awaitIdle(Duration.ofMillis(50))) {
                for (FakeBulk.Call c : bulk.awaitOutstanding(1, 50)) {
                    bulk.answer(c);
                }
            }
        }
        assertEquals(1, dead.size(), dead.toString());
        assertTrue(dead.get(0).contains("t-0@5"), dead.toString());
        assertEquals(List.of("t-0@5"), recorder.deadLettered);
        for (int i = 0; i < perPartition; i++) {
            assertTrue(i == 5 || recorder.written.contains("t-0@" + i), "t-0@" + i + " is written after the switch");
        }
    }

    @Test
    void requestsAreBoundedByBytesAndByCount() throws Exception {
        FakeBulk bulk = new FakeBulk(FakeBulk::ok, true);
        Recorder recorder = new Recorder();
        WriterOptions options = WriterOptions.defaults().withMaxBatchSize(1000).withMaxBatchBytes(10_000).withLinger(20)
                .withMaxInFlight(1);
        int n = 200;
        try (BulkWriter writer = writer(bulk, options, new ErrorPolicy(ErrorStrategy.DROP), recorder, null)) {
            for (int i = 0; i < n; i++) {
                writer.submit(write("0", i, "id-" + i, 1000));
            }
            assertTrue(writer.awaitIdle(Duration.ofSeconds(10)));
            assertTrue(writer.stats().avgRequestBytes() <= 10_000, writer.stats().toString());
        }
        int wire = write("0", 0, "id-0", 1000).op().estimatedBytes();
        List<FakeBulk.Call> calls = bulk.calls();
        int sent = 0;
        for (FakeBulk.Call c : calls) {
            long bytes = c.items.stream().mapToLong(w -> w.op().estimatedBytes()).sum();
            assertTrue(bytes <= 10_000, "a request of " + bytes + " bytes");
            sent += c.items.size();
        }
        assertEquals(n, sent);
        // while the source keeps up, requests are full: all but the last carry as many as fit
        for (FakeBulk.Call c : calls.subList(0, calls.size() - 1)) {
            assertEquals(10_000 / wire, c.items.size(), "a full request by bytes");
        }

        FakeBulk byCount = new FakeBulk(FakeBulk::ok, true);
        try (BulkWriter writer = writer(byCount, WriterOptions.defaults().withMaxBatchSize(7).withLinger(20).withMaxInFlight(1),
                new ErrorPolicy(ErrorStrategy.DROP), new Recorder(), null)) {
            for (int i = 0; i < 70; i++) {
                writer.submit(write("0", i, "id-" + i));
            }
            assertTrue(writer.awaitIdle(Duration.ofSeconds(10)));
        }
        assertTrue(byCount.calls().stream().allMatch(c -> c.items.size() <= 7));
        assertTrue(byCount.calls().stream().filter(c -> c.items.size() == 7).count() >= 9, "full requests by count");
    }

    @Test
    void aRequestThatIsNotFullIsSentOnceTheQueueRunsDry() throws Exception {
        FakeBulk bulk = new FakeBulk(FakeBulk::ok, true);
        try (BulkWriter writer = writer(bulk, WriterOptions.defaults().withLinger(30), new ErrorPolicy(ErrorStrategy.DROP),
                new Recorder(), null)) {
            for (int i = 0; i < 5; i++) {
                writer.submit(write("0", i, "id-" + i));
            }
            assertTrue(writer.awaitIdle(Duration.ofSeconds(5)));
        }
        assertEquals(1, bulk.calls().size(), "five messages that came together went in one request");
        assertEquals(5, bulk.calls().get(0).items.size());
    }

    @Test
    void aHalfFullRequestGoesAtOnceWhenTheSourcePausesForAFullBuffer() throws Exception {
        FakeBulk bulk = new FakeBulk(FakeBulk::ok, false);
        int wire = write("0", 0, "id-000", 1000).op().estimatedBytes();
        int held = write("0", 0, "id-000", 1000).bytes();
        // room for one full request in flight and most of the next; a request not full waits 20 lingers (20 s)
        WriterOptions options = WriterOptions.defaults().withMaxBatchSize(1000).withMaxBatchBytes(10L * wire)
                .withLinger(1000).withMaxInFlight(4).withBuffer(17L * held, 1000);
        try (BulkWriter writer = writer(bulk, options, new ErrorPolicy(ErrorStrategy.DROP), new Recorder(), null)) {
            int offset = 0;
            while (writer.hasRoomFor(write("0", offset, String.format("id-%03d", offset), 1000))) {
                writer.submitNow(write("0", offset, String.format("id-%03d", offset), 1000));
                offset++;
            }
            assertEquals(17, offset, "the buffer took 17 messages");
            List<FakeBulk.Call> first = bulk.awaitOutstanding(1, 5_000);
            assertEquals(1, first.size());
            assertEquals(10, first.get(0).items.size(), "the first request is full");
            assertEquals(1, bulk.awaitOutstanding(2, 500).size(), "the next 7 linger while more could still come");

            writer.sourcePaused();
            List<FakeBulk.Call> both = bulk.awaitOutstanding(2, 5_000);
            assertEquals(2, both.size(), "the second request is sent while the first is unanswered, not after 20 s");
            assertEquals(7, both.get(1).items.size(), "it carries all that the buffer held");
            both.forEach(bulk::answer);
            assertTrue(writer.awaitIdle(Duration.ofSeconds(5)));
        }
    }
}
