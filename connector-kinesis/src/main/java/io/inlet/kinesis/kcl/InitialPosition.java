package io.inlet.kinesis.kcl;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a worker starts reading a shard that has no checkpoint yet (a new application, or a shard
 * created by resharding). Once a shard has a checkpoint in the lease table, reading resumes after it
 * and this setting no longer matters.
 */
public enum InitialPosition {
    /** The oldest record still retained in the shard. */
    TRIM_HORIZON,
    /** Only records put after the worker first reads the shard. */
    LATEST,
    /** Records put at or after a given instant. */
    AT_TIMESTAMP;

    /** Parses a setting value, case-insensitively; rejects unknown values, listing the valid ones. */
    public static InitialPosition parse(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (InitialPosition p : values()) {
            if (p.name().equals(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown initial position '" + value + "'; valid values: "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
