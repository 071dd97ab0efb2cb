package io.inlet.common.mapper;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.inlet.common.message.DocOp;
import io.inlet.common.message.OpType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Turns an operation into a write a data stream takes ({@code target.kind=data_stream}): a data stream only
 * appends, with internal versions. An {@code index} or {@code create} becomes a {@code create} with the same
 * deterministic {@code _id} and no external version, so a replay within one backing index is answered 409 and
 * counted stale; a {@code delete} or {@code update} is rejected ({@link ReasonCode#APPEND_ONLY_TARGET}).
 *
 * <p>Every document of a data stream needs {@code @timestamp}. The document's own is kept; without one it is the
 * value of {@code data_stream.timestamp.field} (a date string or epoch milliseconds) when that is set, else the
 * record's time (Kafka: the record timestamp; Kinesis: the approximate arrival time), in UTC.
 */
public final class DataStreamWrites {

    /** The field a data stream keys its documents' time on. */
    public static final String TIMESTAMP = "@timestamp";
    private static final JsonFactory JSON = new JsonFactory();

    private final String timestampField;

    /** @param timestampField the document field to take {@code @timestamp} from; null or empty: the record's time */
    public DataStreamWrites(String timestampField) {
        this.timestampField = timestampField == null || timestampField.isEmpty() ? null : timestampField;
    }

    public DocOp apply(DocOp op) throws MessageRejectedException {
        if (op.op() == OpType.DELETE || op.op() == OpType.UPDATE) {
            throw new MessageRejectedException(ReasonCode.APPEND_ONLY_TARGET, "_op_type", "the data stream " + op.index()
                    + " takes only appends: a " + op.op().wireName() + " of " + op.id() + " cannot be written to it (write to"
                    + " an index or an alias with target.kind=index or alias to change or delete documents)");
        }
        Fields found = scan(op);
        if (found.hasTimestamp) {
            return new DocOp(op.index(), op.id(), OpType.CREATE, null, op.routing(), op.pipeline(), op.sourceArray(),
                    op.sourceOffset(), op.sourceLength(), op.message());
        }
        String timestamp;
        if (timestampField != null) {
            if (found.configured == null) {
                throw new MessageRejectedException(ReasonCode.MISSING_TIMESTAMP, timestampField, "a data stream needs @timestamp:"
                        + " the document has none and no " + timestampField + " (data_stream.timestamp.field)");
            }
            timestamp = found.configured;
        } else {
            long time = op.message().timestamp();
            if (time < 0) {
                throw new MessageRejectedException(ReasonCode.MISSING_TIMESTAMP, TIMESTAMP, "a data stream needs @timestamp:"
                        + " the document has none and the record has no timestamp (set data_stream.timestamp.field to a"
                        + " field holding the time)");
            }
            timestamp = "\"" + Instant.ofEpochMilli(time) + "\"";
        }
        byte[] source = withTimestamp(op, timestamp);
        return new DocOp(op.index(), op.id(), OpType.CREATE, null, op.routing(), op.pipeline(), source, op.message());
    }

    /** What the scan of the document's top level found: its {@code @timestamp}, the configured field as JSON. */
    private static final class Fields {
        boolean hasTimestamp;
        String configured;
    }

    private Fields scan(DocOp op) throws MessageRejectedException {
        Fields f = new Fields();
        try (JsonParser p = JSON.createParser(op.sourceArray(), op.sourceOffset(), op.sourceLength())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MessageRejectedException(ReasonCode.SOURCE_NOT_OBJECT, "_source", "the document is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals(TIMESTAMP) && t != JsonToken.VALUE_NULL) {
                    f.hasTimestamp = true;
                } else if (name.equals(timestampField) && t != JsonToken.VALUE_NULL) {
                    f.configured = switch (t) {
                        case VALUE_STRING -> "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(p.getText())) + "\"";
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
                        default -> throw new MessageRejectedException(ReasonCode.MISSING_TIMESTAMP, timestampField,
                                timestampField + " (data_stream.timestamp.field) must be a date string or epoch milliseconds, got " + t);
                    };
                }
                p.skipChildren();
            }
            return f;
        } catch (IOException e) {
            throw new MessageRejectedException(ReasonCode.MALFORMED_JSON, "_source", "the document is not valid JSON: " + e.getMessage());
        }
    }

    /** The document (a JSON object) with {@code "@timestamp":<value>} as its first field. */
    private static byte[] withTimestamp(DocOp op, String value) {
        byte[] array = op.sourceArray();
        int end = op.sourceOffset() + op.sourceLength();
        int openingBrace = op.sourceOffset();
        while (array[openingBrace] != '{') {
            openingBrace++; // whitespace before the object
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(op.sourceLength() + value.length() + 16);
        b.write('{');
        b.writeBytes(("\"" + TIMESTAMP + "\":" + value).getBytes(StandardCharsets.UTF_8));
        int rest = openingBrace + 1;
        int next = rest;
        while (next < end && Character.isWhitespace(array[next])) {
            next++;
        }
        if (next < end && array[next] != '}') {
            b.write(',');
        }
        b.write(array, rest, end - rest);
        return b.toByteArray();
    }
}
