package io.inlet.common.retry;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    /** A generator whose bounded draws always return the top of the range. */
    private static final RandomGenerator ALWAYS_MAX = new RandomGenerator() {
        @Override
        public long nextLong() {
            return -1L;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    /** A generator whose bounded draws always return 0. */
    private static final RandomGenerator ALWAYS_MIN = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0L;
        }

        @Override
        public long nextLong(long bound) {
            return 0L;
        }
    };

    @Test
    void ceilingDoublesUntilTheCap() {
        Backoff backoff = new Backoff(RetryPolicy.defaults(), ALWAYS_MAX, new FakeClock());
        long[] expected = {100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000};
        for (int n = 0; n < expected.length; n++) {
            assertEquals(expected[n], backoff.ceilingMillis(n), "attempt " + n);
            assertEquals(expected[n], backoff.delayMillis(n), "full jitter includes the ceiling");
        }
    }

    @Test
    void fullJitterMayBeZero() {
        Backoff backoff = new Backoff(RetryPolicy.defaults(), ALWAYS_MIN, new FakeClock());
        for (int n = 0; n < 20; n++) {
            assertEquals(0, backoff.delayMillis(n));
        }
    }

    @Test
    void everyDelayIsWithinItsBounds() {
        RetryPolicy policy = RetryPolicy.unlimited(50, 5_000);
        Backoff backoff = new Backoff(policy, new Random(7), new FakeClock());
        for (int n = 0; n < 40; n++) {
            long ceiling = Math.min(5_000, 50L << Math.min(n, 40));
            long sum = 0;
            for (int draw = 0; draw < 500; draw++) {
                long delay = backoff.delayMillis(n);
                assertTrue(delay >= 0 && delay <= ceiling, "attempt " + n + " delay " + delay);
                sum += delay;
            }
            double mean = sum / 500.0;
            assertTrue(mean > ceiling * 0.35 && mean < ceiling * 0.65,
                    "roughly uniform over [0, " + ceiling + "], mean " + mean);
        }
    }

    @Test
    void hugeAttemptCountsDoNotOverflow() {
        RetryPolicy policy = RetryPolicy.unlimited(1_000, Long.MAX_VALUE / 2);
        Backoff backoff = new Backoff(policy, ALWAYS_MAX, new FakeClock());
        for (int n : new int[] {52, 53, 62, 63, 64, 65, 1_000, 1_000_000, Integer.MAX_VALUE}) {
            long ceiling = backoff.ceilingMillis(n);
            assertTrue(ceiling > 0 && ceiling <= policy.capMillis(), "attempt " + n + " ceiling " + ceiling);
        }
        assertEquals(Long.MAX_VALUE / 2, backoff.ceilingMillis(Integer.MAX_VALUE));

        Backoff maxCap = new Backoff(RetryPolicy.unlimited(1, Long.MAX_VALUE), new Random(1), new FakeClock());
        assertEquals(1L << 62, maxCap.ceilingMillis(62));
        assertEquals(Long.MAX_VALUE, maxCap.ceilingMillis(63));
        assertTrue(maxCap.delayMillis(Integer.MAX_VALUE) >= 0);

        Backoff defaults = new Backoff(RetryPolicy.defaults(), ALWAYS_MAX, new FakeClock());
        assertEquals(30_000, defaults.delayMillis(Integer.MAX_VALUE));
    }

    @Test
    void scheduleOnAFakeClockWithAFixedRandom() throws InterruptedException {
        FakeClock clock = new FakeClock(1_000);
        Backoff backoff = new Backoff(RetryPolicy.unlimited(100, 1_000), new Random(42), clock);

        Random same = new Random(42);
        List<Long> expected = new ArrayList<>();
        for (int n = 0; n < 8; n++) {
            long ceiling = Math.min(1_000, 100L << n);
            expected.add(same.nextLong(ceiling + 1));
            assertEquals(expected.get(n), backoff.pause(n));
        }
        assertEquals(expected, clock.sleeps());
        assertEquals(1_000 + expected.stream().mapToLong(Long::longValue).sum(), clock.nowMillis());
    }

    @Test
    void pauseStopsWhenInterrupted() {
        Backoff backoff = new Backoff(RetryPolicy.defaults(), ALWAYS_MAX, new FakeClock());
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> backoff.pause(0));
    }

    @Test
    void refusesNegativeAttempts() {
        Backoff backoff = new Backoff(RetryPolicy.defaults());
        assertThrows(IllegalArgumentException.class, () -> backoff.delayMillis(-1));
    }

    @Test
    void defaultRandomIsUsableFromManyThreads() throws InterruptedException {
        Backoff backoff = new Backoff(RetryPolicy.defaults());
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    long d = backoff.delayMillis(i % 12);
                    if (d < 0 || d > 30_000) {
                        failures.add(new AssertionError("delay " + d));
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }
}
