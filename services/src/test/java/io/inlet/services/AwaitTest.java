package io.inlet.services;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Await}: at once when true, a time-out naming what it waited for, exceptions as "not yet" when quiet. */
class AwaitTest {

    @Test
    void returnsAtOnceWhenTheConditionHolds() {
        long start = System.nanoTime();
        Await.until("something true", Duration.ofSeconds(10), () -> true);
        assertTrue(System.nanoTime() - start < Duration.ofMillis(Await.POLL_MILLIS).toNanos(), "no poll interval waited");
    }

    @Test
    void timesOutNamingWhatItWaitedFor() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Await.until("the moon to turn blue", Duration.ofMillis(300), () -> false));
        assertEquals("Timed out after 0 s waiting for the moon to turn blue", e.getMessage());
    }

    @Test
    void aTimeOutAddsTheDetail() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Await.quietly("a reply", Duration.ofMillis(300), () -> "last seen: none", () -> false));
        assertEquals("Timed out after 0 s waiting for a reply; last seen: none", e.getMessage());
    }

    @Test
    void quietlyTakesAnExceptionForNotYetThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        Await.quietly("the third call", Duration.ofSeconds(10), () -> {
            int n = calls.incrementAndGet();
            if (n == 1) {
                throw new IllegalStateException("not started");
            }
            if (n == 2) {
                throw new AssertionError("not there yet");
            }
            return true;
        });
        assertEquals(3, calls.get());
    }

    @Test
    void untilLetsWhatTheConditionThrowsThrough() {
        assertThrows(IllegalStateException.class, () -> Await.until("a broken check", Duration.ofSeconds(10), () -> {
            throw new IllegalStateException("broken");
        }));
    }

    @Test
    void anInterruptEndsTheWaitAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            AssertionError e = assertThrows(AssertionError.class,
                    () -> Await.until("never", Duration.ofSeconds(10), () -> false));
            assertEquals("Interrupted while waiting for never", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
