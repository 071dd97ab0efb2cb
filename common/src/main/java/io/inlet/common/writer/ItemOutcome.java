package io.inlet.common.writer;

/**
 * What became of one message in a bulk request, as decided by {@link ItemClassifier}. Every outcome
 * but {@link #RETRIABLE} finishes the message, so its pointer may be committed.
 */
public enum ItemOutcome {
    /** Written (or, for a delete, the document was already absent). */
    SUCCESS,
    /**
     * Not written because the index already holds this version or a newer one (external versioning),
     * or the document already exists (a repeated {@code create}). Counted in
     * {@code total_version_conflicts_count}; never an error: this is how replays become no-ops.
     */
    STALE,
    /**
     * Not written for a passing reason (overload, a cluster write block, a node down): retried with
     * backoff, for as long as it takes. The message is not finished.
     */
    RETRIABLE,
    /**
     * Refused because of the message itself or the mapping (parse or mapping error, invalid request):
     * retrying cannot help. The {@code error_strategy} decides: {@code DROP} dead-letters it and moves
     * on, {@code BLOCK} stops the partition or shard at it.
     */
    REJECTED;

    /** Whether the message is finished with, so that its pointer may be acknowledged. */
    public boolean isFinal() {
        return this != RETRIABLE;
    }
}
