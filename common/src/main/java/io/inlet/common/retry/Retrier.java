package io.inlet.common.retry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Runs one action until it succeeds, backing off between attempts as its {@link Backoff} says. For
 * single calls such as writing a dead letter or checking the connection; the bulk writer classifies
 * each item itself and uses {@link Backoff} directly.
 *
 * <p>Only failures the caller deems retriable are retried; any other failure, and the last one when
 * attempts run out, is thrown as it came. An {@link InterruptedException} is never retried.
 */
public final class Retrier {

    private static final Logger log = LoggerFactory.getLogger(Retrier.class);

    private final Backoff backoff;

    public Retrier(Backoff backoff) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /**
     * Calls {@code action} until it returns.
     *
     * @param what      what is being done, for the logs: "writing a dead letter to index 'dlq'"
     * @param action    the action
     * @param retriable which failures are worth another attempt
     * @return the action's result
     * @throws Exception the first failure that is not retriable, or the last one when the policy's
     *                   attempts are exhausted
     */
    public <T> T call(String what, Callable<T> action, Predicate<? super Exception> retriable) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return action.call();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (!retriable.test(e)) {
                    throw e;
                }
                if (!backoff.policy().mayRetryAfter(attempt)) {
                    log.warn("Giving up {} after {} attempts: {}", what, attempt + 1, e.toString(), e);
                    throw e;
                }
                long delay = backoff.delayMillis(attempt);
                log.warn("Failed {} (attempt {}), retrying in {} ms: {}", what, attempt + 1, delay, e.toString());
                backoff.clock().sleep(delay);
            }
        }
    }
}
