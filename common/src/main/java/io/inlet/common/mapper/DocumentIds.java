package io.inlet.common.mapper;

import io.inlet.common.message.OpType;
import io.inlet.common.message.StreamMessage;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decides a write's {@code _id}: the message's own id, else the record key (when {@code idFromKey}), else an id
 * derived from the message's position, {@code <stream>-<partition>-<pointer>}. Derived ids are deterministic,
 * so a replayed message overwrites its first copy instead of duplicating it; they are only given to
 * {@code index} and {@code create}, since a {@code delete} or {@code update} must name an existing document.
 */
final class DocumentIds {

    /** OpenSearch refuses ids longer than this many UTF-8 bytes. */
    static final int MAX_ID_BYTES = 512;

    private DocumentIds() {
    }

    /**
     * The id of the write.
     *
     * @param found   the id the message carries, or null
     * @param idLabel how to name the id field in a rejection, e.g. {@code _id}
     */
    static String resolve(String found, OpType op, StreamMessage message, MapperSettings settings, String idField,
                          String idLabel) throws MessageRejectedException {
        if (found != null) {
            return found;
        }
        if (settings.idFromKey()) {
            String key = fromKey(message);
            if (key != null) {
                return key;
            }
        }
        if (op == OpType.DELETE || op == OpType.UPDATE) {
            throw new MessageRejectedException(ReasonCode.MISSING_ID, idField, idLabel + " is required for a "
                    + op.wireName() + " (only index and create get an id derived from the stream position), got none"
                    + (settings.idFromKey() ? " and the record key is null" : ""));
        }
        return fromPointer(message);
    }

    /** {@code <stream>-<partition>-<pointer>}, e.g. {@code orders-3-1234} or {@code events-shardId-000001-4959...}. */
    static String fromPointer(StreamMessage message) {
        return message.stream() + "-" + message.partition() + "-" + message.pointer().asString();
    }

    /** The record key as an id, or null when there is no key. */
    static String fromKey(StreamMessage message) throws MessageRejectedException {
        byte[] key = message.key();
        if (key == null) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MessageRejectedException(ReasonCode.BAD_ID, "key",
                    "record key (id.source=key) must be UTF-8 text to be used as _id, got " + key.length
                            + " bytes that are not UTF-8", e);
        }
        return check(text, "key", "record key (id.source=key)");
    }

    /** {@code id} when it is a usable OpenSearch id: not empty, at most {@value #MAX_ID_BYTES} UTF-8 bytes. */
    static String check(String id, String field, String label) throws MessageRejectedException {
        if (id.isEmpty()) {
            throw new MessageRejectedException(ReasonCode.BAD_ID, field,
                    label + " must be a non-empty string or an integer, got \"\"");
        }
        if (id.length() * 3 > MAX_ID_BYTES) {
            int bytes = id.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_ID_BYTES) {
                throw new MessageRejectedException(ReasonCode.BAD_ID, field, label + " must be at most "
                        + MAX_ID_BYTES + " bytes long (UTF-8), got " + bytes + " bytes: " + JsonValues.quote(id));
            }
        }
        return id;
    }
}
