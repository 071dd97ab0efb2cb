package io.inlet.common.pointer;

import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.Pointer;
import io.inlet.common.message.SequenceNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PointerTrackerTest {

    private static KafkaOffset k(long offset) {
        return new KafkaOffset(offset);
    }

    @Test
    void emptyTrackerHasNothingCommitted() {
        PointerTracker tracker = new PointerTracker();
        assertEquals(Optional.empty(), tracker.committed());
        assertEquals(Optional.empty(), tracker.lastAcknowledged());
        assertEquals(0, tracker.pending());
    }

    @Test
    void committedStopsAtTheFirstUnacknowledgedMessage() {
        PointerTracker tracker = new PointerTracker();
        for (long o = 0; o < 5; o++) {
            tracker.track(k(o));
        }
        assertTrue(tracker.acknowledge(k(1)));
        assertTrue(tracker.acknowledge(k(3)));
        assertEquals(Optional.empty(), tracker.committed());
        assertEquals(Optional.of(k(3)), tracker.lastAcknowledged());
        assertEquals(3, tracker.pending());

        assertTrue(tracker.acknowledge(k(0)));
        assertEquals(Optional.of(k(1)), tracker.committed());
        assertTrue(tracker.acknowledge(k(2)));
        assertEquals(Optional.of(k(3)), tracker.committed());
        assertTrue(tracker.acknowledge(k(4)));
        assertEquals(Optional.of(k(4)), tracker.committed());
        assertEquals(0, tracker.pending());
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 7L, 42L, 2024L, 987654321L})
    void shuffledAcknowledgementsNeverAdvanceEarly(long seed) {
        int n = 10_000;
        Random random = new Random(seed);
        // Sparse offsets, as on a compacted topic.
        long[] offsets = new long[n];
        long next = random.nextInt(100);
        for (int i = 0; i < n; i++) {
            offsets[i] = next;
            next += 1 + random.nextInt(3);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);

        PointerTracker tracker = new PointerTracker();
        boolean[] done = new boolean[n];
        int tracked = 0;
        int acknowledged = 0;
        long highestAcked = -1;
        for (int i : order) {
            // Track lazily, interleaved with acknowledgements, as a real poller does.
            while (tracked <= i || (tracked < n && random.nextInt(4) == 0)) {
                tracker.track(k(offsets[tracked++]));
            }
            assertTrue(tracker.acknowledge(k(offsets[i])));
            done[i] = true;
            acknowledged++;
            highestAcked = Math.max(highestAcked, offsets[i]);

            int prefix = 0;
            while (prefix < n && done[prefix]) {
                prefix++;
            }
            Optional<Pointer> expected = prefix == 0 ? Optional.empty() : Optional.of(k(offsets[prefix - 1]));
            assertEquals(expected, tracker.committed(), "after acknowledging " + offsets[i]);
            assertEquals(Optional.of(k(highestAcked)), tracker.lastAcknowledged());
            assertEquals(tracked - acknowledged, tracker.pending());
        }
        assertEquals(Optional.of(k(offsets[n - 1])), tracker.committed());
    }

    @Test
    void oldestPendingIsWhatTheCommittedPointerWaitsFor() {
        PointerTracker tracker = new PointerTracker();
        assertEquals(Optional.empty(), tracker.oldestPending());
        for (long o : new long[] {3, 4, 7, 9}) {
            tracker.track(k(o));
        }
        assertEquals(Optional.of(k(3)), tracker.oldestPending(), "nothing acknowledged: the first tracked");
        assertTrue(tracker.acknowledge(k(4)));
        assertEquals(Optional.of(k(3)), tracker.oldestPending());
        assertTrue(tracker.acknowledge(k(3)));
        assertEquals(Optional.of(k(7)), tracker.oldestPending());
        assertTrue(tracker.acknowledge(k(7)));
        assertTrue(tracker.acknowledge(k(9)));
        assertEquals(Optional.empty(), tracker.oldestPending(), "all acknowledged");
        tracker.track(k(12));
        tracker.reset();
        assertEquals(Optional.empty(), tracker.oldestPending());
    }

    @Test
    void compactedTopicOffsetsWithGaps() {
        PointerTracker tracker = new PointerTracker();
        for (long o : new long[] {3, 4, 7, 9}) {
            tracker.track(k(o));
        }
        assertFalse(tracker.acknowledge(k(5)), "offset 5 was compacted away and never tracked");
        assertTrue(tracker.acknowledge(k(7)));
        assertEquals(Optional.empty(), tracker.committed());
        assertTrue(tracker.acknowledge(k(3)));
        assertEquals(Optional.of(k(3)), tracker.committed());
        assertTrue(tracker.acknowledge(k(4)));
        assertEquals(Optional.of(k(7)), tracker.committed());
        assertEquals(1, tracker.pending());
        assertTrue(tracker.acknowledge(k(9)));
        assertEquals(Optional.of(k(9)), tracker.committed());
    }

    @Test
    void kinesisSequenceNumbersOfDifferentLengthsCompareAsIntegers() {
        // As strings "9..." > "49...", as integers the short one comes first.
        SequenceNumber shorter = new SequenceNumber("9", 0);
        SequenceNumber longer = new SequenceNumber("49590338271490256608559692538361571095921575989136588898", 0);
        SequenceNumber subRecord = new SequenceNumber(longer.sequence(), 1);
        SequenceNumber longest = new SequenceNumber(longer.sequence().multiply(BigInteger.TEN), 0);

        PointerTracker tracker = new PointerTracker();
        tracker.track(shorter);
        tracker.track(longer);
        tracker.track(subRecord);
        tracker.track(longest);

        assertTrue(tracker.acknowledge(longest));
        assertTrue(tracker.acknowledge(longer));
        assertEquals(Optional.empty(), tracker.committed());
        assertTrue(tracker.acknowledge(shorter));
        assertEquals(Optional.of(longer), tracker.committed());
        assertTrue(tracker.acknowledge(SequenceNumber.parse(longer.sequenceString() + ":1")));
        assertEquals(Optional.of(longest), tracker.committed());
        assertEquals(Optional.of(longest), tracker.lastAcknowledged());
    }

    @Test
    void refusesNonIncreasingPointersNamingBoth() {
        PointerTracker tracker = new PointerTracker();
        tracker.track(k(10));
        IllegalStateException same = assertThrows(IllegalStateException.class, () -> tracker.track(k(10)));
        assertTrue(same.getMessage().contains("10 tracked after 10"), same.getMessage());
        IllegalStateException back = assertThrows(IllegalStateException.class, () -> tracker.track(k(4)));
        assertTrue(back.getMessage().contains("4") && back.getMessage().contains("10"), back.getMessage());
    }

    @Test
    void refusesAnotherKindOfPointer() {
        PointerTracker tracker = new PointerTracker();
        tracker.track(k(1));
        assertThrows(IllegalArgumentException.class, () -> tracker.track(new SequenceNumber("5", 0)));
    }

    @Test
    void duplicateAndUnknownAcknowledgementsAreIgnored() {
        PointerTracker tracker = new PointerTracker();
        tracker.track(k(1));
        tracker.track(k(2));
        assertTrue(tracker.acknowledge(k(2)));
        assertFalse(tracker.acknowledge(k(2)));
        assertFalse(tracker.acknowledge(k(99)));
        assertEquals(1, tracker.pending());
        assertTrue(tracker.acknowledge(k(1)));
        assertFalse(tracker.acknowledge(k(1)), "already committed");
        assertEquals(Optional.of(k(2)), tracker.committed());
    }

    @Test
    void committedStaysAfterTheBufferDrains() {
        PointerTracker tracker = new PointerTracker();
        tracker.track(k(5));
        tracker.acknowledge(k(5));
        tracker.track(k(6));
        assertEquals(Optional.of(k(5)), tracker.committed());
        assertEquals(Optional.of(k(6)), tracker.lastTracked());
    }

    @Test
    void resetForgetsEverything() {
        PointerTracker tracker = new PointerTracker();
        tracker.track(k(5));
        tracker.track(k(6));
        tracker.acknowledge(k(5));
        tracker.reset();
        assertEquals(Optional.empty(), tracker.committed());
        assertEquals(Optional.empty(), tracker.lastAcknowledged());
        assertEquals(Optional.empty(), tracker.lastTracked());
        assertEquals(0, tracker.pending());
        assertFalse(tracker.acknowledge(k(6)), "a late acknowledgement from before the reset");
        tracker.track(k(2)); // a rewind may go back
        assertTrue(tracker.acknowledge(k(2)));
        assertEquals(Optional.of(k(2)), tracker.committed());
    }

    @Test
    void growsAcrossTheRingBufferWrapAround() {
        PointerTracker tracker = new PointerTracker();
        long next = 0;
        // Keep a window of pending messages that slides around the buffer while it grows.
        for (int round = 0; round < 50; round++) {
            long first = next;
            for (int i = 0; i < 40 + round * 7; i++) {
                tracker.track(k(next++));
            }
            for (long o = next - 1; o >= first + 10; o--) {
                tracker.acknowledge(k(o));
            }
            for (long o = first; o < first + 10; o++) {
                tracker.acknowledge(k(o));
            }
            assertEquals(Optional.of(k(next - 1)), tracker.committed());
            assertEquals(0, tracker.pending());
        }
    }

    @Test
    void acknowledgementsFromManyLanesConcurrently() throws Exception {
        int n = 100_000;
        int lanes = 4;
        PointerTracker tracker = new PointerTracker();
        for (long o = 0; o < n; o++) {
            tracker.track(k(o));
        }
        ExecutorService pool = Executors.newFixedThreadPool(lanes);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int lane = 0; lane < lanes; lane++) {
                int me = lane;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (long o = me; o < n; o += lanes) {
                        assertTrue(tracker.acknowledge(k(o)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Optional.of(k(n - 1)), tracker.committed());
        assertEquals(0, tracker.pending());
    }

    @Test
    void awaitSettledReturnsWhenTheLastPendingMessageIsAcknowledged() throws Exception {
        PointerTracker t = new PointerTracker();
        t.track(new KafkaOffset(1));
        t.track(new KafkaOffset(2));
        assertFalse(t.awaitSettled(10), "two pending");

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> settled = pool.submit(() -> t.awaitSettled(5_000));
            t.acknowledge(new KafkaOffset(2));
            t.acknowledge(new KafkaOffset(1));
            assertTrue(settled.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void awaitSettledReturnsWhenTheTrackerIsResetAndAtOnceWhenNothingIsPending() throws Exception {
        PointerTracker t = new PointerTracker();
        assertTrue(t.awaitSettled(0));
        t.track(new KafkaOffset(1));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> settled = pool.submit(() -> t.awaitSettled(5_000));
            t.reset();
            assertTrue(settled.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
