package io.inlet.common.mapper;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.inlet.common.message.OpType;
import io.inlet.common.message.StreamMessage;

import java.io.IOException;

/**
 * The fields of an OpenSearch envelope {@code {"_id","_version","_op_type","_source"}}, read in one streaming
 * pass in any order, each validated on its own. Other top-level fields are skipped. {@code _source} is kept as
 * where it lies in the payload (its exact bytes, not copied). Envelopes of the common shape take a faster path
 * ({@link EnvelopeScan}) with the same answers.
 *
 * @param id         {@code _id} as text, or null when absent or null
 * @param version    {@code _version}, or null when absent or null
 * @param op         {@code _op_type}, or null when absent or null
 * @param payload    the message's payload
 * @param sourceRange where the {@code _source} object lies in the payload, or null when absent or null
 * @param sourceNull whether {@code _source} was present as JSON null
 */
record Envelope(String id, Long version, OpType op, byte[] payload, JsonPayload.Range sourceRange, boolean sourceNull) {

    static final String ID = "_id";
    static final String VERSION = "_version";
    static final String OP_TYPE = "_op_type";
    static final String SOURCE = "_source";

    private static final String OP_NAMES = "index, create, delete or update";

    /** The {@code _source} bytes (a copy), or null when absent or null. */
    byte[] source() {
        return sourceRange == null ? null : JsonPayload.slice(payload, sourceRange.start(), sourceRange.end());
    }

    static Envelope read(StreamMessage message) throws MessageRejectedException {
        byte[] payload = message.payload();
        Envelope common = EnvelopeScan.read(payload);
        return common != null ? common : parse(message);
    }

    /** Reads the envelope with the JSON parser, whatever its shape, saying what is wrong with it. */
    static Envelope parse(StreamMessage message) throws MessageRejectedException {
        byte[] payload = message.payload();
        return JsonPayload.readObject(message, parser -> read(parser, payload));
    }

    private static Envelope read(JsonParser parser, byte[] payload) throws IOException, MessageRejectedException {
        String id = null;
        Long version = null;
        OpType op = null;
        JsonPayload.Range source = null;
        boolean sourceNull = false;
        int seen = 0; // a bit per field, to refuse one given twice
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case ID -> {
                    seen = once(seen, 1, name);
                    id = JsonValues.id(parser, ID, ID);
                }
                case VERSION -> {
                    seen = once(seen, 2, name);
                    version = JsonValues.version(parser, VERSION, VERSION);
                }
                case OP_TYPE -> {
                    seen = once(seen, 4, name);
                    op = opType(parser);
                }
                case SOURCE -> {
                    seen = once(seen, 8, name);
                    if (parser.currentToken() == JsonToken.START_OBJECT) {
                        source = JsonPayload.objectRange(parser, payload);
                    } else if (parser.currentToken() == JsonToken.VALUE_NULL) {
                        sourceNull = true;
                    } else {
                        throw new MessageRejectedException(ReasonCode.SOURCE_NOT_OBJECT, SOURCE,
                                SOURCE + " must be a JSON object, got " + JsonValues.describe(parser));
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return new Envelope(id, version, op, payload, source, sourceNull);
    }

    private static OpType opType(JsonParser parser) throws IOException, MessageRejectedException {
        String name = JsonValues.string(parser, OP_TYPE, OP_TYPE, OP_NAMES);
        if (name == null) {
            return null;
        }
        OpType op = OpType.fromWireName(name);
        if (op == null) {
            throw new MessageRejectedException(ReasonCode.UNKNOWN_OP_TYPE, OP_TYPE,
                    OP_TYPE + " must be one of " + OP_NAMES + ", got " + JsonValues.quote(name));
        }
        return op;
    }

    /** {@code seen} with {@code bit} added; refuses the message when it was there already. */
    private static int once(int seen, int bit, String field) throws MessageRejectedException {
        if ((seen & bit) != 0) {
            throw new MessageRejectedException(ReasonCode.DUPLICATE_FIELD, field,
                    field + " must appear at most once in the envelope, got it twice");
        }
        return seen | bit;
    }
}
