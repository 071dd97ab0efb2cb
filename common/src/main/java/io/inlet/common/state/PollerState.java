package io.inlet.common.state;

/**
 * What the reader of one partition or shard is doing, named as in OpenSearch pull-based ingestion
 * ({@code poller_state} in the state API).
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
    CLOSED
}
