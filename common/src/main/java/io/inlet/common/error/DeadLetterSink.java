package io.inlet.common.error;

/**
 * Where messages go when Inlet gives up on them under {@link ErrorStrategy#DROP}: Kafka Connect's
 * errant record reporter, or an OpenSearch index ({@code dlq.index}) for both sources.
 *
 * <p>A message is acknowledged, and its pointer may be committed, only once {@link #send(DeadLetter)}
 * has returned, so a dead letter is never lost to a crash. An implementation that buffers must make
 * {@link #flush()} wait until everything sent is stored.
 */
public interface DeadLetterSink extends AutoCloseable {

    /**
     * Stores (or, if buffered, accepts) one dead letter.
     *
     * @throws Exception when it could not be stored; the caller retries and does not acknowledge the
     *                   message meanwhile
     */
    void send(DeadLetter deadLetter) throws Exception;

    /**
     * Waits until every dead letter sent so far is stored.
     *
     * @throws Exception when some could not be stored
     */
    void flush() throws Exception;

    /** Flushes what it can and releases its resources. */
    @Override
    void close() throws Exception;
}
