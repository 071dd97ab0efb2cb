package io.inlet.common.error;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What Inlet does with a message it cannot write because of the message itself (a parse or mapping
 * error): the {@code error_strategy} setting, named as in OpenSearch pull-based ingestion. Failures
 * that pass (overload, a node down) are always retried, whatever the strategy.
 */
public enum ErrorStrategy {
    /**
     * Send the message to the dead-letter destination with its pointer and reason, count it in
     * {@code total_dropped_count}, and move on.
     */
    DROP,
    /**
     * Stop the partition or shard at the message and keep retrying it with backoff; the state API
     * shows the error until the data or mapping is fixed, the strategy is switched to {@link #DROP}
     * at runtime, or the pointer is reset past the message.
     */
    BLOCK;

    /**
     * The strategy named {@code name}, in any case ({@code drop}, {@code DROP}, {@code Block}).
     *
     * @throws IllegalArgumentException for a null or unknown name, listing the valid ones
     */
    public static ErrorStrategy fromName(String name) {
        if (name != null) {
            String wanted = name.trim().toUpperCase(Locale.ROOT);
            for (ErrorStrategy strategy : values()) {
                if (strategy.name().equals(wanted)) {
                    return strategy;
                }
            }
        }
        throw new IllegalArgumentException("unknown error strategy '" + name + "': use one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
