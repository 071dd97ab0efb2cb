package io.inlet.common.retry;

/**
 * The time source and the sleep Inlet's retries use, so that backoff schedules can be tested without
 * waiting: production code uses {@link #system()}, tests use FakeClock (test sources).
 */
public interface Clock {

    /** Milliseconds since the epoch. */
    long nowMillis();

    /**
     * Waits {@code millis} milliseconds (returns at once for zero or less).
     *
     * @throws InterruptedException when the thread is interrupted, e.g. because the task is stopping
     */
    void sleep(long millis) throws InterruptedException;

    /** The wall clock and {@link Thread#sleep(long)}. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }

    /** {@link Clock#system()}. */
    enum SystemClock implements Clock {
        INSTANCE;

        @Override
        public long nowMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public void sleep(long millis) throws InterruptedException {
            if (millis > 0) {
                Thread.sleep(millis);
            } else if (Thread.interrupted()) {
                throw new InterruptedException("interrupted before sleeping");
            }
        }
    }
}
