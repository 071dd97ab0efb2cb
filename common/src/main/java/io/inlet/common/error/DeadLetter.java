package io.inlet.common.error;

import io.inlet.common.message.Pointer;
import io.inlet.common.message.StreamMessage;

import java.util.Objects;

/**
 * A message Inlet gave up on under {@link ErrorStrategy#DROP}, as sent to the dead-letter destination:
 * enough to find the original in the stream, understand why it was refused, and replay it once fixed.
 *
 * @param stream          Kafka topic or Kinesis stream
 * @param partition       Kafka partition or Kinesis shard id
 * @param pointer         the message's offset or sequence number
 * @param rawPayload      the message value exactly as read, or null (a Kafka tombstone)
 * @param key             the message key (Kafka key, Kinesis partition key), or null
 * @param reasonCode      why it was refused, machine-readable: a mapper reason code or the OpenSearch
 *                        {@code error.type}, e.g. {@code mapper_parsing_exception}
 * @param message         the human-readable explanation, or null
 * @param timestampMillis when Inlet gave up, epoch milliseconds
 * @param targetIndex     the index the message was meant for, or null when it never got that far
 * @param recordTimestamp the message's own time (Kafka record time, Kinesis arrival time), epoch milliseconds, or -1
 * @param origin          the runtime's own record (a Connect {@code SinkRecord}), or null
 */
public record DeadLetter(String stream, String partition, Pointer pointer, byte[] rawPayload, byte[] key,
                         String reasonCode, String message, long timestampMillis, String targetIndex, long recordTimestamp,
                         Object origin) {

    public DeadLetter(String stream, String partition, Pointer pointer, byte[] rawPayload, byte[] key,
                      String reasonCode, String message, long timestampMillis, String targetIndex) {
        this(stream, partition, pointer, rawPayload, key, reasonCode, message, timestampMillis, targetIndex, -1, null);
    }

    public DeadLetter {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(reasonCode, "reasonCode");
    }

    /** The dead letter for {@code source}, keeping its stream, partition, pointer, payload and key. */
    public static DeadLetter of(StreamMessage source, String reasonCode, String message, long timestampMillis,
                                String targetIndex) {
        return new DeadLetter(source.stream(), source.partition(), source.pointer(), source.payload(),
                source.key(), reasonCode, message, timestampMillis, targetIndex, source.timestamp(), source.origin());
    }

    /** Where the message stands, for logs: {@code topic-3@1234}. */
    public String describe() {
        return stream + "-" + partition + "@" + pointer.asString();
    }

    @Override
    public String toString() {
        return "DeadLetter[" + describe() + ", " + reasonCode + (message == null ? "" : ": " + message)
                + (targetIndex == null ? "" : ", index " + targetIndex)
                + ", " + (rawPayload == null ? "null" : rawPayload.length + " bytes") + "]";
    }
}
