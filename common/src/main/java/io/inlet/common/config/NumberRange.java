package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Accepts a whole number within bounds ({@code at least 1}, {@code 1 to 64}) and, when built with
 * {@link #orUnset()}, no value at all. Works for INT, LONG and SHORT settings.
 */
public final class NumberRange implements ConfigDef.Validator {

    private final long min;
    private final Long max;
    private final boolean unsetAllowed;

    private NumberRange(long min, Long max, boolean unsetAllowed) {
        if (max != null && max < min) {
            throw new IllegalArgumentException("empty range: " + min + " to " + max);
        }
        this.min = min;
        this.max = max;
        this.unsetAllowed = unsetAllowed;
    }

    /** {@code min} or more. */
    public static NumberRange atLeast(long min) {
        return new NumberRange(min, null, false);
    }

    /** From {@code min} to {@code max}, both included. */
    public static NumberRange between(long min, long max) {
        return new NumberRange(min, max, false);
    }

    /** The same bounds, and no value is accepted too (for settings whose default is unset). */
    public NumberRange orUnset() {
        return new NumberRange(min, max, true);
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null && unsetAllowed) {
            return;
        }
        if (!(value instanceof Number number) || number.longValue() < min
                || (max != null && number.longValue() > max)) {
            throw new ConfigException(name, value, "write a whole number " + bounds());
        }
    }

    private String bounds() {
        return max == null ? "of at least " + min : "from " + min + " to " + max;
    }

    @Override
    public String toString() {
        String rule = max == null ? "at least " + min : min + " to " + max;
        return unsetAllowed ? rule + ", or not set" : rule;
    }
}
