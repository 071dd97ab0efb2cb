package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Accepts one of a fixed list of words, in any case, and refuses anything else, listing the valid
 * words: {@code Invalid value "drop_it" for configuration error_strategy: write one of DROP, BLOCK}.
 * An unknown value is never replaced by a default.
 */
public final class OneOf implements ConfigDef.Validator {

    private final List<String> valid;
    private final boolean unsetAllowed;

    private OneOf(List<String> valid, boolean unsetAllowed) {
        if (valid.isEmpty()) {
            throw new IllegalArgumentException("a choice needs at least one valid value");
        }
        this.valid = List.copyOf(valid);
        this.unsetAllowed = unsetAllowed;
    }

    /** The words {@code valid}, spelled as shown in documentation and messages; input may use any case. */
    public static OneOf anyCase(List<String> valid) {
        return new OneOf(valid, false);
    }

    /** The same words, or no value at all (null or blank): for a setting whose absence means something. */
    public OneOf orUnset() {
        return new OneOf(valid, true);
    }

    /** The valid words, as documented. */
    public List<String> validValues() {
        return valid;
    }

    /** The documented spelling of {@code value} (trimmed, any case), or empty when it is not valid. */
    public Optional<String> match(Object value) {
        if (value instanceof String text) {
            String wanted = text.trim().toLowerCase(Locale.ROOT);
            for (String candidate : valid) {
                if (candidate.toLowerCase(Locale.ROOT).equals(wanted)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (unsetAllowed && (value == null || value instanceof String text && text.isBlank())) {
            return;
        }
        if (match(value).isEmpty()) {
            throw new ConfigException(name, Quote.of(value), "write one of " + String.join(", ", valid));
        }
    }

    @Override
    public String toString() {
        return "one of " + String.join(", ", valid) + " (any case)" + (unsetAllowed ? "; or empty" : "");
    }
}
