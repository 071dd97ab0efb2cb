package io.inlet.common.retry;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetrierTest {

    private final FakeClock clock = new FakeClock();

    private Retrier retrier(RetryPolicy policy) {
        return new Retrier(new Backoff(policy, new Random(3), clock));
    }

    @Test
    void retriesRetriableFailuresUntilSuccess() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String result = retrier(RetryPolicy.defaults()).call("testing", () -> {
            if (calls.incrementAndGet() < 5) {
                throw new IOException("connection reset");
            }
            return "ok";
        }, e -> e instanceof IOException);
        assertEquals("ok", result);
        assertEquals(5, calls.get());
        assertEquals(4, clock.sleeps().size());
    }

    @Test
    void throwsANonRetriableFailureAtOnce() {
        IllegalStateException failure = new IllegalStateException("bad mapping");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> retrier(RetryPolicy.defaults()).call("testing", () -> {
                    throw failure;
                }, e -> e instanceof IOException));
        assertSame(failure, thrown);
        assertEquals(List.of(), clock.sleeps());
    }

    @Test
    void givesUpWithTheLastFailureWhenAttemptsRunOut() {
        AtomicInteger calls = new AtomicInteger();
        IOException thrown = assertThrows(IOException.class,
                () -> retrier(RetryPolicy.defaults().withMaxAttempts(3)).call("testing", () -> {
                    throw new IOException("attempt " + calls.incrementAndGet());
                }, e -> true));
        assertEquals("attempt 3", thrown.getMessage());
        assertEquals(2, clock.sleeps().size());
    }

    @Test
    void neverRetriesAnInterruption() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(InterruptedException.class, () -> retrier(RetryPolicy.defaults()).call("testing", () -> {
            calls.incrementAndGet();
            throw new InterruptedException();
        }, e -> true));
        assertEquals(1, calls.get());
    }
}
