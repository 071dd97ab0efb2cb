package io.inlet.common.mapper;

import io.inlet.common.message.DocOp;
import io.inlet.common.message.OpType;
import io.inlet.common.message.StreamMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.inlet.common.mapper.TestMessages.KAFKA_ID;
import static io.inlet.common.mapper.TestMessages.KINESIS_ID;
import static io.inlet.common.mapper.TestMessages.OFFSET;
import static io.inlet.common.mapper.TestMessages.TARGET;
import static io.inlet.common.mapper.TestMessages.kafka;
import static io.inlet.common.mapper.TestMessages.kafkaWithKey;
import static io.inlet.common.mapper.TestMessages.kinesis;
import static io.inlet.common.mapper.TestMessages.rejected;
import static io.inlet.common.mapper.TestMessages.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RawPayloadMapperTest {

    private final RawPayloadMapper mapper = new RawPayloadMapper();

    @Test
    void indexesTheWholePayloadUnderAnIdFromThePointer() throws Exception {
        StreamMessage message = kafka("{\"_id\":\"ignored\",\"_op_type\":\"delete\",\"t\":\"h\\u00e9 é 🎉\",\"n\":[1,[2]]}");
        DocOp op = mapper.map(message, new Target("docs", "p", "r"));
        assertEquals(KAFKA_ID, op.id());
        assertEquals(OpType.INDEX, op.op());
        assertNull(op.version());
        assertEquals(DocOp.VersionType.INTERNAL, op.versionType());
        assertSame(message.payload(), op.source());
        assertEquals("docs", op.index());
        assertEquals("p", op.pipeline());
        assertEquals("r", op.routing());
    }

    @Test
    void trimsWhitespaceAroundThePayload() throws Exception {
        String document = "{ \"a\" : { \"b\" : [ 1 , 2 ] } ,\n\"c\": \"日本\" }";
        DocOp op = mapper.map(kafka("\n  " + document + " \r\n"), TARGET);
        assertArrayEquals(utf8(document), op.source());
    }

    @Test
    void givesTheSameIdToTheSameMessage() throws Exception {
        assertEquals(mapper.map(kafka("{}"), TARGET).id(), mapper.map(kafka("{}"), TARGET).id());
        assertEquals("orders-3-0", mapper.map(kafka(0, "{}"), TARGET).id());
    }

    @Test
    void givesKinesisMessagesAnIdFromStreamShardAndSequence() throws Exception {
        assertEquals(KINESIS_ID, mapper.map(kinesis("{\"a\":1}"), TARGET).id());
        assertEquals(KINESIS_ID + ":7", mapper.map(kinesis(7, "{\"a\":1}"), TARGET).id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"text\"", "12", "null", "false"})
    void rejectsAPayloadThatIsNotAnObject(String payload) {
        MessageRejectedException e = rejected(mapper, payload);
        assertEquals(ReasonCode.NOT_AN_OBJECT, e.reason());
        assertNull(e.field());
        assertTrue(e.getMessage().startsWith("payload must be a JSON object, got "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":[1,2}", "{\"a\":1", "{\"a\":\"unterminated}", "{a:1}", "{\"a\":1}}",
            "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}", ""})
    void rejectsMalformedJson(String payload) {
        MessageRejectedException e = rejected(mapper, payload);
        assertEquals(ReasonCode.MALFORMED_JSON, e.reason());
        assertNull(e.field());
        assertTrue(e.getMessage().startsWith("payload "), e.getMessage());
    }

    @Test
    void rejectsANullPayload() {
        assertEquals(ReasonCode.NULL_PAYLOAD, rejected(mapper, kafka(null)).reason());
    }

    @Test
    void takesTheIdFromTheKeyWhenAsked() throws Exception {
        RawPayloadMapper keyed = new RawPayloadMapper(MapperSettings.defaults().withIdFromKey(true));
        assertEquals("k1", keyed.map(kafkaWithKey(utf8("k1"), "{}"), TARGET).id());
        assertEquals(KAFKA_ID, keyed.map(kafkaWithKey(null, "{}"), TARGET).id());
        assertEquals(KAFKA_ID, mapper.map(kafkaWithKey(utf8("k1"), "{}"), TARGET).id());
    }

    @Test
    void usesTheOffsetAsVersionWhenAsked() throws Exception {
        RawPayloadMapper byOffset = new RawPayloadMapper(MapperSettings.defaults().withVersionFromPointer(true));
        DocOp op = byOffset.map(kafka("{\"a\":1}"), TARGET);
        assertEquals(OFFSET, op.version());
        assertEquals(DocOp.VersionType.EXTERNAL, op.versionType());
        assertNull(byOffset.map(kinesis("{\"a\":1}"), TARGET).version());
    }
}
