package io.inlet.kinesis.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the KCL fetches records from Kinesis. */
public enum Retrieval {
    /**
     * GetRecords calls in a loop, per shard, with an idle time between calls. Shares the shard's 2 MB/s
     * and 5 reads/s limits with every other polling consumer of the stream. Works over HTTP/1.1.
     */
    POLLING,
    /**
     * Enhanced fan-out: a registered stream consumer with its own 2 MB/s per shard, records pushed over
     * SubscribeToShard. Needs HTTP/2 (an {@code https://} Kinesis endpoint) and costs extra on AWS.
     */
    FAN_OUT;

    /** Parses a setting value ({@code polling}, {@code fan_out} or {@code fan-out}); rejects anything else. */
    public static Retrieval parse(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Retrieval r : values()) {
            if (r.name().equals(v)) {
                return r;
            }
        }
        throw new IllegalArgumentException("Unknown retrieval mode '" + value + "'; valid values: "
                + Arrays.stream(values()).map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
