package io.inlet.kafka;

import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.StreamMessage;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A Connect {@link SinkRecord} as a neutral {@link StreamMessage}, named by its ORIGINAL topic,
 * partition and offset (before any topic-renaming SMT), so offsets are committed where Kafka has them.
 */
final class RecordConverter {

    /** Partition numbers as text, made once: every message names its partition. */
    private static final String[] PARTITION_NAMES = new String[1024];

    static {
        for (int i = 0; i < PARTITION_NAMES.length; i++) {
            PARTITION_NAMES[i] = Integer.toString(i);
        }
    }

    private RecordConverter() {
    }

    static String partitionName(int partition) {
        return partition >= 0 && partition < PARTITION_NAMES.length ? PARTITION_NAMES[partition] : Integer.toString(partition);
    }

    /** The record as a message; {@code keepOrigin}: with what Connect's errant record reporter needs to report it. */
    static StreamMessage toMessage(SinkRecord r, boolean keepOrigin) {
        Map<String, byte[]> headers = Map.of();
        if (!r.headers().isEmpty()) {
            headers = new HashMap<>();
            for (Header h : r.headers()) {
                headers.put(h.key(), ConnectJson.key(h.value()));
            }
        }
        return new StreamMessage(r.originalTopic(), partitionName(r.originalKafkaPartition()),
                ConnectJson.key(r.key()), ConnectJson.bytes(r.value()), headers, new KafkaOffset(r.originalKafkaOffset()),
                r.timestamp() == null ? -1 : r.timestamp(), keepOrigin ? RecordOrigin.of(r) : null);
    }
}
