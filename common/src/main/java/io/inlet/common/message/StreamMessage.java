package io.inlet.common.message;

import java.util.Map;
import java.util.Objects;

/**
 * One message as read from a stream, before translation.
 *
 * @param stream     Kafka topic or Kinesis stream name
 * @param partition  Kafka partition number or Kinesis shard id, as a string
 * @param key        record key (Kafka key, Kinesis partition key) or null
 * @param payload    record value; null for a Kafka tombstone
 * @param headers    record headers (Kafka) or an empty map
 * @param pointer    position of this message in its partition or shard
 * @param timestamp  source timestamp in epoch milliseconds (Kafka record time, Kinesis arrival time), or -1
 * @param origin     the runtime's own record (a Connect {@code SinkRecord}), for reporting it back; or null
 */
public record StreamMessage(String stream, String partition, byte[] key, byte[] payload,
                            Map<String, byte[]> headers, Pointer pointer, long timestamp, Object origin) {

    public StreamMessage {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(pointer, "pointer");
        headers = headers == null ? Map.of() : headers;
    }

    public StreamMessage(String stream, String partition, byte[] key, byte[] payload,
                         Map<String, byte[]> headers, Pointer pointer, long timestamp) {
        this(stream, partition, key, payload, headers, pointer, timestamp, null);
    }

    public static StreamMessage of(String stream, String partition, Pointer pointer, byte[] payload) {
        return new StreamMessage(stream, partition, null, payload, Map.of(), pointer, -1);
    }

    /** Where this message stands, for logs and errors: {@code topic-3@1234}. */
    public String describe() {
        return stream + "-" + partition + "@" + pointer.asString();
    }

    @Override
    public String toString() {
        return "StreamMessage[" + describe() + ", " + (payload == null ? "null" : payload.length + " bytes") + "]";
    }
}
