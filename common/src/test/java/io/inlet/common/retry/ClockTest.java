package io.inlet.common.retry;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClockTest {

    @Test
    void systemClockFollowsTheWallClockAndSleeps() throws InterruptedException {
        Clock clock = Clock.system();
        long before = System.currentTimeMillis();
        clock.sleep(20);
        long after = clock.nowMillis();
        assertTrue(after - before >= 20, "slept " + (after - before) + " ms");
        clock.sleep(0);
        clock.sleep(-1);
    }

    @Test
    void systemSleepHonoursInterrupts() {
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> Clock.system().sleep(0));
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> Clock.system().sleep(1_000));
    }
}
