package io.inlet.common.message;

import java.util.Objects;

/**
 * One OpenSearch write, translated from one {@link StreamMessage}.
 *
 * @param index       target index
 * @param id          document id, never null
 * @param op          bulk operation
 * @param version     external version, or null for no version check
 * @param versionType {@link VersionType#EXTERNAL} when a version is set, else {@link VersionType#INTERNAL}
 * @param routing     custom routing, or null
 * @param pipeline    ingest pipeline, or null
 * @param source      document (or partial document for update) as raw JSON bytes; null for delete
 * @param message     the message this operation came from (its pointer is acknowledged when the write is)
 */
public record DocOp(String index, String id, OpType op, Long version, VersionType versionType,
                    String routing, String pipeline, byte[] source, StreamMessage message) {

    public enum VersionType { INTERNAL, EXTERNAL }

    public DocOp {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(message, "message");
        versionType = version == null ? VersionType.INTERNAL : VersionType.EXTERNAL;
    }

    public Pointer pointer() {
        return message.pointer();
    }

    /** Approximate size on the wire, for byte-bounded batches. */
    public int estimatedBytes() {
        return 96 + index.length() + id.length() + (source == null ? 0 : source.length);
    }

    @Override
    public String toString() {
        return "DocOp[" + op.wireName() + " " + index + "/" + id + (version == null ? "" : " v" + version)
                + " from " + message.describe() + "]";
    }
}
