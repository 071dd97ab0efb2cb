package io.inlet.common.writer;

import io.inlet.common.retry.RetryPolicy;

/**
 * Limits and behaviour of the bulk writer.
 *
 * @param maxBatchSize       most operations in one {@code _bulk} request ({@code max_batch_size})
 * @param maxBatchBytes      most bytes in one {@code _bulk} request ({@code bulk.max.bytes})
 * @param lanes              writer lanes, each with at most one request in flight ({@code num_processor_threads});
 *                           all operations on one {@code _id} go through the same lane, in order
 * @param bufferMaxBytes     memory bound of everything submitted and not yet finished ({@code buffer.max.bytes})
 * @param bufferMaxMessages  the same bound in messages ({@code buffer.max.messages})
 * @param retry              backoff for retriable failures and for messages blocked under BLOCK
 * @param updateVersionField the stored field that guards {@code update} operations ({@code update.version_field})
 */
public record WriterOptions(int maxBatchSize, long maxBatchBytes, int lanes, long bufferMaxBytes, int bufferMaxMessages,
                            RetryPolicy retry, String updateVersionField) {

    public WriterOptions {
        if (maxBatchSize < 1 || maxBatchBytes < 1 || lanes < 1 || bufferMaxBytes < 1 || bufferMaxMessages < 1) {
            throw new IllegalArgumentException("writer limits must be positive: " + this);
        }
    }

    public static WriterOptions defaults() {
        return new WriterOptions(1000, 5L << 20, 2, 8L << 20, 100_000, RetryPolicy.defaults(), "_inlet_version");
    }

    public WriterOptions withMaxBatchSize(int n) {
        return new WriterOptions(n, maxBatchBytes, lanes, bufferMaxBytes, bufferMaxMessages, retry, updateVersionField);
    }

    public WriterOptions withLanes(int n) {
        return new WriterOptions(maxBatchSize, maxBatchBytes, n, bufferMaxBytes, bufferMaxMessages, retry, updateVersionField);
    }

    public WriterOptions withBuffer(long bytes, int messages) {
        return new WriterOptions(maxBatchSize, maxBatchBytes, lanes, bytes, messages, retry, updateVersionField);
    }

    public WriterOptions withRetry(RetryPolicy policy) {
        return new WriterOptions(maxBatchSize, maxBatchBytes, lanes, bufferMaxBytes, bufferMaxMessages, policy, updateVersionField);
    }
}
