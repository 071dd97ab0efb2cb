package io.inlet.common.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.message.DocOp;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.OpType;
import io.inlet.common.message.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DataStreamWritesTest {

    private static final long TIME = Instant.parse("2026-12-04T10:15:30.250Z").toEpochMilli();

    private static DocOp op(String payload, long timestamp) throws MessageRejectedException {
        StreamMessage m = new StreamMessage("logs", "1", null, payload.getBytes(StandardCharsets.UTF_8), null,
                new KafkaOffset(7), timestamp);
        return new DefaultMapper().map(m, Target.of("logs-app"));
    }

    private static String source(DocOp op) {
        return new String(op.sourceArray(), op.sourceOffset(), op.sourceLength(), StandardCharsets.UTF_8);
    }

    @Test
    void anIndexBecomesACreateWithTheSameIdAndNoExternalVersion() throws MessageRejectedException {
        DocOp in = op("{\"_id\":\"e1\",\"_version\":5,\"_source\":{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"m\":1}}", TIME);
        DocOp out = new DataStreamWrites(null).apply(in);

        assertEquals(OpType.CREATE, out.op());
        assertEquals("e1", out.id());
        assertNull(out.version(), "a data stream takes internal versions only");
        assertEquals("logs-app", out.index());
        assertSame(in.sourceArray(), out.sourceArray(), "a document with its own @timestamp is not copied");
        assertEquals("{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"m\":1}", source(out));
    }

    @Test
    void aDocumentWithoutTimestampGetsTheRecordTime() throws MessageRejectedException {
        DocOp out = new DataStreamWrites(null).apply(op("{\"_source\":{ \"m\" : [1, {\"x\":\"}\"}] }}", TIME));

        assertEquals("{\"@timestamp\":\"2026-12-04T10:15:30.250Z\", \"m\" : [1, {\"x\":\"}\"}] }", source(out));
        assertEquals("logs-1-7", out.id(), "the id derived from the stream position, the same on every replay");
        assertEquals("{\"@timestamp\":\"2026-12-04T10:15:30.250Z\"}",
                source(new DataStreamWrites("").apply(op("{\"_source\":{}}", TIME))), "an empty document");
        assertEquals("{\"@timestamp\":\"2026-12-04T10:15:30.250Z\",\"@timestamp2\":1}",
                source(new DataStreamWrites(null).apply(op("{\"_source\":{\"@timestamp2\":1}}", TIME))));
    }

    @Test
    void theConfiguredFieldGivesTheTimestamp() throws MessageRejectedException {
        DataStreamWrites writes = new DataStreamWrites("event_time");

        assertEquals("{\"@timestamp\":\"2026-12-01T08:00:00Z\",\"event_time\":\"2026-12-01T08:00:00Z\"}",
                source(writes.apply(op("{\"_source\":{\"event_time\":\"2026-12-01T08:00:00Z\"}}", TIME))));
        assertEquals("{\"@timestamp\":1764576000000,\"n\":{\"event_time\":1},\"event_time\":1764576000000}",
                source(writes.apply(op("{\"_source\":{\"n\":{\"event_time\":1},\"event_time\":1764576000000}}", TIME))),
                "a top-level field, epoch milliseconds as they are");
        assertEquals("{\"@timestamp\":\"a\\\"b\",\"event_time\":\"a\\\"b\"}",
                source(writes.apply(op("{\"_source\":{\"event_time\":\"a\\\"b\"}}", TIME))), "a string stays escaped");
        assertEquals("{\"@timestamp\":\"x\",\"event_time\":1}",
                source(writes.apply(op("{\"_source\":{\"@timestamp\":\"x\",\"event_time\":1}}", TIME))),
                "the document's own @timestamp is kept");
    }

    @Test
    void aDocumentWithoutItsTimeIsRejectedSayingWhere() throws MessageRejectedException {
        MessageRejectedException noField = assertThrows(MessageRejectedException.class,
                () -> new DataStreamWrites("event_time").apply(op("{\"_source\":{\"event_time\":null}}", TIME)));
        assertEquals(ReasonCode.MISSING_TIMESTAMP, noField.reason());
        assertEquals("event_time", noField.field());
        assertTrue(noField.getMessage().contains("no event_time (data_stream.timestamp.field)"), noField.getMessage());

        MessageRejectedException wrongType = assertThrows(MessageRejectedException.class,
                () -> new DataStreamWrites("event_time").apply(op("{\"_source\":{\"event_time\":{}}}", TIME)));
        assertTrue(wrongType.getMessage().contains("must be a date string or epoch milliseconds, got START_OBJECT"),
                wrongType.getMessage());

        MessageRejectedException noTime = assertThrows(MessageRejectedException.class,
                () -> new DataStreamWrites(null).apply(op("{\"_source\":{}}", -1)));
        assertEquals(ReasonCode.MISSING_TIMESTAMP, noTime.reason());
        assertTrue(noTime.getMessage().contains("the record has no timestamp"), noTime.getMessage());
    }

    @Test
    void deletesAndUpdatesAreRejectedForAnAppendOnlyTarget() {
        for (String payload : new String[] {"{\"_id\":\"e1\",\"_op_type\":\"delete\"}",
                "{\"_id\":\"e1\",\"_op_type\":\"update\",\"_source\":{\"a\":1}}"}) {
            MessageRejectedException e = assertThrows(MessageRejectedException.class,
                    () -> new DataStreamWrites(null).apply(op(payload, TIME)), payload);
            assertEquals(ReasonCode.APPEND_ONLY_TARGET, e.reason());
            assertEquals("_op_type", e.field());
            assertTrue(e.getMessage().startsWith("the data stream logs-app takes only appends: a "), e.getMessage());
        }
    }
}
