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
