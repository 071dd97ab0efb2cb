package io.inlet.common.mapper;

import io.inlet.common.message.DocOp;
import io.inlet.common.message.OpType;
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

class FieldMappingMapperTest {

    /** id from "doc_id", version from "ts", operation from "op" with default values. */
    private final FieldMappingMapper mapper =
            new FieldMappingMapper(MapperSettings.defaults().withFields("doc_id", "ts", "op"));
    private final FieldMappingMapper plain = new FieldMappingMapper(MapperSettings.defaults());

    private DocOp map(String payload) throws MessageRejectedException {
        return mapper.map(kafka(payload), TARGET);
    }

    private static void assertRejected(MessageRejectedException e, ReasonCode reason, String field, String message) {
        assertEquals(reason, e.reason());
        assertEquals(field, e.field());
        assertEquals(message, e.getMessage());
    }

    @Test
    void indexesTheWholeDocumentUnderTheConfiguredId() throws Exception {
        String payload = "{\"doc_id\":\"42\",\"ts\":7,\"op\":\"upsert\",\"title\":\"h\\u00e9 é\",\"tags\":[1,{\"a\":[]}]}";
        var message = kafka(payload);
        DocOp op = mapper.map(message, new Target("docs", "p", "r"));
        assertEquals("42", op.id());
        assertEquals(7L, op.version());
        assertEquals(DocOp.VersionType.EXTERNAL, op.versionType());
        assertEquals(OpType.INDEX, op.op());
        assertEquals("p", op.pipeline());
        assertEquals("r", op.routing());
        assertSame(message.payload(), op.source());
        assertSame(message, op.message());
    }

    @Test
    void trimsWhitespaceAroundTheDocument() throws Exception {
        String document = "{ \"doc_id\" : 1 ,\n \"ts\": \"3\", \"x\": {\"y\": \"日本\"} }";
        DocOp op = map(" \n\t" + document + "\r\n ");
        assertArrayEquals(utf8(document), op.source());
        assertEquals("1", op.id());
        assertEquals(3L, op.version());
    }

    @Test
    void readsTheConfiguredFieldsInAnyOrder() throws Exception {
        for (String payload : new String[] {
                "{\"op\":\"create\",\"ts\":5,\"doc_id\":\"a\"}",
                "{\"doc_id\":\"a\",\"x\":{\"doc_id\":\"b\",\"op\":\"delete\"},\"op\":\"create\",\"ts\":5}",
                "{\"ts\":5,\"doc_id\":\"a\",\"op\":\"create\"}"}) {
            DocOp op = map(payload);
            assertEquals("a", op.id(), payload);
            assertEquals(OpType.CREATE, op.op(), payload);
        }
    }

    @Test
    void usesIdAsTheDefaultIdField() throws Exception {
        assertEquals("7", plain.map(kafka("{\"id\":7,\"v\":1}"), TARGET).id());
        assertNull(plain.map(kafka("{\"id\":7,\"version\":1}"), TARGET).version());
        assertEquals(OpType.INDEX, plain.map(kafka("{\"id\":7,\"op\":\"delete\"}"), TARGET).op());
    }

    @Test
    void rejectsAnIdThatIsNotAStringOrAnInteger() {
        assertRejected(rejected(mapper, "{\"doc_id\":true,\"ts\":1}"), ReasonCode.BAD_ID, "doc_id",
                "mapper_settings.id_field \"doc_id\" must be a non-empty string or an integer, got true");
        assertEquals(ReasonCode.BAD_ID, rejected(mapper, "{\"doc_id\":\"\",\"ts\":1}").reason());
        assertEquals(ReasonCode.BAD_ID, rejected(mapper, "{\"doc_id\":{},\"ts\":1}").reason());
    }

    @Test
    void givesIndexAndCreateWithoutIdADeterministicIdFromThePointer() throws Exception {
        assertEquals(KAFKA_ID, map("{\"ts\":1}").id());
        assertEquals(map("{\"ts\":1}").id(), map("{\"ts\":1}").id());
        assertEquals(KAFKA_ID, map("{\"ts\":1,\"doc_id\":null,\"op\":\"create\"}").id());
        assertEquals(KINESIS_ID, mapper.map(kinesis("{\"ts\":1}"), TARGET).id());
        assertEquals(KINESIS_ID + ":5", mapper.map(kinesis(5, "{\"ts\":1}"), TARGET).id());
    }

    @Test
    void rejectsADeleteWithoutId() {
        assertRejected(rejected(mapper, "{\"ts\":1,\"op\":\"delete\"}"), ReasonCode.MISSING_ID, "doc_id",
                "mapper_settings.id_field \"doc_id\" is required for a delete (only index and create get an id"
                        + " derived from the stream position), got none");
    }

