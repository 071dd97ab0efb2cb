package io.inlet.common.writer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.common.mapper.DefaultMapper;
import io.inlet.common.mapper.Target;
import io.inlet.common.message.DocOp;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.OpType;
import io.inlet.common.message.StreamMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NDJSON of a {@code _bulk} request, read back line by line as OpenSearch reads it. */
class BulkBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BulkBody BODY = new BulkBody("_inlet_version");
    private static final StreamMessage MESSAGE = StreamMessage.of("orders", "0", new KafkaOffset(7), new byte[0]);

    private static DocOp op(OpType type, String id, Long version, String routing, String pipeline, String source) {
        return new DocOp("orders", id, type, version, routing, pipeline,
                source == null ? null : source.getBytes(StandardCharsets.UTF_8), MESSAGE);
    }

    private static byte[] render(DocOp... ops) {
        List<Pending.Write> batch = new ArrayList<>();
        for (DocOp op : ops) {
            batch.add(new Pending.Write(op, () -> false));
        }
        return BODY.render(batch);
    }

    /** The body split at its newlines; the body ends with one, so there is no empty last line. */
    private static List<byte[]> lines(byte[] body) {
        assertTrue(body.length > 0 && body[body.length - 1] == '\n', "a bulk body ends with a newline");
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '\n') {
                lines.add(Arrays.copyOfRange(body, start, i));
                start = i + 1;
            }
        }
        return lines;
    }

    private static List<JsonNode> parsed(byte[] body) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (byte[] line : lines(body)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void indexWithAVersionIsExternallyVersioned() throws IOException {
        List<JsonNode> lines = parsed(render(op(OpType.INDEX, "1", 42L, null, null, "{\"a\":1}")));

        assertEquals(2, lines.size());
        JsonNode action = lines.get(0).get("index");
        assertEquals("orders", action.get("_index").asText());
        assertEquals("1", action.get("_id").asText());
        assertEquals(42, action.get("version").asLong());
        assertTrue(action.get("version").isIntegralNumber(), "the version is a JSON number");
        assertEquals("external", action.get("version_type").asText());
        assertEquals(JSON.readTree("{\"a\":1}"), lines.get(1));
    }

    @Test
    void rendersTheVersionAndItsTypeExactly() {
        String body = new String(render(op(OpType.INDEX, "1", 9_007_199_254_740_993L, null, null, "{}")),
                StandardCharsets.UTF_8);

        assertTrue(body.contains("\"version\":9007199254740993,\"version_type\":\"external\""), body);
    }

    @Test
    void indexWithoutAVersionHasNoVersionCheck() throws IOException {
        JsonNode action = parsed(render(op(OpType.INDEX, "1", null, null, null, "{}"))).get(0).get("index");

        assertFalse(action.has("version"));
        assertFalse(action.has("version_type"));
    }

    @Test
    void createNeverCarriesAVersion() throws IOException {
        List<JsonNode> lines = parsed(render(op(OpType.CREATE, "1", 42L, null, null, "{\"a\":1}")));

        assertEquals(2, lines.size());
        JsonNode action = lines.get(0).get("create");
        assertEquals("1", action.get("_id").asText());
        assertFalse(action.has("version"), "OpenSearch refuses external versions on create");
        assertFalse(action.has("version_type"));
    }

    @Test
    void deleteHasNoSourceLine() throws IOException {
        List<JsonNode> lines = parsed(render(
                op(OpType.DELETE, "1", 5L, null, null, null),
                op(OpType.DELETE, "2", null, null, null, null)));

        assertEquals(2, lines.size(), "one action line per delete, nothing else");
        JsonNode versioned = lines.get(0).get("delete");
        assertEquals("1", versioned.get("_id").asText());
        assertEquals(5, versioned.get("version").asLong());
        assertEquals("external", versioned.get("version_type").asText());
        JsonNode unversioned = lines.get(1).get("delete");
        assertEquals("2", unversioned.get("_id").asText());
        assertFalse(unversioned.has("version"));
    }

    @Test
    void updateWithAVersionRunsTheGuardedScript() throws IOException {
        String doc = "{\"status\":\"shipped\",\"tags\":[\"a\",\"b\"]}";
        List<JsonNode> lines = parsed(render(op(OpType.UPDATE, "1", 12L, null, null, doc)));

        assertEquals(2, lines.size());
        JsonNode action = lines.get(0).get("update");
        assertEquals("1", action.get("_id").asText());
        assertFalse(action.has("version"), "the script guards the version, not the action");
        assertFalse(action.has("version_type"));

        JsonNode update = lines.get(1);
        assertTrue(update.get("scripted_upsert").asBoolean());
        assertTrue(update.get("upsert").isObject());
        assertEquals(0, update.get("upsert").size());
        assertFalse(update.has("doc_as_upsert"));
        JsonNode script = update.get("script");
        assertEquals("painless", script.get("lang").asText());
        assertEquals(BulkBody.GUARDED_UPDATE, script.get("source").asText());
        JsonNode params = script.get("params");
        assertEquals(12, params.get("v").asLong());
        assertTrue(params.get("v").isIntegralNumber());
        assertEquals("_inlet_version", params.get("vf").asText());
        assertEquals(JSON.readTree(doc), params.get("doc"), "the partial document is a JSON object, not a string");
    }

    @Test
    void updateEmbedsThePartialDocumentRaw() {
        String doc = "{ \"name\" : \"Zoë\",\t\"n\":1.50 }";
        String body = new String(render(op(OpType.UPDATE, "1", 3L, null, null, doc)), StandardCharsets.UTF_8);

        assertTrue(body.contains("\"doc\":" + doc + "}"), body);
    }

    @Test
    void updateUsesTheConfiguredGuardField() throws IOException {
        byte[] body = new BulkBody("seen_version").render(List.of(
                new Pending.Write(op(OpType.UPDATE, "1", 3L, null, null, "{}"), () -> false)));

        assertEquals("seen_version", parsed(body).get(1).get("script").get("params").get("vf").asText());
    }

    @Test
    void updateWithoutAVersionIsADocAsUpsert() throws IOException {
        String doc = "{\"status\":\"paid\"}";
        byte[] body = render(op(OpType.UPDATE, "1", null, null, null, doc));
        List<JsonNode> lines = parsed(body);

        assertEquals(2, lines.size());
        assertTrue(lines.get(0).has("update"));
        assertEquals(JSON.readTree("{\"doc_as_upsert\":true,\"doc\":{\"status\":\"paid\"}}"), lines.get(1));
        assertFalse(lines.get(1).has("script"));
        assertArrayEquals(("{\"doc_as_upsert\":true,\"doc\":" + doc + "}").getBytes(StandardCharsets.UTF_8),
                lines(body).get(1));
    }

    @Test
    void routingIsRenderedForEveryOperation() throws IOException {
        List<JsonNode> lines = parsed(render(
                op(OpType.INDEX, "1", null, "eu", null, "{}"),
                op(OpType.CREATE, "2", null, "eu", null, "{}"),
                op(OpType.UPDATE, "3", 1L, "eu", null, "{}"),
                op(OpType.DELETE, "4", null, "eu", null, null)));

        assertEquals("eu", lines.get(0).get("index").get("routing").asText());
        assertEquals("eu", lines.get(2).get("create").get("routing").asText());
        assertEquals("eu", lines.get(4).get("update").get("routing").asText());
        assertEquals("eu", lines.get(6).get("delete").get("routing").asText());
    }

    @Test
    void noRoutingWhenNoneIsSet() throws IOException {
        assertFalse(parsed(render(op(OpType.INDEX, "1", null, null, null, "{}"))).get(0).get("index").has("routing"));
    }

    @Test
    void pipelineIsRenderedForIndexAndCreateOnly() throws IOException {
        List<JsonNode> lines = parsed(render(
                op(OpType.INDEX, "1", null, null, "enrich", "{}"),
                op(OpType.CREATE, "2", null, null, "enrich", "{}"),
                op(OpType.UPDATE, "3", 1L, null, "enrich", "{}"),
                op(OpType.DELETE, "4", null, null, "enrich", null)));

        assertEquals("enrich", lines.get(0).get("index").get("pipeline").asText());
        assertEquals("enrich", lines.get(2).get("create").get("pipeline").asText());
        assertFalse(lines.get(4).get("update").has("pipeline"), "_bulk update takes no pipeline");
        assertFalse(lines.get(6).get("delete").has("pipeline"));
    }

    @Test
    void sourceBytesAreCopiedByteForByte() {
        String source = "{ \"name\" : \"Zoë Ångström\",\t\"city\":\"東京\", \"emoji\":\"☕\\ud83d\\ude00\",\r"
                + " \"escaped\":\"a\\\"b\\\\c\\u00e9\", \"n\" : 1.50e0 ,\"nested\":{ } }";
        byte[] expected = source.getBytes(StandardCharsets.UTF_8);
        byte[] body = render(op(OpType.INDEX, "1", null, null, null, source),
                op(OpType.CREATE, "2", null, null, null, source));

        List<byte[]> lines = lines(body);
        assertEquals(4, lines.size());
        assertArrayEquals(expected, lines.get(1));
        assertArrayEquals(expected, lines.get(3));
    }

    @Test
    void aDocumentInsideItsPayloadIsRenderedFromItsRangeAndCountedOnce() throws Exception {
        String payload = "{\"_id\":\"9\",\"_version\":3,\"_source\":{\"city\":\"東京\",\"n\":\n1},\"trailer\":true}";
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        DocOp op = new DefaultMapper().map(StreamMessage.of("orders", "0", new KafkaOffset(1), bytes), Target.of("orders"));

        assertSame(bytes, op.sourceArray(), "the document is not copied out of the payload");
        List<byte[]> lines = lines(render(op));
        assertEquals(2, lines.size());
        assertEquals("{\"city\":\"東京\",\"n\": 1}", new String(lines.get(1), StandardCharsets.UTF_8));
        assertEquals(bytes.length + op.estimatedBytes() - op.sourceLength(), new Pending.Write(op, () -> false).bytes(),
                "the buffer counts the shared bytes once");
    }

    @Test
    void aPrettyPrintedSourceStaysOnItsLine() throws IOException {
        String pretty = "{\n  \"name\" : \"Zoë\",\r\n  \"items\" : [\n    1,\n    2\n  ]\n}";
        JsonNode expected = JSON.readTree(pretty);
        byte[] body = render(
                op(OpType.INDEX, "1", null, null, null, pretty),
                op(OpType.CREATE, "2", null, null, null, pretty),
                op(OpType.UPDATE, "3", 4L, null, null, pretty),
                op(OpType.UPDATE, "4", null, null, null, pretty));
        List<JsonNode> lines = parsed(body);

        assertEquals(8, lines.size());
        assertEquals(expected, lines.get(1));
        assertEquals(expected, lines.get(3));
        assertEquals(expected, lines.get(5).get("script").get("params").get("doc"));
        assertEquals(expected, lines.get(7).get("doc"));
        assertArrayEquals(pretty.replace('\n', ' ').getBytes(StandardCharsets.UTF_8), lines(body).get(1),
                "only the line feeds change, to spaces");
    }

    @Test
    void aSourceCannotSmuggleInAnOperation() throws Exception {
        // valid JSON whose line breaks, copied raw, would make the second line a delete of another document
        String payload = "{\"_id\":\"1\",\"_source\":{\"a\":\n{\"delete\":{\"_index\":\"other\",\"_id\":\"victim\"}}\n}}";
        DocOp op = new DefaultMapper().map(
                StreamMessage.of("orders", "0", new KafkaOffset(1), payload.getBytes(StandardCharsets.UTF_8)),
                Target.of("orders"));
        List<JsonNode> lines = parsed(render(op));

        assertEquals(2, lines.size());
        assertEquals("1", lines.get(0).get("index").get("_id").asText());
        assertEquals(JSON.readTree("{\"a\":{\"delete\":{\"_index\":\"other\",\"_id\":\"victim\"}}}"), lines.get(1));
    }

    @Test
    void idsAndIndexNamesAreEscaped() throws IOException {
        DocOp op = new DocOp("orders", "a\"b\\c\nd ☕", OpType.INDEX, null, "r\"1", null,
                "{}".getBytes(StandardCharsets.UTF_8), MESSAGE);
        List<JsonNode> lines = parsed(render(op));

        assertEquals(2, lines.size(), "a newline in an id does not split the action line");
        assertEquals("a\"b\\c\nd ☕", lines.get(0).get("index").get("_id").asText());
        assertEquals("r\"1", lines.get(0).get("index").get("routing").asText());
    }

    @Test
    void everyLineOfAMixedBatchIsValidJsonInOrder() throws IOException {
        byte[] body = render(
                op(OpType.INDEX, "1", 1L, "r", "p", "{\"a\":[1,2,{\"b\":null}]}"),
                op(OpType.CREATE, "2", null, null, null, "{\"c\":\"ü\"}"),
                op(OpType.DELETE, "3", 2L, null, null, null),
                op(OpType.UPDATE, "4", 3L, null, null, "{\"d\":true}"),
                op(OpType.UPDATE, "5", null, null, null, "{\"e\":1}"),
                op(OpType.INDEX, "6", null, null, null, "{}"));
        List<JsonNode> lines = parsed(body);

        List<String> actions = new ArrayList<>();
        for (JsonNode line : lines) {
            assertTrue(line.isObject());
            if (line.size() == 1 && line.fieldNames().next().matches("index|create|delete|update")) {
                String name = line.fieldNames().next();
                actions.add(name + ":" + line.get(name).get("_id").asText());
            }
        }
        assertEquals(List.of("index:1", "create:2", "delete:3", "update:4", "update:5", "index:6"), actions);
        assertEquals(11, lines.size());
    }

    @Test
    void anEmptyBatchIsAnEmptyBody() {
        assertEquals(0, BODY.render(List.of()).length);
    }

    @Test
    void aLargeBatchIsRenderedWhole() throws IOException {
        List<Pending.Write> batch = new ArrayList<>();
        ByteArrayOutputStream expectedSources = new ByteArrayOutputStream();
        for (int i = 0; i < 2000; i++) {
            String source = "{\"i\":" + i + ",\"text\":\"" + "x".repeat(i % 50) + "\"}";
            batch.add(new Pending.Write(op(OpType.INDEX, Integer.toString(i), (long) i, null, null, source), () -> false));
            expectedSources.write(source.getBytes(StandardCharsets.UTF_8));
        }
        List<byte[]> lines = lines(BODY.render(batch));

        assertEquals(4000, lines.size());
        ByteArrayOutputStream sources = new ByteArrayOutputStream();
        for (int i = 1; i < lines.size(); i += 2) {
            sources.write(lines.get(i));
        }
        assertArrayEquals(expectedSources.toByteArray(), sources.toByteArray());
    }

    @Test
    void theEntityStreamsTheDocumentsFromWhereTheyLieAndReadsTheSameAsItWrites() throws IOException {
        byte[] doc = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        DocOp first = new DocOp("orders", "1", OpType.INDEX, 3L, null, null, doc, MESSAGE);
        DocOp pretty = op(OpType.INDEX, "2", 4L, null, null, "{\n\"b\":2\n}");
        List<Pending.Write> batch = List.of(new Pending.Write(first, () -> false), new Pending.Write(pretty, () -> false),
                new Pending.Write(op(OpType.DELETE, "3", 5L, null, null, null), () -> false));
        BulkBody.Segments entity = BODY.entity(batch, org.apache.http.entity.ContentType.APPLICATION_JSON);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        entity.writeTo(written);
        byte[] streamed = entity.getContent().readAllBytes();
        assertArrayEquals(written.toByteArray(), streamed, "getContent() and writeTo() give the same bytes");
        assertArrayEquals(entity.getContent().readAllBytes(), streamed, "repeatable");
        assertEquals(streamed.length, entity.getContentLength());
        List<JsonNode> lines = parsed(streamed);
        assertEquals(5, lines.size());
        assertEquals(2, lines.get(3).get("b").asInt(), "a pretty-printed document is sent on one line");

        doc[5] = '7'; // the document is referenced, not copied: the request sends what the payload holds
        assertEquals(7, parsed(entity.getContent().readAllBytes()).get(1).get("a").asInt());
    }

    @Test
    void theActionLinesOfALargeBatchAreRenderedIntoSmallChunksNotOneHugeArray() throws IOException {
        List<Pending.Write> batch = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            String source = "{\"n\":" + i + "}";
            batch.add(new Pending.Write(op(OpType.INDEX, "order-" + i, (long) i, null, null, source), () -> false));
            expected.append("{\"index\":{\"_index\":\"orders\",\"_id\":\"order-").append(i).append("\",\"version\":").append(i)
                    .append(",\"version_type\":\"external\"}}\n").append(source).append('\n');
        }
        BulkBody.Segments entity = BODY.entity(batch, org.apache.http.entity.ContentType.APPLICATION_JSON);

        assertTrue(entity.largestArray() <= BulkBody.Buffer.CHUNK, "largest array " + entity.largestArray());
        assertEquals(expected.toString(), new String(entity.getContent().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(expected.toString().getBytes(StandardCharsets.UTF_8).length, entity.getContentLength());
    }

    @Test
    void findsTheFirstLineFeedAtEveryPositionAndAlignment() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 2_000; round++) {
            byte[] a = new byte[1 + random.nextInt(40)];
            for (int i = 0; i < a.length; i++) {
                a[i] = (byte) (random.nextInt(4) == 0 ? 0x0A + random.nextInt(3) - 1 : random.nextInt(256)); // 0x09-0x0B often
            }
            int from = random.nextInt(a.length);
            int end = from + random.nextInt(a.length - from + 1);
            int expected = -1;
            for (int i = from; i < end; i++) {
                if (a[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, BulkBody.indexOfLineFeed(a, from, end), Arrays.toString(a) + " from " + from + " to " + end);
        }
    }
}
