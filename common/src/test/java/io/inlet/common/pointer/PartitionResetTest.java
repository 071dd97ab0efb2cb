package io.inlet.common.pointer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.common.message.Pointer;
import io.inlet.common.pointer.PartitionReset.Mode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one {@code reset_settings} parser, for Kafka partitions and Kinesis shards. */
class PartitionResetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<PartitionReset> kinesis(String body) {
        return PartitionReset.parseBody(json(body), Pointer.Kind.SEQUENCE_NUMBER);
    }

    private static List<PartitionReset> kafka(String body) {
        return PartitionReset.parseBody(json(body), Pointer.Kind.KAFKA_OFFSET);
    }

    private static JsonNode json(String body) {
        try {
            return body.isEmpty() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void refused(Pointer.Kind kind, String body, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PartitionReset.parseBody(json(body), kind));
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void anEmptyBodyIsAPlainResume() {
        assertEquals(List.of(), kinesis(""));
        assertEquals(List.of(), kinesis("{}"));
        assertEquals(List.of(), kafka("{}"));
    }

    @Test
    void readsEachModeForShards() {
        List<PartitionReset> r = kinesis("""
                {"reset_settings":[
                  {"shard":"shardId-000000000000","mode":"offset","value":"49590338271490256608559692538361571095921575989136588898"},
                  {"shard":"shardId-000000000001","mode":"timestamp","value":1714564800000},
                  {"shard":"shardId-000000000002","mode":"TIMESTAMP","value":"2024-05-01T12:00:00Z"},
                  {"shard":"shardId-000000000003","mode":"earliest"},
                  {"partition":"shardId-000000000004","mode":"latest"},
                  {"shard":"shardId-000000000005","mode":"reset_by_offset","value":42}]}
                """);
        assertEquals(List.of(
                new PartitionReset(null, "shardId-000000000000", Mode.OFFSET,
                        "49590338271490256608559692538361571095921575989136588898", null),
                new PartitionReset(null, "shardId-000000000001", Mode.TIMESTAMP, null, Instant.ofEpochMilli(1714564800000L)),
                new PartitionReset(null, "shardId-000000000002", Mode.TIMESTAMP, null, Instant.parse("2024-05-01T12:00:00Z")),
                new PartitionReset(null, "shardId-000000000003", Mode.EARLIEST, null, null),
                new PartitionReset(null, "shardId-000000000004", Mode.LATEST, null, null),
                new PartitionReset(null, "shardId-000000000005", Mode.OFFSET, "42", null)), r);
    }

    @Test
    void readsEachModeForKafkaPartitionsWithOrWithoutATopic() {
        List<PartitionReset> r = kafka("""
                {"reset_settings":[
                  {"partition":0,"mode":"offset","value":1500},
                  {"topic":"orders","partition":1,"mode":"rewind_by_timestamp","value":"2024-05-01T12:00:00Z"},
                  {"partition":"2","mode":"earliest"}]}
                """);
        assertEquals(List.of(
                new PartitionReset(null, "0", Mode.OFFSET, "1500", null),
                new PartitionReset("orders", "1", Mode.TIMESTAMP, null, Instant.parse("2024-05-01T12:00:00Z")),
                new PartitionReset(null, "2", Mode.EARLIEST, null, null)), r);
        assertEquals(1500L, r.get(0).kafkaOffset());
        assertEquals("offset 1500", r.get(0).describe());
    }

    @Test
    void refusesBadRequestsSayingWhatToWrite() {
        Pointer.Kind k = Pointer.Kind.SEQUENCE_NUMBER;
        refused(k, "[1]", "must be a JSON object");
        refused(k, "{\"reset\":[]}", "unknown field \"reset\"");
        refused(k, "{\"reset_settings\":[]}", "non-empty array");
        refused(k, "{\"reset_settings\":{}}", "non-empty array");
        refused(k, "{\"reset_settings\":[\"shardId-0\"]}", "must be an object");
        refused(k, "{\"reset_settings\":[{\"mode\":\"earliest\"}]}", "needs \"shard\"");
        refused(k, "{\"reset_settings\":[{\"shard\":\"s\"}]}", "needs \"mode\"");
        refused(k, "{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"rewind\"}]}",
                "write one of offset, timestamp, earliest, latest");
        refused(k, "{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"offset\"}]}", "needs \"value\"");
        refused(k, "{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"offset\",\"value\":\"-5\"}]}", "not a sequence number");
        refused(k, "{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"timestamp\",\"value\":\"yesterday\"}]}", "not a time");
        refused(k, "{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"timestamp\",\"value\":\"2999-01-01T00:00:00Z\"}]}",
                "is in the future (reading resumes from a past time only)");
        refused(k, "{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"earliest\",\"value\":1}]}", "takes no value");
        refused(k, "{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"earliest\",\"offset\":1}]}", "unknown field \"offset\"");
        refused(k, "{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"earliest\"},{\"shard\":\"s\",\"mode\":\"latest\"}]}",
                "names shard s twice");
    }

    @Test
    void refusesWhatIsNoKafkaPartitionOrOffset() {
        Pointer.Kind k = Pointer.Kind.KAFKA_OFFSET;
        refused(k, "{\"reset_settings\":[{\"partition\":\"p0\",\"mode\":\"earliest\"}]}", "needs \"partition\": a partition number");
        refused(k, "{\"reset_settings\":[{\"partition\":-1,\"mode\":\"earliest\"}]}", "needs \"partition\"");
        refused(k, "{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"earliest\"}]}", "unknown field \"shard\"");
        refused(k, "{\"reset_settings\":[{\"partition\":0,\"mode\":\"offset\",\"value\":\"99999999999999999999\"}]}",
                "Kafka offsets are at most");
        refused(k, "{\"reset_settings\":[{\"partition\":0,\"mode\":\"offset\",\"value\":\"x\"}]}", "not an offset");
        refused(k, "{\"reset_settings\":[{\"partition\":0,\"mode\":\"latest\"},{\"partition\":0,\"mode\":\"earliest\"}]}",
                "names partition 0 twice");
    }
}