    @Test
    void acceptsAVersionAsAnIntegerOrANumericString() throws Exception {
        assertEquals(7L, map("{\"doc_id\":1,\"ts\":7}").version());
        assertEquals(7L, map("{\"doc_id\":1,\"ts\":\"7\"}").version());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "-1", "1.5", "false", "[]"})
    void rejectsABadVersion(String version) {
        MessageRejectedException e = rejected(mapper, "{\"doc_id\":1,\"ts\":" + version + "}");
        assertEquals(ReasonCode.BAD_VERSION, e.reason());
        assertEquals("ts", e.field());
        assertTrue(e.getMessage().startsWith("mapper_settings.version_field \"ts\" must be a non-negative integer"
                + " or a numeric string, got "), e.getMessage());
    }

    @Test
    void namesTheFieldAndValueOfABadVersion() {
        assertRejected(rejected(mapper, "{\"doc_id\":1,\"ts\":\"abc\"}"), ReasonCode.BAD_VERSION, "ts",
                "mapper_settings.version_field \"ts\" must be a non-negative integer or a numeric string, got \"abc\"");
        assertRejected(rejected(mapper, "{\"doc_id\":1,\"ts\":99999999999999999999}"), ReasonCode.BAD_VERSION, "ts",
                "mapper_settings.version_field \"ts\" must be a non-negative integer or a numeric string no greater"
                        + " than 9223372036854775807, got 99999999999999999999");
    }

    @Test
    void requiresAConfiguredVersionField() {
        String message = "mapper_settings.version_field \"ts\" must be present (a non-negative integer or a numeric"
                + " string), got none";
        assertRejected(rejected(mapper, "{\"doc_id\":1}"), ReasonCode.MISSING_VERSION, "ts", message);
        assertRejected(rejected(mapper, "{\"doc_id\":1,\"ts\":null}"), ReasonCode.MISSING_VERSION, "ts", message);
        assertRejected(rejected(mapper, "{\"doc_id\":1,\"op\":\"delete\"}"), ReasonCode.MISSING_VERSION, "ts", message);
        assertEquals(ReasonCode.MISSING_VERSION, rejected(mapper, kinesis("{\"doc_id\":1}")).reason());
    }

    @Test
    void takesTheOffsetWhenTheVersionFieldIsMissingAndAsked() throws Exception {
        FieldMappingMapper byOffset = new FieldMappingMapper(
                MapperSettings.defaults().withFields("doc_id", "ts", "op").withVersionFromPointer(true));
        assertEquals(OFFSET, byOffset.map(kafka("{\"doc_id\":1}"), TARGET).version());
        assertEquals(2L, byOffset.map(kafka("{\"doc_id\":1,\"ts\":2}"), TARGET).version());
        assertEquals(ReasonCode.MISSING_VERSION, rejected(byOffset, kinesis("{\"doc_id\":1}")).reason());
        FieldMappingMapper offsetOnly = new FieldMappingMapper(MapperSettings.defaults().withVersionFromPointer(true));
        assertEquals(OFFSET, offsetOnly.map(kafka("{\"id\":1}"), TARGET).version());
        assertNull(offsetOnly.map(kinesis("{\"id\":1}"), TARGET).version());
    }

    @Test
    void mapsTheDeleteValueToADeleteWithoutSource() throws Exception {
        DocOp op = map("{\"doc_id\":\"9\",\"ts\":4,\"op\":\"delete\",\"rest\":1}");
        assertEquals(OpType.DELETE, op.op());
        assertEquals("9", op.id());
        assertEquals(4L, op.version());
        assertNull(op.source());
    }

    @Test
    void mapsTheCreateValueToACreateWithoutVersion() throws Exception {
        DocOp op = map("{\"doc_id\":\"9\",\"ts\":4,\"op\":\"create\"}");
        assertEquals(OpType.CREATE, op.op());
        assertNull(op.version());
        assertEquals(DocOp.VersionType.INTERNAL, op.versionType());
        assertArrayEquals(utf8("{\"doc_id\":\"9\",\"ts\":4,\"op\":\"create\"}"), op.source());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"upsert\"", "\"DELETE\"", "\"index\"", "\"update\"", "null", "1"})
    void mapsAnyOtherOrNoOpValueToIndex(String value) throws Exception {
        assertEquals(OpType.INDEX, map("{\"doc_id\":1,\"ts\":1,\"op\":" + value + "}").op());
        assertEquals(OpType.INDEX, map("{\"doc_id\":1,\"ts\":1}").op());
    }

    @Test
    void matchesConfiguredOpValuesIncludingNumbersAndBooleans() throws Exception {
        FieldMappingMapper custom = new FieldMappingMapper(MapperSettings.defaults()
                .withFields("id", null, "deleted").withOpValues("true", "c"));
        assertEquals(OpType.DELETE, custom.map(kafka("{\"id\":1,\"deleted\":true}"), TARGET).op());
        assertEquals(OpType.DELETE, custom.map(kafka("{\"id\":1,\"deleted\":\"true\"}"), TARGET).op());
        assertEquals(OpType.INDEX, custom.map(kafka("{\"id\":1,\"deleted\":false}"), TARGET).op());
        assertEquals(OpType.CREATE, custom.map(kafka("{\"id\":1,\"deleted\":\"c\"}"), TARGET).op());
        assertEquals(OpType.INDEX, custom.map(kafka("{\"id\":1,\"deleted\":\"delete\"}"), TARGET).op());
        FieldMappingMapper numeric = new FieldMappingMapper(MapperSettings.defaults()
                .withFields("id", null, "kind").withOpValues("3", "1"));
        assertEquals(OpType.DELETE, numeric.map(kafka("{\"id\":1,\"kind\":3}"), TARGET).op());
        assertEquals(OpType.CREATE, numeric.map(kafka("{\"id\":1,\"kind\":1}"), TARGET).op());
    }

    @Test
    void rejectsAnOpValueThatIsNotAScalar() {
        assertRejected(rejected(mapper, "{\"doc_id\":1,\"ts\":1,\"op\":{\"v\":\"delete\"}}"), ReasonCode.BAD_OP_TYPE,
                "op", "mapper_settings.op_type_field \"op\" must be a string, a number or a boolean, got an object");
        assertEquals(ReasonCode.BAD_OP_TYPE, rejected(mapper, "{\"doc_id\":1,\"ts\":1,\"op\":[\"delete\"]}").reason());
    }

    @Test
    void rejectsAConfiguredFieldGivenTwice() throws Exception {
        assertRejected(rejected(mapper, "{\"doc_id\":1,\"ts\":1,\"doc_id\":2}"), ReasonCode.DUPLICATE_FIELD, "doc_id",
                "mapper_settings.id_field \"doc_id\" must appear at most once in the document, got it twice");
        assertEquals("ts", rejected(mapper, "{\"ts\":1,\"doc_id\":1,\"ts\":2}").field());
        assertEquals("op", rejected(mapper, "{\"op\":null,\"doc_id\":1,\"ts\":1,\"op\":\"x\"}").field());
        assertEquals("1", map("{\"doc_id\":1,\"ts\":1,\"other\":1,\"other\":2}").id());
    }

    @Test
    void takesTheIdFromTheKeyWhenTheDocumentHasNone() throws Exception {
        FieldMappingMapper keyed = new FieldMappingMapper(MapperSettings.defaults().withIdFromKey(true));
        assertEquals("k", keyed.map(kafkaWithKey(utf8("k"), "{\"a\":1}"), TARGET).id());
        assertEquals("1", keyed.map(kafkaWithKey(utf8("k"), "{\"id\":1}"), TARGET).id());
        assertEquals(KAFKA_ID, keyed.map(kafkaWithKey(null, "{\"a\":1}"), TARGET).id());
        FieldMappingMapper keyedDeletes = new FieldMappingMapper(
                MapperSettings.defaults().withFields("id", null, "op").withIdFromKey(true));
        assertEquals("k", keyedDeletes.map(kafkaWithKey(utf8("k"), "{\"op\":\"delete\"}"), TARGET).id());
        assertEquals(ReasonCode.MISSING_ID, rejected(keyedDeletes, kafkaWithKey(null, "{\"op\":\"delete\"}")).reason());
    }

    @Test
    void rejectsPayloadsThatAreNotOneJsonObject() {
        assertEquals(ReasonCode.NOT_AN_OBJECT, rejected(plain, "[{\"id\":1}]").reason());
        assertEquals(ReasonCode.MALFORMED_JSON, rejected(plain, "{\"id\":1,}").reason());
        assertEquals(ReasonCode.MALFORMED_JSON, rejected(plain, "{\"id\":1} {\"id\":2}").reason());
        assertEquals(ReasonCode.MALFORMED_JSON, rejected(plain, "{\"id\":1,\"x\":{\"y\":[}}").reason());
        assertEquals(ReasonCode.NULL_PAYLOAD, rejected(plain, kafka(null)).reason());
    }
}
