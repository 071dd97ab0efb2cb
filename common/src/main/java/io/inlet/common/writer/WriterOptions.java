package io.inlet.common.writer;

import io.inlet.common.config.FormatSettings;
import io.inlet.common.config.WriterSettings;

/**
 * Limits and behaviour of the bulk writer.
 *
 * @param maxBatchSize       most operations in one {@code _bulk} request ({@code max_batch_size})
 * @param maxBatchBytes      most bytes in one {@code _bulk} request ({@code bulk.max.bytes})
 * @param lingerMillis       how long a request that is not full waits once the queue runs dry ({@code bulk.linger.ms})
 * @param maxInFlight        the most bulk requests in flight at once, the ceiling of the adaptive limit
 *                           ({@code num_processor_threads}); one {@code _id} is never in two at once
 * @param bufferMaxBytes     memory bound of everything submitted and not yet finished ({@code buffer.max.bytes})
 * @param bufferMaxMessages  the same bound in messages ({@code buffer.max.messages})
 * @param updateVersionField the stored field that guards {@code update} operations ({@code update.version_field})
 */
public record WriterOptions(int maxBatchSize, long maxBatchBytes, int lingerMillis, int maxInFlight, long bufferMaxBytes,
                            int bufferMaxMessages, String updateVersionField) {

    public WriterOptions {
        if (maxBatchSize < 1 || maxBatchBytes < 1 || lingerMillis < 0 || maxInFlight < 1 || bufferMaxBytes < 1
                || bufferMaxMessages < 1) {
            throw new IllegalArgumentException("writer limits must be positive: " + this);
        }
    }

    /** The defaults of the settings, as {@link WriterSettings} and {@link FormatSettings} define them. */
    public static WriterOptions defaults() {
        return new WriterOptions(WriterSettings.MAX_BATCH_SIZE_DEFAULT, WriterSettings.BULK_MAX_BYTES_DEFAULT,
                WriterSettings.BULK_LINGER_MS_DEFAULT, WriterSettings.NUM_PROCESSOR_THREADS_DEFAULT,
                WriterSettings.BUFFER_MAX_BYTES_DEFAULT, WriterSettings.BUFFER_MAX_MESSAGES_DEFAULT,
                FormatSettings.UPDATE_VERSION_FIELD_DEFAULT);
    }

    public WriterOptions withMaxBatchSize(int n) {
        return new WriterOptions(n, maxBatchBytes, lingerMillis, maxInFlight, bufferMaxBytes, bufferMaxMessages,
                updateVersionField);
    }

    public WriterOptions withMaxBatchBytes(long n) {
        return new WriterOptions(maxBatchSize, n, lingerMillis, maxInFlight, bufferMaxBytes, bufferMaxMessages,
                updateVersionField);
    }

    public WriterOptions withLinger(int millis) {
        return new WriterOptions(maxBatchSize, maxBatchBytes, millis, maxInFlight, bufferMaxBytes, bufferMaxMessages,
                updateVersionField);
    }

    public WriterOptions withMaxInFlight(int n) {
        return new WriterOptions(maxBatchSize, maxBatchBytes, lingerMillis, n, bufferMaxBytes, bufferMaxMessages,
                updateVersionField);
    }

    public WriterOptions withBuffer(long bytes, int messages) {
        return new WriterOptions(maxBatchSize, maxBatchBytes, lingerMillis, maxInFlight, bytes, messages,
                updateVersionField);
    }
}
