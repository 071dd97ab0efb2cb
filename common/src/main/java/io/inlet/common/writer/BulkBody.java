package io.inlet.common.writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.inlet.common.message.DocOp;
import io.inlet.common.message.OpType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders a batch as the NDJSON body of a {@code _bulk} request. Action lines are generated; document
 * sources are copied as the raw bytes the mapper cut out of the message, never re-serialised, except that
 * a line feed becomes a space: in valid JSON a raw line feed can only be whitespace between tokens, and
 * left as is it would end the NDJSON line inside the document (a pretty-printed document would break the
 * request, and a crafted one could smuggle in operations of its own).
 *
 * <ul>
 *   <li>{@code index} and {@code delete} with a version: {@code version_type=external}, so a message not
 *       newer than the stored document is refused as a version conflict (stale).</li>
 *   <li>{@code create} never carries a version (OpenSearch refuses external versioning on create for the
 *       whole request); a second create of an id is a version conflict too.</li>
 *   <li>{@code update} merges a partial document through a script guarded by the stored version: by
 *       the larger of the document's {@code _version} and the field {@code updateVersionField}, so a
 *       stale partial update is a no-op.</li>
 * </ul>
 */
final class BulkBody {

    /** Painless: skip when the stored version (document _version or the guard field) is not older; else merge and stamp. */
    static final String GUARDED_UPDATE = "long stored = ctx._version == null ? -1 : ctx._version;"
            + " def f = ctx._source[params.vf]; if (f != null && f > stored) { stored = f; }"
            + " if (ctx._source.size() > 0 && stored >= params.v) { ctx.op = 'none'; }"
            + " else { for (e in params.doc.entrySet()) { ctx._source[e.getKey()] = e.getValue(); } ctx._source[params.vf] = params.v; }";

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] NEWLINE = {'\n'};

    private final String updateVersionField;

    BulkBody(String updateVersionField) {
        this.updateVersionField = updateVersionField;
    }

    byte[] render(List<Pending.Write> batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(estimate(batch));
        try {
            for (Pending.Write w : batch) {
                append(out, w.op());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int estimate(List<Pending.Write> batch) {
        long n = 0;
        for (Pending.Write w : batch) {
            n += w.op().estimatedBytes() + 64;
        }
        return (int) Math.min(Integer.MAX_VALUE - 16, n);
    }

    private void append(ByteArrayOutputStream out, DocOp op) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.writeStartObject();
            g.writeObjectFieldStart(op.op().wireName());
            g.writeStringField("_index", op.index());
            g.writeStringField("_id", op.id());
            if (op.routing() != null) {
                g.writeStringField("routing", op.routing());
            }
            if (op.pipeline() != null && (op.op() == OpType.INDEX || op.op() == OpType.CREATE)) {
                g.writeStringField("pipeline", op.pipeline());
            }
            if (op.version() != null && (op.op() == OpType.INDEX || op.op() == OpType.DELETE)) {
                g.writeNumberField("version", op.version());
                g.writeStringField("version_type", "external");
            }
            if (op.op() == OpType.UPDATE) {
                g.writeNumberField("retry_on_conflict", 5);
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        out.write(NEWLINE);
        switch (op.op()) {
            case INDEX, CREATE -> {
                out.write(oneLine(op.source()));
                out.write(NEWLINE);
            }
            case UPDATE -> {
                appendUpdate(out, op);
                out.write(NEWLINE);
            }
            case DELETE -> {
            }
        }
    }

    private void appendUpdate(ByteArrayOutputStream out, DocOp op) throws IOException {
        if (op.version() == null) {
            out.write("{\"doc_as_upsert\":true,\"doc\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.write(oneLine(op.source()));
            out.write('}');
            return;
        }
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.writeStartObject();
            g.writeBooleanField("scripted_upsert", true);
            g.writeObjectFieldStart("upsert");
            g.writeEndObject();
            g.writeObjectFieldStart("script");
            g.writeStringField("lang", "painless");
            g.writeStringField("source", GUARDED_UPDATE);
            g.writeObjectFieldStart("params");
            g.writeStringField("vf", updateVersionField);
            g.writeNumberField("v", op.version());
            g.writeFieldName("doc");
            g.writeRawValue(new String(oneLine(op.source()), java.nio.charset.StandardCharsets.UTF_8));
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** {@code json} with each line feed replaced by a space; {@code json} itself when it has none. */
    private static byte[] oneLine(byte[] json) {
        int i = 0;
        while (i < json.length && json[i] != '\n') {
            i++;
        }
        if (i == json.length) {
            return json;
        }
        byte[] copy = json.clone();
        for (; i < copy.length; i++) {
            if (copy[i] == '\n') {
                copy[i] = ' ';
            }
        }
        return copy;
    }
}
