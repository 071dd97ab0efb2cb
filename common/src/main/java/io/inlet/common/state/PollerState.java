package io.inlet.common.state;

/**
 * What the reader of one partition or shard is doing, named as in OpenSearch pull-based ingestion
 * ({@code poller_state} in the state API).
 *
 * <p>The state is never set directly: {@link PartitionState} keeps what is true of the partition (closed,
 * blocked by the writer, paused by the user or by a full buffer, holding records it has read) and
 * {@link #of} derives the state from those facts, so every transition follows the one rule written there.
 */
public enum PollerState {
    /** Waiting for or reading messages from the source. */
    POLLING,
    /** Translating and writing messages it has read. */
    PROCESSING,
    /** Paused by the user (pause API), or by backpressure while buffers are full. */
    PAUSED,
    /**
     * Stopped at a message that cannot be written under {@code error_strategy=BLOCK}; see
     * {@code last_error}. Resumes when the data or mapping is fixed, the strategy is switched to
     * {@code DROP}, or the pointer is reset past the message.
     */
    BLOCKED,
    /** No longer read here: the partition was revoked, the shard ended, or the lease was lost. */
    CLOSED;

    /**
     * The state of a partition from what is true of it, the most telling first: CLOSED is final; BLOCKED
     * holds until the writer moves past the message, whatever the reader does meanwhile; a pause (the user's
     * or backpressure's) shows over reading; PROCESSING while the reader holds records it has read.
     */
    public static PollerState of(boolean closed, boolean blocked, boolean paused, boolean processing) {
        if (closed) {
            return CLOSED;
        }
        if (blocked) {
            return BLOCKED;
        }
        if (paused) {
            return PAUSED;
        }
        return processing ? PROCESSING : POLLING;
    }
}
