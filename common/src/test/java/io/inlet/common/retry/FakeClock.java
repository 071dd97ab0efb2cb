package io.inlet.common.retry;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Clock} whose time only moves when told to: {@link #sleep(long)} returns at once, advancing
 * the time and remembering how long it was asked to sleep. For tests of anything that backs off or
 * measures lag. Thread-safe.
 */
public final class FakeClock implements Clock {

    private long now;
    private final List<Long> sleeps = new ArrayList<>();

    /** A clock starting at {@code startMillis}. */
    public FakeClock(long startMillis) {
        this.now = startMillis;
    }

    /** A clock starting at the epoch. */
    public FakeClock() {
        this(0);
    }

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    /**
     * Advances the time by {@code millis} and records the sleep, without waiting.
     *
     * @throws InterruptedException when the calling thread is interrupted, as a real sleep would
     */
    @Override
    public void sleep(long millis) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before sleeping " + millis + " ms");
        }
        synchronized (this) {
            long step = Math.max(0, millis);
            sleeps.add(step);
            now += step;
        }
    }

    /** Moves the time forward by {@code millis} without recording a sleep. */
    public synchronized void advance(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("time only moves forward, got " + millis + " ms");
        }
        now += millis;
    }

    /** Every sleep so far, in milliseconds, oldest first. */
    public synchronized List<Long> sleeps() {
        return List.copyOf(sleeps);
    }

    /** The sum of every sleep so far. */
    public synchronized long totalSleptMillis() {
        return sleeps.stream().mapToLong(Long::longValue).sum();
    }
}
