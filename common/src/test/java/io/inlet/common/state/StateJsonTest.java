package io.inlet.common.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.Pointer;
import io.inlet.common.message.SequenceNumber;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateJsonTest {

    private static final String LONG_SEQUENCE = "49590338271490256608559692538361571095921575989136588898";

    private static IngestionSnapshot sample() {
        IngestionState state = new IngestionState("orders-sink", new ErrorPolicy(ErrorStrategy.BLOCK));
        PartitionState kafka = state.partition("orders", "0", Pointer.Kind.KAFKA_OFFSET);
        kafka.setBlocked(true);
        kafka.setCommittedPointer(new KafkaOffset(41));
        kafka.setLastAcknowledgedPointer(new KafkaOffset(44));
        kafka.setLatestPointer(new KafkaOffset(99));
        kafka.setOwner("worker-1:8083");
        kafka.recordError(new KafkaOffset(42), "mapper_parsing_exception", "failed to parse field [price]",
                1_700_000_000_000L);
        for (int i = 0; i < 45; i++) {
            kafka.counters().incrementProcessed();
        }
        kafka.counters().incrementInvalidMessages();
        kafka.counters().incrementVersionConflicts();
        kafka.counters().incrementDropped();
        kafka.counters().addRetries(7);
        kafka.counters().incrementIndexed();
        kafka.counters().incrementDeleted();
        kafka.counters().incrementFailed();

        PartitionState idle = state.partition("orders", "1", Pointer.Kind.KAFKA_OFFSET);
        idle.setPaused(true);
        idle.setBackpressured(true);
        return state.snapshot();
    }

    private static PartitionSnapshot kinesisShard() {
        return new PartitionSnapshot("clicks", "shardId-000000000003", Pointer.Kind.SEQUENCE_NUMBER,
                PollerState.PROCESSING, ErrorStrategy.DROP, false,
                new SequenceNumber(LONG_SEQUENCE, 0), new SequenceNumber(LONG_SEQUENCE, 4), null, null, 2_500L,
                new CountersSnapshot(10, 0, 2, 0, 0, 0, 8, 0),
                new LastError(null, "cluster_block_exception", null, 12L), "worker-b");
    }

    @Test
    void ingestionStateRoundTrips() {
        IngestionSnapshot original = sample();
        String json = StateJson.write(original);
        assertEquals(original, StateJson.readIngestion(json));
    }

    @Test
    void kinesisShardRoundTripsWithItsSubSequence() {
        PartitionSnapshot original = kinesisShard();
        String json = StateJson.write(original);
        assertTrue(json.contains("\"last_acknowledged_pointer\":\"" + LONG_SEQUENCE + ":4\""), json);
        assertTrue(json.contains("\"pointer_based_lag\":null"), json);
        assertEquals(original, StateJson.readPartition(json));
    }

    @Test
    void fieldNamesAreExactlyTheDocumentedOnes() throws Exception {
        JsonNode root = new ObjectMapper().readTree(StateJson.write(sample()));
        assertEquals(List.of("name", "partitions"), names(root));
        JsonNode p = root.get("partitions").get(0);
        assertEquals(List.of("stream", "partition", "pointer_type", "poller_state", "error_policy", "paused",
                "committed_pointer", "last_acknowledged_pointer", "latest_pointer", "pointer_based_lag",
                "lag_in_millis", "counters", "last_error", "owner"), names(p));
        assertEquals(List.of("total_processed_count", "total_invalid_message_count", "total_version_conflicts_count",
                "total_failed_count", "total_dropped_count", "total_retries", "total_indexed_count",
                "total_deleted_count"), names(p.get("counters")));
        assertEquals(List.of("pointer", "reason", "message", "timestamp"), names(p.get("last_error")));

        assertEquals("kafka_offset", p.get("pointer_type").asText());
        assertEquals("BLOCKED", p.get("poller_state").asText());
        assertEquals("BLOCK", p.get("error_policy").asText());
        assertEquals("41", p.get("committed_pointer").asText());
        assertTrue(p.get("committed_pointer").isTextual(), "pointers are rendered with asString()");
        assertEquals(58, p.get("pointer_based_lag").asLong());
        assertTrue(p.get("lag_in_millis").isNull());
        assertEquals(45, p.get("counters").get("total_processed_count").asLong());
        assertEquals(7, p.get("counters").get("total_retries").asLong());
        assertEquals("42", p.get("last_error").get("pointer").asText());
        assertEquals(1_700_000_000_000L, p.get("last_error").get("timestamp").asLong());
        assertEquals("worker-1:8083", p.get("owner").asText());

        JsonNode idle = root.get("partitions").get(1);
        assertTrue(idle.get("paused").asBoolean());
        assertTrue(idle.get("last_error").isNull());
        assertTrue(idle.get("committed_pointer").isNull());
        assertTrue(idle.get("owner").isNull());
    }

    @Test
    void readingIgnoresUnknownFieldsAndToleratesMissingOptionalOnes() {
        String json = """
                {"name":"x","future_field":1,"partitions":[{"stream":"s","partition":"0",
                 "pointer_type":"kafka_offset","poller_state":"polling","error_policy":"drop","extra":true}]}
                """;
        IngestionSnapshot s = StateJson.readIngestion(json);
        PartitionSnapshot p = s.partitions().get(0);
        assertEquals(PollerState.POLLING, p.pollerState());
        assertEquals(ErrorStrategy.DROP, p.errorPolicy());
        assertEquals(CountersSnapshot.ZERO, p.counters());
        assertEquals(null, p.committedPointer());
    }

    @Test
    void refusesWhatIsNotAState() {
        assertThrows(IllegalArgumentException.class, () -> StateJson.readIngestion("{not json"));
        assertThrows(IllegalArgumentException.class, () -> StateJson.readIngestion("[]"));
        assertThrows(IllegalArgumentException.class, () -> StateJson.readIngestion("{\"partitions\":[]}"));
        IllegalArgumentException badPointer = assertThrows(IllegalArgumentException.class,
                () -> StateJson.readPartition("""
                        {"stream":"s","partition":"0","pointer_type":"kafka_offset","poller_state":"POLLING",
                         "error_policy":"DROP","committed_pointer":"-3"}"""));
        assertTrue(badPointer.getMessage().startsWith("not an Inlet partition state"), badPointer.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StateJson.readPartition("""
                {"stream":"s","partition":"0","pointer_type":"kafka_offset","poller_state":"SLEEPING",
                 "error_policy":"DROP"}"""));
        assertThrows(IllegalArgumentException.class, () -> StateJson.readPartition("""
                {"stream":"s","partition":"0","pointer_type":"kafka_offset","poller_state":"POLLING",
                 "error_policy":"DROP","pointer_based_lag":1.5}"""));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}
