package io.inlet.common.redrive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedriveSelectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RedriveSelection parse(String body) throws Exception {
        return RedriveSelection.parse(JSON.readTree(body));
    }

    private static String refused(String body) {
        return assertThrows(IllegalArgumentException.class, () -> parse(body)).getMessage();
    }

    @Test
    void noBodyTakesEveryEntryNotYetReDriven() {
        RedriveSelection s = RedriveSelection.parse(MissingNode.getInstance());
        assertEquals(RedriveSelection.all(), s);
        assertTrue(s.reasons().isEmpty());
        assertNull(s.fromMillis());
        assertFalse(s.includeRejected());
    }

    @Test
    void readsReasonsTimesPartitionsOrShards() throws Exception {
        RedriveSelection s = parse("{\"reason\":[\"a\",\"b\"],\"from\":\"2026-12-05T10:00:00Z\",\"to\":1796468400000,"
                + "\"partition\":[0,\"3\"],\"include_rejected\":true}");
        assertEquals(List.of("a", "b"), s.reasons());
        assertEquals(1796464800000L, s.fromMillis());
        assertEquals(1796468400000L, s.toMillis());
        assertEquals(List.of("0", "3"), s.partitions());
        assertTrue(s.includeRejected());
        assertEquals(List.of("shardId-000000000001"), parse("{\"shard\":\"shardId-000000000001\"}").partitions());
        assertEquals(List.of("x"), parse("{\"reason\":\"x\"}").reasons());
    }

    @Test
    void aSelectionSurvivesTheLedger() throws Exception {
        RedriveSelection s = parse("{\"reason\":\"x\",\"from\":5,\"to\":9,\"shard\":[\"s1\"],\"include_rejected\":true}");
        assertEquals(s, RedriveSelection.parse(s.toJson()));
    }

    @Test
    void badBodiesAreRefusedNamingTheField() {
        assertTrue(refused("{\"reasons\":\"x\"}").contains("unknown field 'reasons'"));
        assertTrue(refused("{\"from\":\"yesterday\"}").contains("from must be an ISO-8601 instant"));
        assertTrue(refused("{\"to\":true}").contains("to must be"));
        assertTrue(refused("{\"from\":10,\"to\":5}").contains("must be before"));
        assertTrue(refused("{\"partition\":\"0\",\"shard\":\"s\"}").contains("either partition or shard"));
        assertTrue(refused("{\"include_rejected\":\"yes\"}").contains("include_rejected must be true or false"));
        assertTrue(refused("{\"reason\":[\"\"]}").contains("reason must list non-empty strings"));
        assertTrue(refused("[1]").contains("must be a JSON object"));
    }

    @Test
    void theQueryLeavesOutFinishedEntriesAndThoseThisRunDid() throws Exception {
        JsonNode q = parse("{\"reason\":\"x\",\"partition\":\"1\",\"from\":5}").query(List.of("orders"), 100);
        String text = q.toString();
        assertTrue(text.contains("{\"terms\":{\"reason\":[\"x\"]}}"), text);
        assertTrue(text.contains("{\"terms\":{\"partition\":[\"1\"]}}"), text);
        assertTrue(text.contains("{\"terms\":{\"stream\":[\"orders\"]}}"), text);
        assertTrue(text.contains("{\"range\":{\"timestamp\":{\"gte\":5}}}"), text);
        assertTrue(text.contains("{\"terms\":{\"redrive_result\":[\"indexed\",\"deleted\",\"stale\"]}}"), text);
        assertTrue(text.contains("{\"exists\":{\"field\":\"redriven_at\"}}"), "not yet re-driven: " + text);
        String again = parse("{\"include_rejected\":true}").query(List.of(), 100).toString();
        assertTrue(again.contains("{\"range\":{\"redriven_at\":{\"gte\":100}}}"), "rejected ones, once per run: " + again);
        assertFalse(again.contains("\"stream\""), again);
    }
}
