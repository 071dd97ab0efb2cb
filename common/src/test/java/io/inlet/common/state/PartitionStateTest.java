package io.inlet.common.state;

import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.Pointer;
import io.inlet.common.message.SequenceNumber;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionStateTest {

    @Test
    void startsPollingWithNothingKnown() {
        PartitionState state = new PartitionState("orders", "0", Pointer.Kind.KAFKA_OFFSET,
                new ErrorPolicy(ErrorStrategy.DROP));
        PartitionSnapshot s = state.snapshot();
        assertEquals(PollerState.POLLING, s.pollerState());
        assertFalse(s.paused());
        assertNull(s.committedPointer());
        assertNull(s.pointerBasedLag());
        assertNull(s.lastError());
        assertEquals(CountersSnapshot.ZERO, s.counters());
    }

    @Test
    void snapshotReflectsUpdatesAndTheCurrentErrorStrategy() {
        ErrorPolicy policy = new ErrorPolicy(ErrorStrategy.BLOCK);
        PartitionState state = new PartitionState("orders", "2", Pointer.Kind.KAFKA_OFFSET, policy);
        state.setBlocked(true);
        state.setPaused(true);
        state.setCommittedPointer(new KafkaOffset(41));
        state.setLastAcknowledgedPointer(new KafkaOffset(44));
        state.setLatestPointer(new KafkaOffset(99));
        state.setLagInMillis(1_500L);
        state.setOwner("worker-1");
        state.recordError(new KafkaOffset(42), "mapper_parsing_exception", "failed to parse", 7L);
        state.counters().incrementFailed();

        PartitionSnapshot s = state.snapshot();
        assertEquals(PollerState.BLOCKED, s.pollerState());
        assertEquals(ErrorStrategy.BLOCK, s.errorPolicy());
        assertTrue(s.paused());
        assertEquals(new KafkaOffset(41), s.committedPointer());
        assertEquals(new KafkaOffset(44), s.lastAcknowledgedPointer());
        assertEquals(new KafkaOffset(99), s.latestPointer());
        assertEquals(58L, s.pointerBasedLag());
        assertEquals(58L, state.pointerBasedLag());
        assertEquals(1_500L, s.lagInMillis());
        assertEquals("worker-1", s.owner());
        assertEquals(new LastError(new KafkaOffset(42), "mapper_parsing_exception", "failed to parse", 7L),
                s.lastError());
        assertEquals(1, s.counters().failed());

        policy.switchTo(ErrorStrategy.DROP);
        state.clearError();
        assertEquals(ErrorStrategy.DROP, state.snapshot().errorPolicy());
        assertNull(state.snapshot().lastError());
    }

    @Test
    void kinesisShardsHaveNoPointerBasedLag() {
        PartitionState state = new PartitionState("clicks", "shardId-000000000001", Pointer.Kind.SEQUENCE_NUMBER,
                new ErrorPolicy(ErrorStrategy.DROP));
        state.setCommittedPointer(new SequenceNumber("49590338271490256608559692538361571095921575989136588898", 0));
        state.setLatestPointer(new SequenceNumber("49590338271490256608559692538361571095921575989136589999", 0));
        assertNull(state.snapshot().pointerBasedLag());
    }

    @Test
    void refusesPointersOfAnotherKind() {
        PartitionState state = new PartitionState("orders", "0", Pointer.Kind.KAFKA_OFFSET,
                new ErrorPolicy(ErrorStrategy.DROP));
        assertThrows(IllegalArgumentException.class, () -> state.setCommittedPointer(new SequenceNumber("1", 0)));
        assertThrows(IllegalArgumentException.class, () -> state.setLatestPointer(new SequenceNumber("1", 0)));
        assertThrows(IllegalArgumentException.class,
                () -> state.recordError(new SequenceNumber("1", 0), "x", null, 0L));
    }
}
