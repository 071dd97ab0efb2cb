package io.inlet.services;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting in tests for something to become true: the condition is checked every {@value #POLL_MILLIS} ms
 * until it holds, and after the timeout the wait fails with an {@link AssertionError} naming what it was
 * waiting for. An interrupt ends the wait too (with the thread's interrupt flag set again).
 */
public final class Await {

    static final long POLL_MILLIS = 100;

    private Await() {
    }

    /** A check that may throw while things settle (an HTTP error, a state not published yet). */
    @FunctionalInterface
    public interface ThrowingCondition {
        boolean holds() throws Exception;
    }

    /** Waits until {@code condition} holds; what it throws fails the wait at once. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        poll(what, timeout, () -> "", condition);
    }

    /** Waits until {@code condition} holds; an exception or an {@link AssertionError} it throws counts as "not yet". */
    public static void quietly(String what, Duration timeout, ThrowingCondition condition) {
        quietly(what, timeout, () -> "", condition);
    }

    /** As {@link #quietly(String, Duration, ThrowingCondition)}; on a time-out the failure adds {@code detail}'s answer. */
    public static void quietly(String what, Duration timeout, Supplier<String> detail, ThrowingCondition condition) {
        poll(what, timeout, detail, () -> holds(condition));
    }

    private static boolean holds(ThrowingCondition condition) {
        try {
            return condition.holds();
        } catch (Exception | AssertionError e) {
            return false;
        }
    }

    private static void poll(String what, Duration timeout, Supplier<String> detail, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                String more = detail.get();
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + (more.isEmpty() ? "" : "; " + more));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }
}
