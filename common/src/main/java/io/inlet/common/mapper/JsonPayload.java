package io.inlet.common.mapper;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.inlet.common.message.StreamMessage;

import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a payload that must be exactly one UTF-8 JSON object, in one streaming pass, and turns every parser
 * failure into a rejection. Also cuts raw byte ranges out of the payload, so documents are never re-serialised.
 */
final class JsonPayload {

    /**
     * Strict JSON (no comments, no single quotes, no NaN); does not copy payload text into error messages.
     * Field name canonicalisation must stay on: without it Jackson reads bytes through a character reader,
     * which has no byte offsets.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** Reads the object the parser is on (its {@code START_OBJECT}), leaving the parser on its {@code END_OBJECT}. */
    @FunctionalInterface
    interface ObjectReader<T> {
        T read(JsonParser parser) throws IOException, MessageRejectedException;
    }

    private JsonPayload() {
    }

    /**
     * Parses the payload of {@code message}: checks it is one JSON object with nothing after it and lets
     * {@code reader} read the object.
     */
    static <T> T readObject(StreamMessage message, ObjectReader<T> reader) throws MessageRejectedException {
        byte[] payload = message.payload();
        if (payload == null) {
            throw new MessageRejectedException(ReasonCode.NULL_PAYLOAD, null,
                    "payload is null (a tombstone?), expected a JSON object");
        }
        try (JsonParser parser = FACTORY.createParser(payload)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MessageRejectedException(ReasonCode.MALFORMED_JSON, null,
                        "payload is empty (" + payload.length + " bytes), expected a JSON object");
            }
            if (parser.currentTokenLocation().getByteOffset() < 0) {
                throw new MessageRejectedException(ReasonCode.MALFORMED_JSON, null,
                        "payload must be UTF-8 encoded JSON, got another encoding (UTF-16 or UTF-32)");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new MessageRejectedException(ReasonCode.NOT_AN_OBJECT, null,
                        "payload must be a JSON object, got " + JsonValues.describe(parser));
            }
            T result = reader.read(parser);
            if (parser.nextToken() != null) {
                throw new MessageRejectedException(ReasonCode.MALFORMED_JSON, null,
                        "payload must hold a single JSON object, got more JSON after it at byte "
                                + parser.currentTokenLocation().getByteOffset());
            }
            return result;
        } catch (JsonProcessingException e) {
            throw new MessageRejectedException(ReasonCode.MALFORMED_JSON, null, "payload is not valid JSON"
                    + at(e.getLocation()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MessageRejectedException(ReasonCode.MALFORMED_JSON, null,
                    "payload could not be read as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The exact bytes of the object the parser is on, from its opening to its closing brace. Leaves the
     * parser on the object's {@code END_OBJECT}. Returns {@code payload} itself when the object spans all of it.
     */
    static byte[] objectBytes(JsonParser parser, byte[] payload) throws IOException {
        Range r = objectRange(parser, payload);
        return slice(payload, r.start(), r.end());
    }

    /** A byte range {@code [start, end)} of a payload. */
    record Range(int start, int end) {
        int length() {
            return end - start;
        }
    }

    /**
     * Where the object the parser is on lies in {@code payload}, from its opening to its closing brace, without
     * copying it. Leaves the parser on the object's {@code END_OBJECT}.
     */
    static Range objectRange(JsonParser parser, byte[] payload) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        long end = parser.currentLocation().getByteOffset();
        if (start < 0 || end > payload.length || start > end) {
            throw new IllegalStateException("byte range [" + start + ", " + end + ") outside a payload of "
                    + payload.length + " bytes");
        }
        return new Range((int) start, (int) end);
    }

    /** {@code payload[start, end)}, or {@code payload} itself when that is all of it. */
    static byte[] slice(byte[] payload, long start, long end) {
        if (start < 0 || end > payload.length || start > end) {
            throw new IllegalStateException("byte range [" + start + ", " + end + ") outside a payload of "
                    + payload.length + " bytes");
        }
        if (start == 0 && end == payload.length) {
            return payload;
        }
        return Arrays.copyOfRange(payload, (int) start, (int) end);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getByteOffset() < 0 ? "" : " at byte " + location.getByteOffset();
    }
}
