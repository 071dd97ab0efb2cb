package io.inlet.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What Connect's errant record reporter needs to report a message, kept in place of the whole
 * {@link SinkRecord} (which holds the consumer's record with it) while the message waits in the writer:
 * schemas, key, headers and timestamp type; the value only when it is not already the message's payload
 * ({@code byte[]} values are the payload itself, {@code String} values are rebuilt from it). Only kept when
 * the connector has a reporter.
 */
record RecordOrigin(String topic, int partition, long offset, Schema keySchema, Object key, Schema valueSchema,
                    Object value, ValueKind valueKind, Long timestamp, TimestampType timestampType, Headers headers) {

    /** How the record's value relates to the message's payload. */
    enum ValueKind { PAYLOAD, STRING, OTHER }

    static RecordOrigin of(SinkRecord r) {
        ValueKind kind = r.value() instanceof byte[] ? ValueKind.PAYLOAD
                : r.value() instanceof String ? ValueKind.STRING : ValueKind.OTHER;
        return new RecordOrigin(r.originalTopic(), r.originalKafkaPartition(), r.originalKafkaOffset(), r.keySchema(),
                r.key(), r.valueSchema(), kind == ValueKind.OTHER ? r.value() : null, kind, r.timestamp(),
                r.timestampType(), r.headers().isEmpty() ? null : r.headers());
    }

    /** The record again, as the reporter takes it, with {@code payload} the message's payload. */
    SinkRecord toRecord(byte[] payload) {
        Object v = switch (valueKind) {
            case PAYLOAD -> payload;
            case STRING -> payload == null ? null : new String(payload, StandardCharsets.UTF_8);
            case OTHER -> value;
        };
        SinkRecord record = new SinkRecord(topic, partition, keySchema, key, valueSchema, v, offset, timestamp,
                timestampType == null ? TimestampType.NO_TIMESTAMP_TYPE : timestampType);
        if (headers != null) {
            headers.forEach(h -> record.headers().add(h));
        }
        return record;
    }
}
