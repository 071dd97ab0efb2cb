package io.inlet.common.writer;

/**
 * What to do when OpenSearch refuses a whole bulk request rather than individual items, as decided by
 * {@link ItemClassifier#classifyRequestFailure(int, String, int)}. A whole batch is never dropped or
 * blocked blindly.
 */
public enum RequestOutcome {
    /** Send the same batch again after a backoff: the cluster or the connection is at fault. */
    RETRY,
    /**
     * Split the batch in two and send each half, until the message at fault is alone: a 400 or 413
     * for a whole request is usually caused by one message (malformed, too large, or an operation the
     * cluster refuses), and the others deserve to be written.
     */
    SPLIT,
    /**
     * The batch holds a single message and the request was refused because of it: treat that message
     * as {@link ItemOutcome#REJECTED}.
     */
    REJECT
}
