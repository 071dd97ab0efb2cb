package io.inlet.kinesis;

import io.inlet.common.message.SequenceNumber;
import io.inlet.common.message.StreamMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** Turns a KCL record into the neutral {@link StreamMessage} the shared ingestion takes. */
final class RecordConverter {

    private RecordConverter() {
    }

    /**
     * The message for {@code r}, read from shard {@code shardId} of {@code stream}: the partition key
     * (UTF-8) as key, the data as payload, the sequence and sub-sequence numbers (KPL aggregates) as
     * pointer, and the approximate arrival time (epoch ms, -1 when unknown) as timestamp.
     */
    static StreamMessage toMessage(String stream, String shardId, KinesisClientRecord r) {
        byte[] key = r.partitionKey() == null ? null : r.partitionKey().getBytes(StandardCharsets.UTF_8);
        long timestamp = r.approximateArrivalTimestamp() == null ? -1 : r.approximateArrivalTimestamp().toEpochMilli();
        return new StreamMessage(stream, shardId, key, bytes(r.data()), Map.of(),
                new SequenceNumber(r.sequenceNumber(), Math.max(0, r.subSequenceNumber())), timestamp);
    }

    private static byte[] bytes(ByteBuffer data) {
        if (data == null) {
            return new byte[0];
        }
        ByteBuffer copy = data.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
