package io.inlet.common.writer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code _bulk} responses as OpenSearch writes them, read into one result per item in request order. */
class BulkResponseParserTest {

    private static List<BulkItemResult> parse(String json, int expected) throws IOException {
        return BulkResponseParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), expected);
    }

    @Test
    void readsEachItemInOrder() throws IOException {
        String json = """
                {"took":30,"errors":true,"items":[
                  {"index":{"_index":"orders","_id":"1","_version":5,"result":"created",
                    "_shards":{"total":2,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1,"status":201}},
                  {"index":{"_index":"orders","_id":"2","status":409,"error":{"type":"version_conflict_engine_exception",
                    "reason":"[2]: version conflict, current version [9] is higher or equal to the one provided [3]",
                    "index_uuid":"aAsFqTI0Tc2W0LCWgPNrOA","shard":"0","index":"orders"}}},
                  {"delete":{"_index":"orders","_id":"3","_version":2,"result":"not_found","status":404}},
                  {"create":{"_index":"orders","_id":"4","status":400,"error":{"type":"mapper_parsing_exception",
                    "reason":"failed to parse field [n] of type [long]",
                    "caused_by":{"type":"illegal_argument_exception","reason":"For input string: \\"x\\""}}}},
                  {"update":{"_index":"orders","_id":"5","_version":3,"result":"noop","status":200}}
                ]}""";

        List<BulkItemResult> items = parse(json, 5);

        assertEquals(List.of(
                new BulkItemResult(201, "created", null, null),
                new BulkItemResult(409, null, "version_conflict_engine_exception",
                        "[2]: version conflict, current version [9] is higher or equal to the one provided [3]"),
                new BulkItemResult(404, "not_found", null, null),
                new BulkItemResult(400, null, "mapper_parsing_exception", "failed to parse field [n] of type [long]"),
                new BulkItemResult(200, "noop", null, null)), items);
    }

    @Test
    void theErrorOfTheItemIsNotTheCauseNested() throws IOException {
        String json = "{\"items\":[{\"index\":{\"status\":400,\"error\":{\"caused_by\":{\"type\":\"inner\",\"reason\":\"deep\"},"
                + "\"root_cause\":[{\"type\":\"root\",\"reason\":\"r\"}],\"type\":\"outer\",\"reason\":\"top\"}}}]}";

        BulkItemResult item = parse(json, 1).get(0);

        assertEquals("outer", item.errorType());
        assertEquals("top", item.errorReason());
    }

    @Test
    void skipsTookErrorsAndUnknownFieldsWhereverTheyStand() throws IOException {
        String json = "{\"ingest_took\":2,\"items\":[{\"index\":{\"extra\":{\"a\":[1,{\"b\":2}]},\"status\":200,"
                + "\"result\":\"updated\",\"forced_refresh\":true}}],\"took\":7,\"errors\":false,"
                + "\"more\":{\"items\":[{\"index\":{\"status\":500}}]}}";

        assertEquals(List.of(new BulkItemResult(200, "updated", null, null)), parse(json, 1));
    }

    @Test
    void takesAPlainStringErrorAsTheReason() throws IOException {
        String json = "{\"items\":[{\"index\":{\"_id\":\"1\",\"status\":503,\"error\":\"node is shutting down\"}}]}";

        BulkItemResult item = parse(json, 1).get(0);

        assertEquals(503, item.status());
        assertNull(item.errorType());
        assertEquals("node is shutting down", item.errorReason());
        assertEquals(new Failure("http_503", "node is shutting down"), item.failure());
    }

    @Test
    void refusesFewerItemsThanOperations() {
        IOException e = assertThrows(IOException.class, () ->
                parse("{\"took\":1,\"errors\":false,\"items\":[{\"index\":{\"status\":201}}]}", 2));

        assertTrue(e.getMessage().contains("1 items for 2 operations"), e.getMessage());
    }

    @Test
    void refusesMoreItemsThanOperations() {
        IOException e = assertThrows(IOException.class, () ->
                parse("{\"items\":[{\"index\":{\"status\":201}},{\"index\":{\"status\":201}}]}", 1));

        assertTrue(e.getMessage().contains("2 items for 1 operations"), e.getMessage());
    }

    @Test
    void refusesAResponseWithoutItems() {
        IOException e = assertThrows(IOException.class, () -> parse("{\"took\":1,\"errors\":false}", 1));

        assertTrue(e.getMessage().contains("0 items for 1 operations"), e.getMessage());
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        IOException e = assertThrows(IOException.class, () -> parse("[]", 0));

        assertTrue(e.getMessage().contains("JSON object"), e.getMessage());
    }

    @Test
    void refusesTruncatedJson() {
        assertThrows(IOException.class, () -> parse("{\"items\":[{\"index\":{\"status\":201", 1));
    }

    @Test
    void anEmptyItemListMatchesAnEmptyBatch() throws IOException {
        assertEquals(List.of(), parse("{\"took\":0,\"errors\":false,\"items\":[]}", 0));
    }
}
