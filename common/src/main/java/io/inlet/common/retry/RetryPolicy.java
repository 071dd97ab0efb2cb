package io.inlet.common.retry;

/**
 * How Inlet retries a write that failed for a passing reason (429, 5xx, I/O, a cluster write block):
 * exponential backoff with full jitter between {@code 0} and {@code min(capMillis, baseMillis * 2^n)}
 * after failed attempt {@code n} (counted from 0), for at most {@code maxAttempts} attempts in all.
 *
 * <p>The default retries forever: a retriable failure never fails the task and never loses a message;
 * the partition or shard simply waits, and the state API shows why.
 *
 * @param baseMillis  the delay ceiling after the first failure, at least 1 (default 100)
 * @param capMillis   the largest delay ceiling, at least {@code baseMillis} (default 30,000)
 * @param maxAttempts attempts in all, including the first, at least 1, or {@link #UNLIMITED}
 */
public record RetryPolicy(long baseMillis, long capMillis, int maxAttempts) {

    public static final long DEFAULT_BASE_MILLIS = 100;
    public static final long DEFAULT_CAP_MILLIS = 30_000;
    /** {@link #maxAttempts()} value meaning: retry for as long as it takes. */
    public static final int UNLIMITED = -1;

    public RetryPolicy {
        if (baseMillis < 1) {
            throw new IllegalArgumentException("the retry base delay must be at least 1 ms, got " + baseMillis);
        }
        if (capMillis < baseMillis) {
            throw new IllegalArgumentException("the retry delay cap (" + capMillis
                    + " ms) must be at least the base delay (" + baseMillis + " ms)");
        }
        if (maxAttempts != UNLIMITED && maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, or " + UNLIMITED
                    + " for unlimited, got " + maxAttempts);
        }
    }

    /** Base 100 ms, cap 30 s, unlimited attempts. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_BASE_MILLIS, DEFAULT_CAP_MILLIS, UNLIMITED);
    }

    /** The given delays, unlimited attempts. */
    public static RetryPolicy unlimited(long baseMillis, long capMillis) {
        return new RetryPolicy(baseMillis, capMillis, UNLIMITED);
    }

    /** This policy with at most {@code attempts} attempts ({@link #UNLIMITED} for no limit). */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(baseMillis, capMillis, attempts);
    }

    public boolean isUnlimited() {
        return maxAttempts == UNLIMITED;
    }

    /**
     * Whether another attempt may follow the failed attempt {@code attempt} (0-based): always when
     * unlimited, else while {@code attempt + 1 < maxAttempts}.
     */
    public boolean mayRetryAfter(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempts are counted from 0, got " + attempt);
        }
        return isUnlimited() || attempt + 1 < maxAttempts;
    }
}
