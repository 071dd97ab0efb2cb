package io.inlet.common.writer;

/**
 * What the writer tells its owner about each message. Every message submitted ends in exactly one of
 * {@link #onWritten} or {@link #onDeadLettered}, unless it is cancelled first; that is the moment its
 * pointer may be acknowledged.
 */
public interface WriteListener {

    /** OpenSearch acknowledged the write: {@link ItemOutcome#SUCCESS} or {@link ItemOutcome#STALE} (version conflict, absorbed). */
    void onWritten(Pending.Write write, ItemOutcome outcome);

    /** Under DROP, the message was refused and is now in the dead-letter destination. */
    void onDeadLettered(Pending pending, Failure failure);

    /** Under BLOCK, the message was refused and its partition waits; called on every retry while it stays blocked. */
    default void onBlocked(Pending pending, Failure failure) {
    }

    /** A message that was blocked went through (written or dead-lettered after a switch to DROP). */
    default void onUnblocked(Pending pending) {
    }

    /** {@code count} messages are being retried after a retriable failure (429, 5xx, I/O, cluster block). */
    default void onRetry(Pending pending, Failure failure) {
    }

    /**
     * OpenSearch answered a {@code _bulk} request (or it failed as a whole) after {@code millis}: every attempt,
     * retries included. For the bulk latency and size metrics.
     */
    default void onBulkAnswered(long millis, int operations) {
    }

    /** A no-op listener, for tests and tools. */
    WriteListener NONE = new WriteListener() {
        @Override
        public void onWritten(Pending.Write write, ItemOutcome outcome) {
        }

        @Override
        public void onDeadLettered(Pending pending, Failure failure) {
        }

    };
}
