package io.inlet.common.retry;

import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClockTest {

    @Test
    void systemClockFollowsTheWallClockAndSleeps() throws InterruptedException {
        Clock clock = Clock.system();
        long before = System.currentTimeMillis();
        clock.sleep(20);
        long after = clock.nowMillis();
        assertTrue(after - before >= 20, "slept " + (after - before) + " ms");
    }

    @Test
    void systemSleepOfNothingReturnsAtOnce() {
        Clock clock = Clock.system();
        // a zero or negative wait (a deadline already passed) neither sleeps nor fails
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            clock.sleep(0);
            clock.sleep(-1);
            clock.sleep(Long.MIN_VALUE);
        });
    }

    @Test
    void systemSleepHonoursInterrupts() {
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> Clock.system().sleep(0));
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> Clock.system().sleep(1_000));
    }
}
