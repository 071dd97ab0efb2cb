package io.inlet.kinesis.kcl;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for one DynamoDB call of the lease-table code, turning its failures into one kind of error that says what
 * was being done: an {@link IllegalStateException} "Couldn't &lt;what&gt;: …" (the cause, or no answer in time), the
 * interrupt flag kept. A failure the caller expects (a missing table, a failed condition) is an empty answer.
 */
final class DynamoCalls {

    private DynamoCalls() {
    }

    /** The call's result, waiting at most {@code timeout}. */
    static <T> T await(CompletableFuture<T> call, Duration timeout, String what) {
        return awaitUnless(call, timeout, what, null).orElseThrow();
    }

    /**
     * The call's result, or empty when it failed with {@code expected} (null: none is expected); waits at most
     * {@code timeout}.
     */
    static <T> Optional<T> awaitUnless(CompletableFuture<T> call, Duration timeout, String what,
                                       Class<? extends Throwable> expected) {
        try {
            return Optional.of(call.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | CompletionException e) {
            if (expected != null && expected.isInstance(e.getCause())) {
                return Optional.empty();
            }
            throw new IllegalStateException("Couldn't " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Couldn't " + what + ": no answer from DynamoDB in " + timeout.toSeconds()
                    + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + what, e);
        }
    }
}
