package io.inlet.common.mapper;

import io.inlet.common.message.DocOp;
import io.inlet.common.message.OpType;
import io.inlet.common.message.StreamMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.inlet.common.mapper.TestMessages.KAFKA_ID;
import static io.inlet.common.mapper.TestMessages.KINESIS_ID;
import static io.inlet.common.mapper.TestMessages.OFFSET;
import static io.inlet.common.mapper.TestMessages.TARGET;
import static io.inlet.common.mapper.TestMessages.kafka;
import static io.inlet.common.mapper.TestMessages.kafkaBytes;
import static io.inlet.common.mapper.TestMessages.kafkaWithKey;
import static io.inlet.common.mapper.TestMessages.kinesis;
import static io.inlet.common.mapper.TestMessages.rejected;
import static io.inlet.common.mapper.TestMessages.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultMapperTest {

    private final DefaultMapper mapper = new DefaultMapper();

    private DocOp map(String payload) throws MessageRejectedException {
        return mapper.map(kafka(payload), TARGET);
    }

    private static void assertSource(String expected, DocOp op) {
        assertArrayEquals(utf8(expected), op.source(), () -> "source was " + new String(op.source(),
                StandardCharsets.UTF_8));
    }

    private static void assertRejected(MessageRejectedException e, ReasonCode reason, String field, String message) {
        assertEquals(reason, e.reason());
        assertEquals(field, e.field());
        assertEquals(message, e.getMessage());
    }

    @Test
    void mapsAFullEnvelopeToAnExternallyVersionedIndex() throws Exception {
        StreamMessage message = kafka("{\"_id\":\"42\",\"_version\":7,\"_op_type\":\"index\",\"_source\":{\"a\":1}}");
        DocOp op = mapper.map(message, new Target("docs", "pipe", "r1"));

        assertEquals("docs", op.index());
        assertEquals("42", op.id());
        assertEquals(OpType.INDEX, op.op());
        assertEquals(7L, op.version());
        assertEquals(DocOp.VersionType.EXTERNAL, op.versionType());
        assertEquals("pipe", op.pipeline());
        assertEquals("r1", op.routing());
        assertSame(message, op.message());
        assertSource("{\"a\":1}", op);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"_id\":\"42\",\"_version\":7,\"_op_type\":\"update\",\"_source\":{\"a\":1}}",
            "{\"_source\":{\"a\":1},\"_op_type\":\"update\",\"_version\":7,\"_id\":\"42\"}",
            "{\"_version\":7,\"_source\":{\"a\":1},\"_id\":\"42\",\"_op_type\":\"update\"}",
            "{\"_op_type\":\"update\",\"_id\":\"42\",\"_source\":{\"a\":1},\"_version\":7}",
            " \n{ \"_op_type\" : \"update\" , \"x\" : [1, {\"_id\": \"no\"}], \"_id\" : \"42\" ,"
                    + " \"_source\" : {\"a\":1}, \"_version\" : 7 }\n"})
    void readsTheEnvelopeFieldsInAnyOrder(String payload) throws Exception {
        DocOp op = map(payload);
        assertEquals("42", op.id());
        assertEquals(OpType.UPDATE, op.op());
        assertEquals(7L, op.version());
        assertSource("{\"a\":1}", op);
    }

    @Test
    void copiesTheSourceAsTheExactBytesOfThePayload() throws Exception {
        String source = "{ \"t\" : \"h\\u00e9llo é 日本 🎉 \\\"q\\\"\",\n\t\"n\": [1, [2, {\"x\": null}], 1.50e+3, -0],"
                + " \"o\": {\"p\": {}, \"_id\": \"inner\"}, \"_source\": {\"deep\": true}  }";
        String payload = "{\"_id\" : \"1\",  \"_source\" :" + source + "  , \"after\": \"x\"}";
        byte[] bytes = utf8(payload);
        byte[] expected = utf8(source);

        DocOp op = map(payload);

        assertArrayEquals(expected, op.source());
        assertEquals("1", op.id());
        int start = payload.indexOf(source);
        int startByte = payload.substring(0, start).getBytes(StandardCharsets.UTF_8).length;
        byte[] slice = java.util.Arrays.copyOfRange(bytes, startByte, startByte + expected.length);
        assertArrayEquals(slice, op.source());
    }

    @Test
    void copiesTheSourceAfterAUtf8ByteOrderMark() throws Exception {
        byte[] payload = utf8("\uFEFF{\"_id\":\"1\",\"_source\":{\"é\":\"日本\"}}");
        DocOp op = mapper.map(kafkaBytes(payload), TARGET);
        assertSource("{\"é\":\"日本\"}", op);
    }

    @Test
    void ignoresUnknownTopLevelFields() throws Exception {
        DocOp op = map("{\"meta\":{\"_source\":\"x\",\"_id\":9},\"_id\":\"1\",\"list\":[{\"_version\":\"bad\"}],"
                + "\"flag\":true,\"_source\":{\"a\":1},\"n\":null}");
        assertEquals("1", op.id());
        assertNull(op.version());
        assertSource("{\"a\":1}", op);
    }

    @Test
    void takesANumericIdAsItsDecimalText() throws Exception {
        assertEquals("42", map("{\"_id\":42,\"_source\":{}}").id());
        assertEquals("-5", map("{\"_id\":-5,\"_source\":{}}").id());
        assertEquals("123456789012345678901234567890", map("{\"_id\":123456789012345678901234567890,\"_source\":{}}").id());
    }

    @Test
    void rejectsAnIdThatIsNotAStringOrAnInteger() {
        assertRejected(rejected(mapper, "{\"_id\":true,\"_source\":{}}"), ReasonCode.BAD_ID, "_id",
                "_id must be a non-empty string or an integer, got true");
        assertRejected(rejected(mapper, "{\"_id\":1.5,\"_source\":{}}"), ReasonCode.BAD_ID, "_id",
                "_id must be a non-empty string or an integer, got 1.5");
        assertRejected(rejected(mapper, "{\"_id\":{\"a\":1},\"_source\":{}}"), ReasonCode.BAD_ID, "_id",
                "_id must be a non-empty string or an integer, got an object");
        assertRejected(rejected(mapper, "{\"_id\":[1],\"_source\":{}}"), ReasonCode.BAD_ID, "_id",
                "_id must be a non-empty string or an integer, got an array");
        assertRejected(rejected(mapper, "{\"_id\":\"\",\"_source\":{}}"), ReasonCode.BAD_ID, "_id",
                "_id must be a non-empty string or an integer, got \"\"");
    }

    @Test
    void rejectsAnIdLongerThan512Bytes() throws Exception {
        assertEquals(512, map("{\"_id\":\"" + "a".repeat(512) + "\",\"_source\":{}}").id().length());
        MessageRejectedException e = rejected(mapper, "{\"_id\":\"" + "é".repeat(257) + "\",\"_source\":{}}");
        assertEquals(ReasonCode.BAD_ID, e.reason());
        assertEquals("_id", e.field());
        assertTrue(e.getMessage().startsWith("_id must be at most 512 bytes long (UTF-8), got 514 bytes"), e.getMessage());
    }

    @Test
    void acceptsAVersionAsAnIntegerOrANumericString() throws Exception {
        assertEquals(7L, map("{\"_id\":\"1\",\"_version\":7,\"_source\":{}}").version());
        assertEquals(7L, map("{\"_id\":\"1\",\"_version\":\"7\",\"_source\":{}}").version());
        assertEquals(7L, map("{\"_id\":\"1\",\"_version\":\"007\",\"_source\":{}}").version());
        assertEquals(0L, map("{\"_id\":\"1\",\"_version\":0,\"_source\":{}}").version());
        assertEquals(Long.MAX_VALUE, map("{\"_id\":\"1\",\"_version\":9223372036854775807,\"_source\":{}}").version());
        assertEquals(Long.MAX_VALUE, map("{\"_id\":\"1\",\"_version\":\"9223372036854775807\",\"_source\":{}}").version());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "-1", "\"-1\"", "1.5", "7.0", "1e3", "\"1.5\"", "\"\"", "\" 7\"", "\"+7\"",
            "\"٣\"", "true", "{}", "[7]"})
    void rejectsAVersionThatIsNotANonNegativeInteger(String version) {
        MessageRejectedException e = rejected(mapper, "{\"_id\":\"1\",\"_version\":" + version + ",\"_source\":{}}");
        String shown = version.equals("{}") ? "an object" : version.equals("[7]") ? "an array" : version;
        assertRejected(e, ReasonCode.BAD_VERSION, "_version",
                "_version must be a non-negative integer or a numeric string, got " + shown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "\"9223372036854775808\"", "123456789012345678901234567890"})
    void rejectsAVersionBeyondTheLongRange(String version) {
        MessageRejectedException e = rejected(mapper, "{\"_id\":\"1\",\"_version\":" + version + ",\"_source\":{}}");
        assertRejected(e, ReasonCode.BAD_VERSION, "_version", "_version must be a non-negative integer or a numeric"
                + " string no greater than 9223372036854775807, got " + version);
    }

    @Test
    void rejectsAHugeNegativeVersionWithoutTheRangeHint() {
        MessageRejectedException e = rejected(mapper, "{\"_id\":\"1\",\"_version\":-9223372036854775809,\"_source\":{}}");
        assertRejected(e, ReasonCode.BAD_VERSION, "_version",
                "_version must be a non-negative integer or a numeric string, got -9223372036854775809");
    }

    @Test
    void treatsNullFieldsAsAbsent() throws Exception {
        DocOp op = map("{\"_id\":null,\"_version\":null,\"_op_type\":null,\"_source\":{\"a\":1}}");
        assertEquals(KAFKA_ID, op.id());
        assertNull(op.version());
        assertEquals(DocOp.VersionType.INTERNAL, op.versionType());
        assertEquals(OpType.INDEX, op.op());
    }

    @Test
    void defaultsToIndexWithoutAVersion() throws Exception {
        DocOp op = map("{\"_id\":\"1\",\"_source\":{\"a\":1}}");
        assertEquals(OpType.INDEX, op.op());
        assertNull(op.version());
        assertEquals(DocOp.VersionType.INTERNAL, op.versionType());
    }

    @Test
    void sendsCreateWithoutAVersion() throws Exception {
        DocOp op = map("{\"_id\":\"1\",\"_version\":9,\"_op_type\":\"create\",\"_source\":{\"a\":1}}");
        assertEquals(OpType.CREATE, op.op());
        assertNull(op.version());
        assertEquals(DocOp.VersionType.INTERNAL, op.versionType());
        assertSource("{\"a\":1}", op);
    }

    @Test
    void deletesWithoutASource() throws Exception {
        DocOp op = map("{\"_id\":\"1\",\"_version\":\"3\",\"_op_type\":\"delete\"}");
        assertEquals(OpType.DELETE, op.op());
        assertEquals("1", op.id());
        assertEquals(3L, op.version());
        assertNull(op.source());
    }

    @Test
    void ignoresTheSourceOfADelete() throws Exception {
        assertNull(map("{\"_id\":\"1\",\"_op_type\":\"delete\",\"_source\":{\"a\":1}}").source());
        assertNull(map("{\"_id\":\"1\",\"_op_type\":\"delete\",\"_source\":null}").source());
    }

    @Test
    void mapsAnUpdateToAVersionedPartialDocument() throws Exception {
        DocOp op = map("{\"_op_type\":\"update\",\"_id\":\"1\",\"_version\":4,\"_source\":{\"price\":10}}");
        assertEquals(OpType.UPDATE, op.op());
        assertEquals(4L, op.version());
        assertSource("{\"price\":10}", op);
    }

    @Test
    void readsOpTypeNamesCaseInsensitively() throws Exception {
        assertEquals(OpType.DELETE, map("{\"_id\":\"1\",\"_op_type\":\"DELETE\"}").op());
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "true", "{\"op\":\"index\"}", "[\"index\"]"})
    void rejectsANonStringOpType(String opType) {
        MessageRejectedException e = rejected(mapper, "{\"_id\":\"1\",\"_op_type\":" + opType + ",\"_source\":{}}");
        assertEquals(ReasonCode.BAD_OP_TYPE, e.reason());
        assertEquals("_op_type", e.field());
        assertTrue(e.getMessage().startsWith("_op_type must be a string (index, create, delete or update), got "),
                e.getMessage());
    }

    @Test
    void rejectsAnUnknownOpType() {
        assertRejected(rejected(mapper, "{\"_id\":\"1\",\"_op_type\":\"upsert\",\"_source\":{}}"),
                ReasonCode.UNKNOWN_OP_TYPE, "_op_type",
                "_op_type must be one of index, create, delete or update, got \"upsert\"");
        assertEquals(ReasonCode.UNKNOWN_OP_TYPE,
                rejected(mapper, "{\"_id\":\"1\",\"_op_type\":\"\",\"_source\":{}}").reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"a\":1}]", "\"{}\"", "1", "true"})
    void rejectsASourceThatIsNotAnObject(String source) {
        MessageRejectedException e = rejected(mapper, "{\"_id\":\"1\",\"_source\":" + source + "}");
        assertEquals(ReasonCode.SOURCE_NOT_OBJECT, e.reason());
        assertEquals("_source", e.field());
        assertTrue(e.getMessage().startsWith("_source must be a JSON object, got "), e.getMessage());
    }

    @Test
    void rejectsANonObjectSourceEvenOnADelete() {
        assertEquals(ReasonCode.SOURCE_NOT_OBJECT,
                rejected(mapper, "{\"_id\":\"1\",\"_op_type\":\"delete\",\"_source\":[]}").reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"index", "create", "update"})
    void requiresASourceExceptForDelete(String opType) {
        assertRejected(rejected(mapper, "{\"_id\":\"1\",\"_op_type\":\"" + opType + "\"}"), ReasonCode.MISSING_SOURCE,
                "_source", "_source must be a JSON object for _op_type \"" + opType + "\", got none");
        assertRejected(rejected(mapper, "{\"_id\":\"1\",\"_op_type\":\"" + opType + "\",\"_source\":null}"),
                ReasonCode.MISSING_SOURCE, "_source",
                "_source must be a JSON object for _op_type \"" + opType + "\", got null");
    }

    @Test
    void givesIndexAndCreateWithoutIdADeterministicIdFromThePointer() throws Exception {
        String payload = "{\"_source\":{\"a\":1}}";
        assertEquals(KAFKA_ID, map(payload).id());
        assertEquals(map(payload).id(), map(payload).id());
        assertEquals("orders-3-99", mapper.map(kafka(99, payload), TARGET).id());
        assertEquals(KAFKA_ID, map("{\"_op_type\":\"create\",\"_source\":{\"a\":1}}").id());
    }

    @Test
    void givesKinesisMessagesAnIdFromStreamShardAndSequence() throws Exception {
        String payload = "{\"_source\":{\"a\":1}}";
        assertEquals(KINESIS_ID, mapper.map(kinesis(payload), TARGET).id());
        assertEquals(KINESIS_ID + ":2", mapper.map(kinesis(2, payload), TARGET).id());
        assertEquals(mapper.map(kinesis(2, payload), TARGET).id(), mapper.map(kinesis(2, payload), TARGET).id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"delete", "update"})
    void rejectsDeleteAndUpdateWithoutId(String opType) {
        assertRejected(rejected(mapper, "{\"_op_type\":\"" + opType + "\",\"_source\":{\"a\":1}}"),
                ReasonCode.MISSING_ID, "_id", "_id is required for a " + opType
                        + " (only index and create get an id derived from the stream position), got none");
    }

    @Test
    void rejectsAFieldGivenTwice() {
        assertRejected(rejected(mapper, "{\"_id\":\"1\",\"_source\":{},\"_id\":\"2\"}"), ReasonCode.DUPLICATE_FIELD,
                "_id", "_id must appear at most once in the envelope, got it twice");
        assertEquals("_source", rejected(mapper, "{\"_source\":{},\"_source\":{}}").field());
        assertEquals("_version", rejected(mapper, "{\"_version\":1,\"_source\":{},\"_version\":null}").field());
        assertEquals("_op_type", rejected(mapper, "{\"_op_type\":null,\"_op_type\":\"index\",\"_source\":{}}").field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"_id\":\"1\",\"_source\":{}} x", "{\"_id\":\"1\",\"_source\":{}}{}",
            "{\"_id\":\"1\",\"_source\":{}}]", "{\"_id\":\"1\",\"_source\":{}} \"tail\""})
    void rejectsContentAfterTheEnvelope(String payload) {
        MessageRejectedException e = rejected(mapper, payload);
        assertEquals(ReasonCode.MALFORMED_JSON, e.reason());
        assertNull(e.field());
        assertTrue(e.getMessage().startsWith("payload "), e.getMessage());
    }

    @Test
    void acceptsWhitespaceAfterTheEnvelope() throws Exception {
        assertEquals("1", map("{\"_id\":\"1\",\"_source\":{}} \r\n\t").id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"_id\":", "{'_id':'1'}", "{\"_id\":\"1\",\"_source\":{\"a\":[1,2}}",
            "{\"_id\":\"1\" \"_source\":{}}", "{\"_source\":{\"a\":NaN}}", "{\"_source\":{\"a\":01}}", "", "  \n"})
    void rejectsMalformedJson(String payload) {
        MessageRejectedException e = rejected(mapper, payload);
        assertEquals(ReasonCode.MALFORMED_JSON, e.reason());
        assertNull(e.field());
        assertTrue(e.getMessage().startsWith("payload is "), e.getMessage());
    }

    @Test
    void rejectsAPayloadThatIsNotUtf8() {
        byte[] utf16 = "{\"_id\":\"1\",\"_source\":{}}".getBytes(StandardCharsets.UTF_16BE);
        MessageRejectedException e = rejected(mapper, kafkaBytes(utf16));
        assertEquals(ReasonCode.MALFORMED_JSON, e.reason());
        assertEquals("payload must be UTF-8 encoded JSON, got another encoding (UTF-16 or UTF-32)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"_id\":\"1\"}]", "\"text\"", "42", "null", "true"})
    void rejectsAPayloadThatIsNotAnObject(String payload) {
        MessageRejectedException e = rejected(mapper, payload);
        assertEquals(ReasonCode.NOT_AN_OBJECT, e.reason());
        assertNull(e.field());
        assertTrue(e.getMessage().startsWith("payload must be a JSON object, got "), e.getMessage());
    }

    @Test
    void rejectsANullPayloadWithoutFailing() {
        assertRejected(rejected(mapper, kafka(null)), ReasonCode.NULL_PAYLOAD, null,
                "payload is null (a tombstone?), expected a JSON object");
    }

    @Test
    void takesTheIdFromTheKeyWhenTheEnvelopeHasNone() throws Exception {
        DefaultMapper keyed = new DefaultMapper(MapperSettings.defaults().withIdFromKey(true));
        String noId = "{\"_source\":{\"a\":1}}";
        assertEquals("user-7", keyed.map(kafkaWithKey(utf8("user-7"), noId), TARGET).id());
        assertEquals("1", keyed.map(kafkaWithKey(utf8("user-7"), "{\"_id\":\"1\",\"_source\":{}}"), TARGET).id());
        assertEquals(KAFKA_ID, keyed.map(kafkaWithKey(null, noId), TARGET).id());
        assertEquals("日本", keyed.map(kafkaWithKey(utf8("日本"), noId), TARGET).id());
        DocOp delete = keyed.map(kafkaWithKey(utf8("user-7"), "{\"_op_type\":\"delete\"}"), TARGET);
        assertEquals("user-7", delete.id());
        assertEquals(OpType.DELETE, delete.op());
    }

    @Test
    void ignoresTheKeyUnlessAsked() throws Exception {
        assertEquals(KAFKA_ID, mapper.map(kafkaWithKey(utf8("user-7"), "{\"_source\":{}}"), TARGET).id());
    }

    @Test
    void rejectsADeleteWithoutIdOrKey() {
        DefaultMapper keyed = new DefaultMapper(MapperSettings.defaults().withIdFromKey(true));
        assertRejected(rejected(keyed, kafkaWithKey(null, "{\"_op_type\":\"delete\"}")), ReasonCode.MISSING_ID, "_id",
                "_id is required for a delete (only index and create get an id derived from the stream position),"
                        + " got none and the record key is null");
    }

    @Test
    void rejectsAKeyThatCannotBeAnId() {
        DefaultMapper keyed = new DefaultMapper(MapperSettings.defaults().withIdFromKey(true));
        MessageRejectedException notUtf8 = rejected(keyed, kafkaWithKey(new byte[] {(byte) 0xC3, 0x28}, "{\"_source\":{}}"));
        assertRejected(notUtf8, ReasonCode.BAD_ID, "key",
                "record key (id.source=key) must be UTF-8 text to be used as _id, got 2 bytes that are not UTF-8");
        assertRejected(rejected(keyed, kafkaWithKey(new byte[0], "{\"_source\":{}}")), ReasonCode.BAD_ID, "key",
                "record key (id.source=key) must be a non-empty string or an integer, got \"\"");
    }

    @Test
    void usesTheOffsetAsVersionWhenAsked() throws Exception {
        DefaultMapper byOffset = new DefaultMapper(MapperSettings.defaults().withVersionFromPointer(true));
        DocOp op = byOffset.map(kafka("{\"_id\":\"1\",\"_source\":{}}"), TARGET);
        assertEquals(OFFSET, op.version());
        assertEquals(DocOp.VersionType.EXTERNAL, op.versionType());
        assertEquals(3L, byOffset.map(kafka("{\"_id\":\"1\",\"_version\":3,\"_source\":{}}"), TARGET).version());
        assertEquals(OFFSET, byOffset.map(kafka("{\"_id\":\"1\",\"_op_type\":\"delete\"}"), TARGET).version());
        assertNull(byOffset.map(kafka("{\"_id\":\"1\",\"_op_type\":\"create\",\"_source\":{}}"), TARGET).version());
        assertNull(byOffset.map(kinesis("{\"_id\":\"1\",\"_source\":{}}"), TARGET).version());
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        String id = thread + "-" + i;
                        DocOp op = mapper.map(kafka(i, "{\"_id\":\"" + id + "\",\"_version\":" + i
                                + ",\"_source\":{\"n\":" + i + "}}"), TARGET);
                        if (!op.id().equals(id) || op.version() != i
                                || !new String(op.source(), StandardCharsets.UTF_8).equals("{\"n\":" + i + "}")) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
