package io.inlet.common.retry;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: after failed attempt {@code n} (counted from 0) Inlet waits a
 * random time, uniform in {@code [0, min(cap, base * 2^n)]} milliseconds.
 *
 * <p>Full jitter spreads the retries of many tasks hitting the same overloaded cluster, instead of
 * having them all come back at the same moment. The ceiling doubles per attempt until the cap and then
 * stays there, for any number of attempts (no overflow, even after millions of retries).
 *
 * <p>Thread-safe when its random generator is (the default one is).
 */
public final class Backoff {

    /** Draws from the calling thread's {@link ThreadLocalRandom}, safe to share between threads. */
    private static final RandomGenerator THREAD_LOCAL_RANDOM = () -> ThreadLocalRandom.current().nextLong();

    private final RetryPolicy policy;
    private final RandomGenerator random;
    private final Clock clock;

    /**
     * @param policy base, cap and attempt limit
     * @param random source of jitter; tests pass a fixed one
     * @param clock  where {@link #pause(int)} sleeps; tests pass a clock that only moves when told to
     */
    public Backoff(RetryPolicy policy, RandomGenerator random, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Real jitter and real sleeps. */
    public Backoff(RetryPolicy policy) {
        this(policy, THREAD_LOCAL_RANDOM, Clock.system());
    }

    public RetryPolicy policy() {
        return policy;
    }

    public Clock clock() {
        return clock;
    }

    /** The largest delay after failed attempt {@code attempt}: {@code min(cap, base * 2^attempt)}. */
    public long ceilingMillis(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempts are counted from 0, got " + attempt);
        }
        long base = policy.baseMillis();
        long cap = policy.capMillis();
        // base * 2^attempt <= cap  <=>  base <= cap / 2^attempt, checked without multiplying.
        if (attempt < Long.SIZE - 1 && base <= (cap >> attempt)) {
            return base << attempt;
        }
        return cap;
    }

    /** A random delay in {@code [0, ceilingMillis(attempt)]} to wait after failed attempt {@code attempt}. */
    public long delayMillis(int attempt) {
        long ceiling = ceilingMillis(attempt);
        if (ceiling == Long.MAX_VALUE) {
            return random.nextLong(ceiling);
        }
        return random.nextLong(ceiling + 1);
    }

    /**
     * Sleeps on the clock for {@link #delayMillis(int)} after failed attempt {@code attempt}.
     *
     * @return the time slept, in milliseconds
     * @throws InterruptedException when interrupted while waiting (the caller should stop retrying)
     */
    public long pause(int attempt) throws InterruptedException {
        long delay = delayMillis(attempt);
        clock.sleep(delay);
        return delay;
    }

    @Override
    public String toString() {
        return "Backoff[base=" + policy.baseMillis() + "ms, cap=" + policy.capMillis() + "ms, attempts="
                + (policy.isUnlimited() ? "unlimited" : policy.maxAttempts()) + ", full jitter]";
    }
}
