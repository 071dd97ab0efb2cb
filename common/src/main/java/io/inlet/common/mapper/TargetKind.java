package io.inlet.common.mapper;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code target.kind} setting: what the {@code index} setting names. */
public enum TargetKind {
    /** An index (or an alias pointing at one index): every operation, guarded by external versions. */
    INDEX("index"),
    /**
     * A data stream: append-only. Index and create become {@code create} with the message's deterministic id and
     * no external version (a data stream takes internal versioning only); a replay within one backing index is
     * answered 409 and counted stale. Deletes and updates are rejected ({@link ReasonCode#APPEND_ONLY_TARGET}).
     */
    DATA_STREAM("data_stream"),
    /**
     * A write alias: every operation goes to its current write index and external versions guard that index only;
     * after a rollover, a document whose older version lives in an earlier index gets a second copy.
     */
    ALIAS("alias");

    private final String configName;

    TargetKind(String configName) {
        this.configName = configName;
    }

    /** The name written in configuration, e.g. {@code data_stream}. */
    public String configName() {
        return configName;
    }

    /** @throws IllegalArgumentException for a name that is none of the valid ones, which the message lists */
    public static TargetKind fromName(String name) {
        String wanted = name == null ? null : name.trim().toLowerCase(Locale.ROOT);
        for (TargetKind kind : values()) {
            if (kind.configName.equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown target.kind " + (name == null ? "null" : "\"" + name + "\"")
                + "; valid values are: " + validNames());
    }

    public static String validNames() {
        return Arrays.stream(values()).map(TargetKind::configName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return configName;
    }
}
