package io.inlet.common.writer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class MemoryBoundTest {

    /** Long enough for a blocked thread to show that it stays blocked, short enough to keep the test quick. */
    private static final long BLOCKED_MS = 300;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private Future<?> acquireInBackground(MemoryBound bound, int size) {
        return threads.submit(() -> {
            bound.acquire(size);
            return null;
        });
    }

    private static void assertBlocked(Future<?> f) {
        assertThrows(TimeoutException.class, () -> f.get(BLOCKED_MS, TimeUnit.MILLISECONDS), "acquire should wait");
    }

    @Test
    void takesWhatFitsAtOnce() throws InterruptedException {
        MemoryBound bound = MemoryPool.of(100, 10).join();

        bound.acquire(40);
        bound.acquire(60);

        assertEquals(100, bound.bytes());
        assertEquals(2, bound.messages());
    }

    @Test
    void blocksAtTheByteBoundAndResumesOnRelease() throws Exception {
        MemoryBound bound = MemoryPool.of(100, 10).join();
        bound.acquire(70);

        Future<?> second = acquireInBackground(bound, 40);
        assertBlocked(second);
        assertEquals(70, bound.bytes(), "nothing is taken while waiting");

        bound.release(70);
        second.get(5, TimeUnit.SECONDS);
        assertEquals(40, bound.bytes());
        assertEquals(1, bound.messages());
    }

    @Test
    void blocksAtTheMessageBoundAndResumesOnRelease() throws Exception {
        MemoryBound bound = MemoryPool.of(1_000_000, 2).join();
        bound.acquire(1);
        bound.acquire(1);

        Future<?> third = acquireInBackground(bound, 1);
        assertBlocked(third);

        bound.release(1);
        third.get(5, TimeUnit.SECONDS);
        assertEquals(2, bound.messages());
    }

    @Test
    void aReleaseLetsInOnlyWhatFits() throws Exception {
        MemoryBound bound = MemoryPool.of(100, 10).join();
        bound.acquire(50);
        bound.acquire(50);

        Future<?> a = acquireInBackground(bound, 50);
        Future<?> b = acquireInBackground(bound, 50);
        assertBlocked(a);
        assertBlocked(b);

        bound.release(50);
        long done = waitForFirst(a, b);
        assertEquals(1, done, "one release of 50 bytes lets in one 50-byte message");
        assertEquals(100, bound.bytes());

        bound.release(50);
        a.get(5, TimeUnit.SECONDS);
        b.get(5, TimeUnit.SECONDS);
        assertEquals(100, bound.bytes());
        assertEquals(2, bound.messages());
    }

    /** Waits until at least one of the futures is done, then a little more, and counts the done ones. */
    private static long waitForFirst(Future<?> a, Future<?> b) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!a.isDone() && !b.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(BLOCKED_MS);
        return (a.isDone() ? 1 : 0) + (b.isDone() ? 1 : 0);
    }

    @Test
    void letsInOneOversizedMessageWhenEmpty() throws Exception {
        MemoryBound bound = MemoryPool.of(100, 10).join();

        bound.acquire(1_000);
        assertEquals(1_000, bound.bytes());

        Future<?> next = acquireInBackground(bound, 1);
        assertBlocked(next);
        bound.release(1_000);
        next.get(5, TimeUnit.SECONDS);
        assertEquals(1, bound.bytes());
    }

    @Test
    void anOversizedMessageWaitsUntilEverythingElseIsReleased() throws Exception {
        MemoryBound bound = MemoryPool.of(100, 10).join();
        bound.acquire(10);
        bound.acquire(10);

        Future<?> big = acquireInBackground(bound, 500);
        assertBlocked(big);
        bound.release(10);
        assertBlocked(big);
        bound.release(10);
        big.get(5, TimeUnit.SECONDS);
        assertEquals(500, bound.bytes());
    }

    @Test
    void forceGoesOverTheBoundWithoutWaiting() {
        MemoryBound bound = MemoryPool.of(100, 2).join();
        bound.force(90);
        bound.force(90);
        bound.force(90);

        assertEquals(270, bound.bytes());
        assertEquals(3, bound.messages());
        assertTrue(bound.atLeast(1.0));
    }

    @Test
    void tracksThePeak() throws InterruptedException {
        MemoryBound bound = MemoryPool.of(1_000, 10).join();
        bound.acquire(300);
        bound.acquire(400);
        bound.release(300);
        bound.acquire(100);

        assertEquals(500, bound.bytes());
        assertEquals(700, bound.peakBytes(), "the peak stays after releases");

        bound.force(900);
        assertEquals(1_400, bound.peakBytes(), "force counts towards the peak");
        bound.release(900);
        bound.release(400);
        bound.release(100);
        assertEquals(0, bound.bytes());
        assertEquals(1_400, bound.peakBytes());
    }

    @Test
    void atLeastComparesTheFractionOfEitherBound() throws InterruptedException {
        MemoryBound bound = MemoryPool.of(1_000, 4).join();
        assertFalse(bound.atLeast(0.5));

        bound.acquire(500);
        assertTrue(bound.atLeast(0.5), "half the bytes");
        bound.release(500);

        bound.acquire(1);
        bound.acquire(1);
        assertTrue(bound.atLeast(0.5), "half the messages");
        assertFalse(bound.atLeast(0.75));
        assertEquals(1_000, bound.maxBytes());
    }

    @Test
    void awaitEmptyIsImmediateWhenNothingIsHeld() throws InterruptedException {
        assertTrue(MemoryPool.of(100, 10).join().awaitEmpty(0));
    }

    @Test
    void awaitEmptyTimesOutWhileSomethingIsHeld() throws InterruptedException {
        MemoryBound bound = MemoryPool.of(100, 10).join();
        bound.acquire(10);

        long start = System.nanoTime();
        assertFalse(bound.awaitEmpty(100));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100), "it waited the timeout");
    }

    @Test
    void awaitEmptyReturnsWhenTheLastIsReleased() throws Exception {
        MemoryBound bound = MemoryPool.of(100, 10).join();
        bound.acquire(10);
        bound.acquire(20);
        CountDownLatch waiting = new CountDownLatch(1);

        Future<Boolean> empty = threads.submit(() -> {
            waiting.countDown();
            return bound.awaitEmpty(10_000);
        });
        waiting.await();
        bound.release(10);
        assertThrows(TimeoutException.class, () -> empty.get(BLOCKED_MS, TimeUnit.MILLISECONDS));

        long released = System.nanoTime();
        bound.release(20);
        assertTrue(empty.get(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - released < TimeUnit.SECONDS.toNanos(2), "woken by the release, not the timeout");
    }

    @Test
    void aWaitingAcquireCanBeInterrupted() throws Exception {
        MemoryBound bound = MemoryPool.of(10, 10).join();
        bound.acquire(10);
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                bound.acquire(10);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        waiter.start();
        waiter.join(BLOCKED_MS);
        assertTrue(waiter.isAlive(), "acquire should wait");

        waiter.interrupt();
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the waiting acquire ends with InterruptedException");
        waiter.join(5_000);
        assertEquals(10, bound.bytes(), "the interrupted acquire took nothing");
        assertEquals(1, bound.messages());
    }

    @Test
    void theCallbackRunsOnceAndOnlyWhenAcquireHasToWait() throws Exception {
        MemoryBound bound = MemoryPool.of(100, 10).join();
        AtomicInteger waits = new AtomicInteger();
        bound.acquire(70, waits::incrementAndGet);
        assertEquals(0, waits.get(), "it fit at once");

        Future<?> second = threads.submit(() -> {
            bound.acquire(40, waits::incrementAndGet);
            return null;
        });
        assertBlocked(second);
        assertEquals(1, waits.get());
        bound.release(70);
        second.get(5, TimeUnit.SECONDS);
        assertEquals(1, waits.get());
    }

    @Test
    void awaitBelowBoundWaitsWhileFullAndReturnsOnRelease() throws Exception {
        MemoryBound bound = MemoryPool.of(100, 2).join();
        bound.acquire(10);
        bound.acquire(10);
        assertFalse(bound.awaitBelowBound(20), "two messages of two: full");

        Future<Boolean> room = threads.submit(() -> bound.awaitBelowBound(5_000));
        bound.release(10);
        assertTrue(room.get(5, TimeUnit.SECONDS));
    }
}
