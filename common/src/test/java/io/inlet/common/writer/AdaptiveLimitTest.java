package io.inlet.common.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inlet.common.retry.FakeClock;
import org.junit.jupiter.api.Test;

/** The adaptive number of requests in flight, on a fake clock. */
class AdaptiveLimitTest {

    @Test
    void growsByOneWhileTheLimitIsUsedAndLatencyHolds() {
        FakeClock clock = new FakeClock();
        AdaptiveLimit limit = new AdaptiveLimit(1, 4, clock);
        limit.onAnswer(100, 1, true, false);
        assertEquals(2, limit.current());
        limit.onAnswer(110, 2, true, false);
        assertEquals(3, limit.current());
        limit.onAnswer(90, 1, true, false); // sent while the limit was not used: no reason to grow
        assertEquals(3, limit.current());
        limit.onAnswer(100, 3, true, false);
        limit.onAnswer(100, 4, true, false);
        assertEquals(4, limit.current(), "never above the maximum");
    }

    @Test
    void halvesOnOverloadAtMostOncePerRoundTrip() {
        FakeClock clock = new FakeClock();
        AdaptiveLimit limit = new AdaptiveLimit(8, 8, clock);
        limit.onAnswer(100, 8, true, false);
        limit.onAnswer(100, 8, false, true); // 429
        assertEquals(4, limit.current());
        clock.advance(10);
        limit.onAnswer(100, 8, false, true); // the same burst of 429s: counted once
        assertEquals(4, limit.current());
        clock.advance(100);
        limit.onAnswer(100, 4, false, true);
        assertEquals(2, limit.current());
        clock.advance(100);
        limit.onAnswer(100, 2, false, true);
        clock.advance(100);
        limit.onAnswer(100, 1, false, true);
        assertEquals(1, limit.current(), "never below one");
        assertEquals(3, limit.decreases());
    }

    @Test
    void halvesWhenAFullRequestTakesTwiceTheUsualTime() {
        FakeClock clock = new FakeClock();
        AdaptiveLimit limit = new AdaptiveLimit(4, 8, clock);
        for (int i = 0; i < 5; i++) {
            limit.onAnswer(100, 1, true, false);
            clock.advance(100);
        }
        assertEquals(4, limit.current());
        assertEquals(100, limit.usualRttMillis());
        limit.onAnswer(150, 4, true, false); // slower, within tolerance: grows
        assertEquals(5, limit.current());
        clock.advance(200);
        limit.onAnswer(400, 5, true, false); // latency rising: halves
        assertEquals(2, limit.current());
        clock.advance(200);
        limit.onAnswer(400, 2, false, false); // a small request's latency says nothing about saturation
        assertEquals(3, limit.current());
    }

    @Test
    void latencyOnAQuietLoopbackIsNoSignal() {
        FakeClock clock = new FakeClock();
        AdaptiveLimit limit = new AdaptiveLimit(4, 8, clock);
        limit.onAnswer(2, 4, true, false);
        clock.advance(100);
        limit.onAnswer(9, 5, true, false); // 4.5 times slower, but under the floor
        assertEquals(6, limit.current());
    }

    @Test
    void refusesAMaximumBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveLimit(1, 0, new FakeClock()));
    }

    @Test
    void latencyCreepingUpAsRequestsQueueIsCaughtNotLearnt() {
        FakeClock clock = new FakeClock();
        AdaptiveLimit limit = new AdaptiveLimit(2, 16, clock);
        long rtt = 100;
        int highest = 0;
        for (int i = 0; i < 40 && limit.decreases() == 0; i++) {
            limit.onAnswer(rtt, limit.current(), true, false);
            highest = Math.max(highest, limit.current());
            clock.advance(rtt);
            rtt += 10; // each extra request in flight waits behind the others
        }
        assertEquals(1, limit.decreases(), "cut once the round trip passed twice the least one");
        assertEquals(100, limit.usualRttMillis());
        assertEquals(highest / 2, limit.current());
    }

    @Test
    void aClusterThatBecameSlowerForGoodIsLearntWithinTwoWindows() {
        FakeClock clock = new FakeClock();
        AdaptiveLimit limit = new AdaptiveLimit(4, 8, clock);
        limit.onAnswer(100, 4, true, false);
        for (int i = 0; i < 2 * AdaptiveLimit.WINDOW; i++) {
            clock.advance(1_000);
            limit.onAnswer(500, 1, true, false);
        }
        assertEquals(500, limit.usualRttMillis());
        long cuts = limit.decreases();
        clock.advance(1_000);
        limit.onAnswer(600, 1, true, false);
        assertEquals(cuts, limit.decreases(), "600 ms is usual now");
    }
}
