package io.inlet.common.error;

import java.util.Objects;

/**
 * The {@link ErrorStrategy} in force for one connector or worker, which can be switched while it
 * runs: for instance from {@code BLOCK} to {@code DROP} to let a blocked partition move past a message
 * that will never be accepted. Every partition shares the holder, so a switch applies to the next
 * rejected message everywhere. Thread-safe.
 */
public final class ErrorPolicy {

    private volatile ErrorStrategy strategy;

    public ErrorPolicy(ErrorStrategy initial) {
        this.strategy = Objects.requireNonNull(initial, "initial strategy");
    }

    /** The strategy in force now. */
    public ErrorStrategy current() {
        return strategy;
    }

    /**
     * Switches to {@code next}.
     *
     * @return the strategy that was in force
     */
    public ErrorStrategy switchTo(ErrorStrategy next) {
        Objects.requireNonNull(next, "strategy");
        synchronized (this) {
            ErrorStrategy previous = strategy;
            strategy = next;
            return previous;
        }
    }

    public boolean isDrop() {
        return strategy == ErrorStrategy.DROP;
    }

    public boolean isBlock() {
        return strategy == ErrorStrategy.BLOCK;
    }

    @Override
    public String toString() {
        return "ErrorPolicy[" + strategy + "]";
    }
}
