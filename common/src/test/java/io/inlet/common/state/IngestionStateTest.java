package io.inlet.common.state;

import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.Pointer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestionStateTest {

    @Test
    void partitionsAreCreatedOnceAndShareTheErrorPolicy() {
        ErrorPolicy policy = new ErrorPolicy(ErrorStrategy.BLOCK);
        IngestionState state = new IngestionState("orders-sink", policy);
        PartitionState p0 = state.partition("orders", "0", Pointer.Kind.KAFKA_OFFSET);
        assertSame(p0, state.partition("orders", "0", Pointer.Kind.KAFKA_OFFSET));
        assertSame(policy, p0.errorPolicy());
        assertSame(p0, state.find("orders", "0").orElseThrow());
        assertTrue(state.find("orders", "1").isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> state.partition("orders", "0", Pointer.Kind.SEQUENCE_NUMBER));
    }

    @Test
    void snapshotOrdersPartitionsNumericallyWithinEachStream() {
        IngestionState state = new IngestionState("sink", new ErrorPolicy(ErrorStrategy.DROP));
        for (String p : List.of("10", "2", "0", "1")) {
            state.partition("orders", p, Pointer.Kind.KAFKA_OFFSET);
        }
        state.partition("audit", "3", Pointer.Kind.KAFKA_OFFSET);
        IngestionSnapshot snapshot = state.snapshot();
        assertEquals("sink", snapshot.name());
        assertEquals(List.of("audit-3", "orders-0", "orders-1", "orders-2", "orders-10"),
                snapshot.partitions().stream().map(p -> p.stream() + "-" + p.partition()).toList());
    }

    @Test
    void removedPartitionsLeaveTheSnapshot() {
        IngestionState state = new IngestionState("sink", new ErrorPolicy(ErrorStrategy.DROP));
        state.partition("orders", "0", Pointer.Kind.KAFKA_OFFSET).setCommittedPointer(new KafkaOffset(5));
        state.partition("orders", "1", Pointer.Kind.KAFKA_OFFSET);
        assertEquals(new KafkaOffset(5), state.remove("orders", "0").orElseThrow().committedPointer());
        assertTrue(state.remove("orders", "0").isEmpty());
        assertEquals(1, state.snapshot().partitions().size());
        assertEquals(1, state.partitions().size());
    }

    @Test
    void aSnapshotDoesNotChangeAfterwards() {
        IngestionState state = new IngestionState("sink", new ErrorPolicy(ErrorStrategy.DROP));
        PartitionState p = state.partition("orders", "0", Pointer.Kind.KAFKA_OFFSET);
        IngestionSnapshot before = state.snapshot();
        p.counters().incrementProcessed();
        p.close();
        state.partition("orders", "1", Pointer.Kind.KAFKA_OFFSET);
        assertEquals(1, before.partitions().size());
        assertEquals(0, before.partitions().get(0).counters().processed());
        assertEquals(PollerState.POLLING, before.partitions().get(0).pollerState());
        assertThrows(UnsupportedOperationException.class, () -> before.partitions().clear());
    }
}
