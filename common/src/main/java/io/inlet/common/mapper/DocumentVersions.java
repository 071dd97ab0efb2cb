package io.inlet.common.mapper;

import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.OpType;
import io.inlet.common.message.StreamMessage;

/**
 * Decides a write's external version: none for a {@code create} (OpenSearch refuses a whole bulk request
 * holding a create with an external version), else the message's own version, else the Kafka offset when
 * {@code versionFromPointer} is set, else none.
 */
final class DocumentVersions {

    private DocumentVersions() {
    }

    /** The version of the write, or null for no version check. */
    static Long resolve(Long found, OpType op, StreamMessage message, MapperSettings settings) {
        if (op == OpType.CREATE) {
            return null;
        }
        if (found != null) {
            return found;
        }
        if (fromPointer(message, settings)) {
            return KafkaOffset.of(message.pointer()).offset();
        }
        return null;
    }

    /** Whether a message without a version of its own gets its Kafka offset as version. */
    static boolean fromPointer(StreamMessage message, MapperSettings settings) {
        return settings.versionFromPointer() && message.pointer() instanceof KafkaOffset;
    }
}
