package io.inlet.common.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.message.Pointer;
import io.inlet.common.message.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * One document of a dead-letter index, as a re-drive reads it back.
 *
 * @param index       the dead-letter index holding it
 * @param id          its document id ({@code <stream>-<partition>-<pointer>})
 * @param stream      Kafka topic or Kinesis stream
 * @param partition   Kafka partition or Kinesis shard id
 * @param pointer     the message's offset or sequence number, as stored
 * @param reason      the reason it is in the dead-letter index
 * @param firstReason the reason it was first dead-lettered for, when a re-drive refused it again; else null
 * @param source      the whole document, to rebuild the message from
 */
record DeadLetterEntry(String index, String id, String stream, String partition, String pointer, String reason,
                       String firstReason, JsonNode source) {

    static DeadLetterEntry of(JsonNode hit) {
        JsonNode s = hit.path("_source");
        return new DeadLetterEntry(hit.path("_index").asText(), hit.path("_id").asText(), s.path("stream").asText(),
                s.path("partition").asText(), s.path("pointer").asText(), s.path("reason").asText(),
                s.hasNonNull("first_reason") ? s.path("first_reason").asText() : null, s);
    }

    /** Where the message stood, as in logs: {@code topic-3@1234}. */
    String describe() {
        return stream + "-" + partition + "@" + pointer;
    }

    /**
     * The message as it was read from the stream: key, payload (null for a Kafka tombstone), pointer and the
     * record's time; the stream's headers are not kept in dead letters.
     *
     * @throws IllegalArgumentException when the entry is not a dead letter Inlet wrote (a pointer of another kind,
     *                                  an unknown encoding)
     */
    StreamMessage toMessage(Pointer.Kind kind) {
        Pointer p;
        try {
            p = Pointer.parse(kind, pointer);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("pointer '" + pointer + "' is not a " + kind + ": " + e.getMessage());
        }
        byte[] key = bytes("key", "key_encoding");
        byte[] payload = bytes("raw_payload", "raw_payload_encoding");
        long time = source.hasNonNull("record_timestamp") ? source.path("record_timestamp").asLong() : -1;
        return new StreamMessage(stream, partition, key, payload, Map.of(), p, time);
    }

    private byte[] bytes(String field, String encodingField) {
        if (!source.hasNonNull(field)) {
            return null;
        }
        String text = source.path(field).asText();
        String encoding = source.path(encodingField).asText("utf-8");
        return switch (encoding) {
            case "utf-8" -> text.getBytes(StandardCharsets.UTF_8);
            case "base64" -> Base64.getDecoder().decode(text);
            default -> throw new IllegalArgumentException(encodingField + " '" + encoding + "' is neither utf-8 nor base64");
        };
    }
}
