package io.inlet.common.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.mapper.DefaultMapper;
import io.inlet.common.mapper.MessageRejectedException;
import io.inlet.common.mapper.RawPayloadMapper;
import io.inlet.common.mapper.ReasonCode;
import io.inlet.common.message.DocOp;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.OpType;
import io.inlet.common.message.SequenceNumber;
import io.inlet.common.message.StreamMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TranslatorTest {

    private static StreamMessage kafka(String topic, String payload) {
        return StreamMessage.of(topic, "0", new KafkaOffset(5), payload.getBytes(StandardCharsets.UTF_8));
    }

    private static StreamMessage document(String source) {
        return kafka("orders", "{\"_id\":\"1\",\"_version\":3,\"_source\":" + source + "}");
    }

    private static Translator routedBy(String field) {
        return new Translator(new DefaultMapper(), "orders", null, field);
    }

    @Test
    void writesToTheIndexNamedOnce() throws MessageRejectedException {
        DocOp op = Translator.toIndex(new DefaultMapper(), "docs").translate(document("{\"a\":1}"));

        assertEquals("docs", op.index());
        assertEquals("1", op.id());
        assertEquals(3L, op.version());
        assertNull(op.routing());
        assertNull(op.pipeline());
    }

    @Test
    void resolvesTheTopicInTheTemplateInLowerCase() throws MessageRejectedException {
        Translator t = new Translator(new DefaultMapper(), "logs-${topic}", null, null);

        assertEquals("logs-orders", t.translate(kafka("Orders", "{\"_source\":{}}")).index());
        assertEquals("logs-orders", t.translate(kafka("orders", "{\"_source\":{}}")).index());
        assertEquals("logs-payments.eu", t.translate(kafka("PAYMENTS.eu", "{\"_source\":{}}")).index());
    }

    @Test
    void resolvesTheKinesisStreamInTheTemplate() throws MessageRejectedException {
        Translator t = new Translator(new DefaultMapper(), "${stream}-v1", null, null);
        StreamMessage m = StreamMessage.of("ClickStream", "shardId-000000000000",
                new SequenceNumber("49590338271490256608559692538361571095921575989136588898", 0),
                "{\"_source\":{}}".getBytes(StandardCharsets.UTF_8));

        assertEquals("clickstream-v1", t.translate(m).index());
    }

    @Test
    void eitherVariableNamesWhereTheMessageCameFrom() throws MessageRejectedException {
        Translator t = new Translator(new DefaultMapper(), "logs-${stream}", null, null);

        assertEquals("logs-orders", t.translate(kafka("orders", "{\"_source\":{}}")).index(),
                "the same resolver as the dead-letter index: ${stream} on Kafka is the topic");
    }

    @ParameterizedTest(name = "topic {0}")
    @ValueSource(strings = {"_private", "a:b", "with space", "a#b", "-dash"})
    void refusesATopicThatMakesAnIllegalIndexName(String topic) {
        Translator t = new Translator(new DefaultMapper(), "${topic}", null, null);

        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> t.translate(kafka(topic, "{\"_source\":{}}")));
        assertEquals(ReasonCode.BAD_INDEX, e.reason());
        assertEquals("index", e.field());
        assertTrue(e.getMessage().contains("the template \"${topic}\""), e.getMessage());
        assertTrue(e.getMessage().contains(topic), "the message names the topic: " + e.getMessage());
    }

    @Test
    void refusesEveryMessageOfThatTopicWithItsOwnException() {
        Translator t = new Translator(new DefaultMapper(), "logs-${topic}", null, null);

        MessageRejectedException first = assertThrows(MessageRejectedException.class,
                () -> t.translate(kafka("a:b", "{\"_source\":{}}")));
        MessageRejectedException second = assertThrows(MessageRejectedException.class,
                () -> t.translate(kafka("a:b", "{\"_source\":{}}")));
        assertNotSame(first, second);
        assertEquals(first.getMessage(), second.getMessage());
        assertTrue(first.getMessage().contains("logs-a:b"), first.getMessage());
    }

    private static StreamMessage at(String timeUtc, String payload) {
        return new StreamMessage("orders", "2", "k".getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8),
                null, new KafkaOffset(9), java.time.Instant.parse(timeUtc).toEpochMilli());
    }

    @Test
    void namesADailyIndexFromTheRecordTimeInUtc() throws MessageRejectedException {
        Translator t = new Translator(new DefaultMapper(), "logs-${topic}-${timestamp:yyyy.MM.dd}", "enrich", null);

        DocOp op = t.translate(at("2026-12-04T23:59:59.999Z", "{\"_id\":\"a\",\"_source\":{\"x\":1}}"));
        assertEquals("logs-orders-2026.12.04", op.index());
        assertEquals("a", op.id());
        assertEquals("enrich", op.pipeline(), "the pipeline stays");
        assertEquals("logs-orders-2026.12.05", t.translate(at("2026-12-05T00:00:00Z", "{\"_source\":{}}")).index());
    }

    @Test
    void namesTheIndexFromAFieldOfTheDocument() throws MessageRejectedException {
        Translator t = new Translator(new DefaultMapper(), "tenant-${field:tenant}", null, null);

        assertEquals("tenant-acme", t.translate(at("2026-12-04T10:00:00Z", "{\"_source\":{\"tenant\":\"ACME\"}}")).index());
        assertEquals("tenant-42", t.translate(at("2026-12-04T10:00:00Z", "{\"_source\":{\"n\":{\"tenant\":1},\"tenant\":42}}")).index(),
                "a top-level field, an integer as text");
    }

    @Test
    void aMissingFieldIsARejectionNotAWriteToAnotherIndex() {
        Translator t = new Translator(new DefaultMapper(), "tenant-${field:tenant}", null, null);

        for (String source : new String[] {"{}", "{\"tenant\":null}", "{\"tenant\":\"\"}", "{\"n\":{\"tenant\":\"a\"}}"}) {
            MessageRejectedException e = assertThrows(MessageRejectedException.class,
                    () -> t.translate(at("2026-12-04T10:00:00Z", "{\"_source\":" + source + "}")), source);
            assertEquals(ReasonCode.MISSING_INDEX_VALUE, e.reason(), source);
            assertEquals("tenant", e.field());
            assertTrue(e.getMessage().contains("uses ${field:tenant} and the document has no tenant"), e.getMessage());
        }
        MessageRejectedException wrongType = assertThrows(MessageRejectedException.class,
                () -> t.translate(at("2026-12-04T10:00:00Z", "{\"_source\":{\"tenant\":[1]}}")));
        assertEquals(ReasonCode.BAD_INDEX, wrongType.reason());
        assertTrue(wrongType.getMessage().contains("${field:tenant} must be a string or an integer, got START_ARRAY"),
                wrongType.getMessage());
        MessageRejectedException illegal = assertThrows(MessageRejectedException.class,
                () -> t.translate(at("2026-12-04T10:00:00Z", "{\"_source\":{\"tenant\":\"a b\"}}")));
        assertEquals(ReasonCode.BAD_INDEX, illegal.reason());
        assertTrue(illegal.getMessage().contains("index \"tenant-a b\" made from the template \"tenant-${field:tenant}\" for orders-2@9"),
                illegal.getMessage());
    }

    @Test
    void aDeleteHasNoDocumentToNameItsIndexFrom() throws MessageRejectedException {
        Translator byField = new Translator(new DefaultMapper(), "tenant-${field:tenant}", null, null);
        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> byField.translate(at("2026-12-04T10:00:00Z", "{\"_id\":\"1\",\"_op_type\":\"delete\"}")));
        assertEquals(ReasonCode.MISSING_INDEX_VALUE, e.reason());
        assertTrue(e.getMessage().contains("no document to read it from (a delete)"), e.getMessage());

        Translator byTime = new Translator(new DefaultMapper(), "logs-${timestamp:yyyy.MM}", null, null);
        DocOp delete = byTime.translate(at("2026-12-04T10:00:00Z", "{\"_id\":\"1\",\"_op_type\":\"delete\"}"));
        assertEquals(OpType.DELETE, delete.op());
        assertEquals("logs-2026.12", delete.index(), "the month of the delete's own record");
    }

    @Test
    void aRecordWithoutATimestampCannotNameADailyIndex() {
        Translator t = new Translator(new DefaultMapper(), "logs-${timestamp:yyyy.MM.dd}", null, null);

        MessageRejectedException e = assertThrows(MessageRejectedException.class, () -> t.translate(kafka("orders", "{\"_source\":{}}")));
        assertEquals(ReasonCode.MISSING_INDEX_VALUE, e.reason());
        assertEquals("timestamp", e.field());
        assertTrue(e.getMessage().contains("uses ${timestamp:yyyy.MM.dd} and the record has no timestamp"), e.getMessage());
    }

    @Test
    void aBadTopicDoesNotStopAnother() throws MessageRejectedException {
        Translator t = new Translator(new DefaultMapper(), "${topic}", null, null);

        assertThrows(MessageRejectedException.class, () -> t.translate(kafka("_bad", "{\"_source\":{}}")));
        assertEquals("good", t.translate(kafka("good", "{\"_source\":{}}")).index());
    }

    @Test
    void passesThePipelineThrough() throws MessageRejectedException {
        Translator t = new Translator(new DefaultMapper(), "orders", "enrich", null);

        assertEquals("enrich", t.translate(document("{}")).pipeline());
    }

    @Test
    void routesByAStringField() throws MessageRejectedException {
        DocOp op = routedBy("tenant").translate(document("{\"a\":{\"tenant\":\"nested\"},\"tenant\":\"eu-1\",\"b\":2}"));

        assertEquals("eu-1", op.routing());
        assertEquals("1", op.id(), "the rest of the operation is kept");
        assertEquals(3L, op.version());
        assertEquals(OpType.INDEX, op.op());
        assertArrayEquals("{\"a\":{\"tenant\":\"nested\"},\"tenant\":\"eu-1\",\"b\":2}".getBytes(StandardCharsets.UTF_8),
                op.source());
    }

    @Test
    void routesByAnIntegerFieldAsWritten() throws MessageRejectedException {
        assertEquals("42", routedBy("shop").translate(document("{\"shop\":42}")).routing());
        assertEquals("12345678901234567890123",
                routedBy("shop").translate(document("{\"shop\":12345678901234567890123}")).routing());
    }

    @Test
    void anAbsentOrNullFieldMeansNoRouting() throws MessageRejectedException {
        assertNull(routedBy("tenant").translate(document("{\"a\":1}")).routing());
        assertNull(routedBy("tenant").translate(document("{\"tenant\":null}")).routing());
        assertNull(routedBy("tenant").translate(document("{\"a\":{\"tenant\":\"nested only\"}}")).routing(),
                "only a top-level field routes");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"id\":1}", "[\"eu\"]", "1.5", "true"})
    void refusesARoutingFieldThatIsNotAStringOrAnInteger(String value) {
        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> routedBy("tenant").translate(document("{\"tenant\":" + value + "}")));

        assertEquals(ReasonCode.BAD_ROUTING, e.reason());
        assertEquals("tenant", e.field());
        assertTrue(e.getMessage().contains("routing.field \"tenant\""), e.getMessage());
    }

    @Test
    void routesTheWholePayloadOfARawPayloadMapper() throws MessageRejectedException {
        Translator t = new Translator(new RawPayloadMapper(), "orders", null, "region");

        assertEquals("eu", t.translate(kafka("orders", "{\"region\":\"eu\",\"n\":1}")).routing());
    }

    @Test
    void aMapperRejectionPassesThrough() {
        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> routedBy("tenant").translate(kafka("orders", "{\"_source\":[]}")));

        assertEquals(ReasonCode.SOURCE_NOT_OBJECT, e.reason());
    }
}
