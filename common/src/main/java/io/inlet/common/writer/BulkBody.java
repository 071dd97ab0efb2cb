package io.inlet.common.writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.inlet.common.message.DocOp;
import io.inlet.common.message.OpType;
import org.apache.http.entity.AbstractHttpEntity;
import org.apache.http.entity.ContentType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Renders a batch as the NDJSON body of a {@code _bulk} request. Action lines are generated; document
 * sources are copied as the raw bytes the mapper found in the message, never re-serialised, except that
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
    private static final int NEWLINE = '\n';
    private static final byte[] UPSERT_PREFIX = "{\"doc_as_upsert\":true,\"doc\":".getBytes(StandardCharsets.UTF_8);

    private final String updateVersionField;

    BulkBody(String updateVersionField) {
        this.updateVersionField = updateVersionField;
    }

    /** The body as an array of its own. */
    byte[] render(List<Pending.Write> batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            entity(batch, ContentType.APPLICATION_JSON).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The body as a request entity that streams the documents from where they lie (the messages' payloads): only
     * the action lines are rendered into a buffer of their own, so a request in flight holds about a tenth of its
     * size in memory, not a second copy of every document.
     */
    Segments entity(List<Pending.Write> batch, ContentType type) {
        Buffer out = new Buffer(estimate(batch));
        // one generator for the action lines of the whole body; the documents are referenced between them,
        // after the generator has flushed its own bytes
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.setRootValueSeparator(null);
            for (Pending.Write w : batch) {
                append(g, out, w.op());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.segments(type);
    }

    private static int estimate(List<Pending.Write> batch) {
        long n = 0;
        for (Pending.Write w : batch) {
            n += 128 + w.op().index().length() + w.op().id().length();
        }
        return (int) Math.min(Integer.MAX_VALUE - 16, n);
    }

    private void append(JsonGenerator g, Buffer out, DocOp op) throws IOException {
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
        g.flush();
        out.write(NEWLINE);
        switch (op.op()) {
            case INDEX, CREATE -> {
                referOneLine(out, op);
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

    private void appendUpdate(Buffer out, DocOp op) throws IOException {
        if (op.version() == null) {
            out.write(UPSERT_PREFIX);
            referOneLine(out, op);
            out.write('}');
            return;
        }
        ByteArrayOutputStream doc = new ByteArrayOutputStream(op.sourceLength());
        writeOneLine(doc, op);
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
            g.writeRawValue(doc.toString(StandardCharsets.UTF_8));
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /**
     * The document, on one line: referenced where it lies when it has no line feed (compact JSON, the usual
     * case), else copied with each line feed replaced by a space.
     */
    private static void referOneLine(Buffer out, DocOp op) throws IOException {
        byte[] a = op.sourceArray();
        int from = op.sourceOffset();
        int end = from + op.sourceLength();
        if (indexOfLineFeed(a, from, end) >= 0) {
            writeOneLine(out, op);
        } else {
            out.refer(a, from, end - from);
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LINE_FEEDS = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * Where the first line feed of {@code a[from, end)} is, or -1: eight bytes at a time (a byte of {@code v} is
     * zero exactly where {@code a} holds a line feed, and {@code (v - ONES) & ~v & HIGHS} is non-zero exactly when
     * some byte of {@code v} is zero), the rest one by one. Every document of every request is looked at, so this is
     * on the writer's hottest path.
     */
    static int indexOfLineFeed(byte[] a, int from, int end) {
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long v = (long) LONGS.get(a, i) ^ LINE_FEEDS;
            if (((v - ONES) & ~v & HIGHS) != 0) {
                break;
            }
        }
        for (; i < end; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The document's bytes with each line feed replaced by a space, copied straight from where they lie. */
    private static void writeOneLine(OutputStream out, DocOp op) throws IOException {
        byte[] a = op.sourceArray();
        int from = op.sourceOffset();
        int end = from + op.sourceLength();
        for (int i = from; i < end; i++) {
            if (a[i] == '\n') {
                out.write(a, from, i - from);
                out.write(' ');
                from = i + 1;
            }
        }
        out.write(a, from, end - from);
    }

    /**
     * The rendered bytes (action lines and whatever had to be generated or copied), and between them references
     * to byte ranges that lie elsewhere (the documents). The rendered bytes go into chunks of {@value #CHUNK} bytes,
     * never one array for the whole body: an array of half a G1 region or more (512 KiB in a heap of up to 512 MiB)
     * is allocated straight into the old generation and starts a concurrent marking cycle, and the action lines of a
     * batch of 5,000 come to about that.
     */
    static final class Buffer extends OutputStream {
        static final int CHUNK = 64 * 1024;

        private final List<byte[]> arrays = new ArrayList<>();
        private int[] offsets = new int[64];
        private int[] lengths = new int[64];
        private byte[] chunk;
        private int count;
        private int mark;
        private long total;

        Buffer(int expected) {
            chunk = new byte[Math.max(32, Math.min(CHUNK, expected))];
        }

        @Override
        public void write(int b) {
            if (count == chunk.length) {
                nextChunk();
            }
            chunk[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b) {
            write(b, 0, b.length);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (count == chunk.length) {
                    nextChunk();
                }
                int k = Math.min(len, chunk.length - count);
                System.arraycopy(b, off, chunk, count, k);
                count += k;
                off += k;
                len -= k;
            }
        }

        /** The range {@code [off, off + len)} of {@code a} comes next, not copied. */
        void refer(byte[] a, int off, int len) {
            closeRendered();
            add(a, off, len);
        }

        /**
         * The current chunk is full: what was rendered into it is a segment, and the next bytes go into a new one,
         * twice as large, up to {@value #CHUNK} bytes.
         */
        private void nextChunk() {
            closeRendered();
            chunk = new byte[Math.min(CHUNK, chunk.length * 2)];
            count = 0;
            mark = 0;
        }

        private void closeRendered() {
            if (count > mark) {
                add(chunk, mark, count - mark);
                mark = count;
            }
        }

        private void add(byte[] a, int off, int len) {
            int n = arrays.size();
            if (n == offsets.length) {
                offsets = Arrays.copyOf(offsets, n * 2);
                lengths = Arrays.copyOf(lengths, n * 2);
            }
            arrays.add(a);
            offsets[n] = off;
            lengths[n] = len;
            total += len;
        }

        Segments segments(ContentType type) {
            closeRendered();
            int n = arrays.size();
            return new Segments(arrays.toArray(new byte[n][]), Arrays.copyOf(offsets, n), Arrays.copyOf(lengths, n), total, type);
        }
    }

    /** A bulk body made of byte ranges, sent one after the other; repeatable, so a request can be sent again. */
    static final class Segments extends AbstractHttpEntity {
        private final byte[][] arrays;
        private final int[] offsets;
        private final int[] lengths;
        private final long length;

        private Segments(byte[][] arrays, int[] offsets, int[] lengths, long length, ContentType type) {
            this.arrays = arrays;
            this.offsets = offsets;
            this.lengths = lengths;
            this.length = length;
            setContentType(type.toString());
        }

        /** The largest array the body is made of, rendered or referenced (for tests: no single huge buffer). */
        int largestArray() {
            int largest = 0;
            for (byte[] a : arrays) {
                largest = Math.max(largest, a.length);
            }
            return largest;
        }

        @Override
        public boolean isRepeatable() {
            return true;
        }

        @Override
        public long getContentLength() {
            return length;
        }

        @Override
        public InputStream getContent() {
            return new InputStream() {
                private int segment;
                private int at;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (len == 0) {
                        return 0;
                    }
                    int n = 0;
                    while (n < len && segment < arrays.length) {
                        int left = lengths[segment] - at;
                        if (left == 0) {
                            segment++;
                            at = 0;
                            continue;
                        }
                        int k = Math.min(left, len - n);
                        System.arraycopy(arrays[segment], offsets[segment] + at, b, off + n, k);
                        at += k;
                        n += k;
                    }
                    return n == 0 ? -1 : n;
                }
            };
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            for (int i = 0; i < arrays.length; i++) {
                out.write(arrays[i], offsets[i], lengths[i]);
            }
        }

        @Override
        public boolean isStreaming() {
            return false;
        }
    }
}
