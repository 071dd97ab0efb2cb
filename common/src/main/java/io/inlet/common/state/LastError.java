package io.inlet.common.state;

import io.inlet.common.message.Pointer;

import java.util.Objects;

/**
 * The most recent error of a partition or shard, as shown in the state API ({@code last_error}).
 *
 * @param pointer         the message it concerns, or null when it concerns no single message
 *                        (e.g. the cluster is unreachable)
 * @param reason          machine-readable reason code: a mapper reason code or an OpenSearch
 *                        {@code error.type}
 * @param message         human-readable explanation, or null
 * @param timestampMillis when it happened, epoch milliseconds
 */
public record LastError(Pointer pointer, String reason, String message, long timestampMillis) {

    public LastError {
        Objects.requireNonNull(reason, "reason");
    }
}
