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
    void halvesWhenAFullRequestTakesTwiceWhatTheRequestsInFlightExplain() {
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
        limit.onAnswer(950, 5, true, false); // behind 4 others on a busy cluster: 5 x 100 ms explain it, grows
        assertEquals(6, limit.current());
        clock.advance(200);
        limit.onAnswer(1_300, 6, true, false); // more than twice what 6 requests in flight explain: halves
        assertEquals(3, limit.current());
        clock.advance(200);
        limit.onAnswer(1_300, 3, false, false); // a small request's latency says nothing about saturation
        assertEquals(4, limit.current());
    }

    @Test
    void aSaturatedClusterAnsweringRequestsOneAfterTheOtherIsNoReasonToSendFewer() {
        FakeClock clock = new FakeClock();
        AdaptiveLimit limit = new AdaptiveLimit(2, 4, clock);
        limit.onAnswer(170, 1, true, false); // alone on an idle cluster
        for (int i = 0; i < 20; i++) {
            int inFlight = limit.current();
            clock.advance(200);
            limit.onAnswer(190L * inFlight, inFlight, true, false); // each waits for the others in flight
        }
        assertEquals(0, limit.decreases());
        assertEquals(4, limit.current());
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
    void aClusterSlowingDownIsCaughtNotLearnt() {
        FakeClock clock = new FakeClock();
        AdaptiveLimit limit = new AdaptiveLimit(2, 16, clock);
        double slowdown = 1.0;
        int highest = 0;
        for (int i = 0; i < 40 && limit.decreases() == 0; i++) {
            int inFlight = limit.current();
            long rtt = Math.round(100 * inFlight * slowdown); // each request waits behind the others, and more each time
            limit.onAnswer(rtt, inFlight, true, false);
            highest = Math.max(highest, limit.current());
            clock.advance(rtt);
            slowdown += 0.1;
        }
        assertEquals(1, limit.decreases(), "cut once the round trip passed twice what the requests in flight explain");
        assertEquals(200, limit.usualRttMillis(), "the least round trip, at two in flight");
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
