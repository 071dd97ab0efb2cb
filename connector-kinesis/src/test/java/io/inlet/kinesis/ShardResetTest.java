package io.inlet.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardResetTest {

    private static List<ShardReset> parse(String body) {
        return ShardReset.parseBody(ManagementApi.parseJson(body));
    }

    private static void refused(String body, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(body));
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void anEmptyBodyIsAPlainResume() {
        assertEquals(List.of(), parse(""));
        assertEquals(List.of(), parse("{}"));
    }

    @Test
    void readsEachMode() {
        List<ShardReset> r = parse("""
                {"reset_settings":[
                  {"shard":"shardId-000000000000","mode":"offset","value":"49590338271490256608559692538361571095921575989136588898"},
                  {"shard":"shardId-000000000001","mode":"timestamp","value":1714564800000},
                  {"shard":"shardId-000000000002","mode":"TIMESTAMP","value":"2024-05-01T12:00:00Z"},
                  {"shard":"shardId-000000000003","mode":"earliest"},
                  {"partition":"shardId-000000000004","mode":"latest"},
                  {"shard":"shardId-000000000005","mode":"reset_by_offset","value":42}]}
                """);
        assertEquals(List.of(
                new ShardReset("shardId-000000000000", ShardReset.Mode.OFFSET,
                        "49590338271490256608559692538361571095921575989136588898", null),
                new ShardReset("shardId-000000000001", ShardReset.Mode.TIMESTAMP, null, Instant.ofEpochMilli(1714564800000L)),
                new ShardReset("shardId-000000000002", ShardReset.Mode.TIMESTAMP, null, Instant.parse("2024-05-01T12:00:00Z")),
                new ShardReset("shardId-000000000003", ShardReset.Mode.EARLIEST, null, null),
                new ShardReset("shardId-000000000004", ShardReset.Mode.LATEST, null, null),
                new ShardReset("shardId-000000000005", ShardReset.Mode.OFFSET, "42", null)), r);
    }

    @Test
    void refusesBadRequestsSayingWhatToWrite() {
        refused("[1]", "must be a JSON object");
        refused("{\"reset\":[]}", "unknown field \"reset\"");
        refused("{\"reset_settings\":[]}", "non-empty array");
        refused("{\"reset_settings\":{}}", "non-empty array");
        refused("{\"reset_settings\":[\"shardId-0\"]}", "must be an object");
        refused("{\"reset_settings\":[{\"mode\":\"earliest\"}]}", "needs \"shard\"");
        refused("{\"reset_settings\":[{\"shard\":\"s\"}]}", "needs \"mode\"");
        refused("{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"rewind\"}]}", "write one of offset, timestamp, earliest, latest");
        refused("{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"offset\"}]}", "needs \"value\"");
        refused("{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"offset\",\"value\":\"-5\"}]}", "not a sequence number");
        refused("{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"timestamp\",\"value\":\"yesterday\"}]}", "not a time");
        refused("{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"timestamp\",\"value\":\"2999-01-01T00:00:00Z\"}]}",
                "is in the future (Kinesis reads from a past time only)");
        refused("{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"earliest\",\"value\":1}]}", "takes no value");
        refused("{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"earliest\",\"offset\":1}]}", "unknown field \"offset\"");
        refused("{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"earliest\"},{\"shard\":\"s\",\"mode\":\"latest\"}]}", "twice");
        refused("{\"reset_settings\":", "not valid JSON");
    }
}
