package io.inlet.common.message;

import java.util.Objects;

/**
 * One OpenSearch write, translated from one {@link StreamMessage}.
 *
 * <p>The document is a range of a byte array: usually of the message's own payload (the {@code _source} the
 * mapper found in it), so a message waiting in the writer's buffer holds its bytes once, not twice.
 *
 * @param index        target index
 * @param id           document id, never null
 * @param op           bulk operation
 * @param version      external version, or null for no version check
 * @param routing      custom routing, or null
 * @param pipeline     ingest pipeline, or null
 * @param sourceArray  the array holding the document (or partial document for update) as raw JSON; null for delete
 * @param sourceOffset where the document starts in {@code sourceArray}
 * @param sourceLength the document's length in bytes
 * @param message      the message this operation came from (its pointer is acknowledged when the write is)
 */
public record DocOp(String index, String id, OpType op, Long version,
                    String routing, String pipeline, byte[] sourceArray, int sourceOffset, int sourceLength,
                    StreamMessage message) {

    public enum VersionType { INTERNAL, EXTERNAL }

    public DocOp {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(message, "message");
        if (sourceArray == null) {
            sourceOffset = 0;
            sourceLength = 0;
        } else if (sourceOffset < 0 || sourceLength < 0 || sourceOffset + sourceLength > sourceArray.length) {
            throw new IllegalArgumentException("document range [" + sourceOffset + ", " + (sourceOffset + sourceLength)
                    + ") outside an array of " + sourceArray.length + " bytes");
        }
    }

    /** An operation whose document is all of {@code source} (null for delete). */
    public DocOp(String index, String id, OpType op, Long version,
                 String routing, String pipeline, byte[] source, StreamMessage message) {
        this(index, id, op, version, routing, pipeline, source, 0, source == null ? 0 : source.length, message);
    }

    /** The same operation to another index. */
    public DocOp withIndex(String newIndex) {
        return new DocOp(newIndex, id, op, version, routing, pipeline, sourceArray, sourceOffset, sourceLength, message);
    }

    /** The same operation with another routing. */
    public DocOp withRouting(String newRouting) {
        return new DocOp(index, id, op, version, newRouting, pipeline, sourceArray, sourceOffset, sourceLength,
                message);
    }

    /** {@link VersionType#EXTERNAL} when the operation carries a version, else {@link VersionType#INTERNAL}. */
    public VersionType versionType() {
        return version == null ? VersionType.INTERNAL : VersionType.EXTERNAL;
    }

    /** Whether the operation carries a document (every operation but delete). */
    public boolean hasSource() {
        return sourceArray != null;
    }

    /**
     * The document's bytes: the array itself when the document is all of it, else a copy of its range (the
     * writer reads the range in place; this is for callers that want the document on its own).
     */
    public byte[] source() {
        if (sourceArray == null) {
            return null;
        }
        if (sourceOffset == 0 && sourceLength == sourceArray.length) {
            return sourceArray;
        }
        return java.util.Arrays.copyOfRange(sourceArray, sourceOffset, sourceOffset + sourceLength);
    }

    /** Whether the document is a range of the message's payload (so its bytes are counted once). */
    public boolean sourceInPayload() {
        return sourceArray != null && sourceArray == message.payload();
    }

    public Pointer pointer() {
        return message.pointer();
    }

    /** Approximate size on the wire, for byte-bounded batches. */
    public int estimatedBytes() {
        return 96 + index.length() + id.length() + sourceLength;
    }

    @Override
    public String toString() {
        return "DocOp[" + op.wireName() + " " + index + "/" + id + (version == null ? "" : " v" + version)
                + " from " + message.describe() + "]";
    }
}
