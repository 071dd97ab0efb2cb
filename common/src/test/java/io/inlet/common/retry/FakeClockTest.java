package io.inlet.common.retry;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FakeClockTest {

    @Test
    void sleepAdvancesTimeAndIsRecorded() throws InterruptedException {
        FakeClock clock = new FakeClock(500);
        clock.sleep(100);
        clock.sleep(-5);
        clock.advance(1_000);
        clock.sleep(20);
        assertEquals(List.of(100L, 0L, 20L), clock.sleeps());
        assertEquals(120, clock.totalSleptMillis());
        assertEquals(1_620, clock.nowMillis());
    }

    @Test
    void timeDoesNotGoBack() {
        assertThrows(IllegalArgumentException.class, () -> new FakeClock().advance(-1));
    }

    @Test
    void interruptedSleepThrows() {
        FakeClock clock = new FakeClock();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> clock.sleep(10));
        assertEquals(0, clock.nowMillis());
    }
}
