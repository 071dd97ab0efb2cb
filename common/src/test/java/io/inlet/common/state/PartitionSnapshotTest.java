package io.inlet.common.state;

import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.Pointer;
import io.inlet.common.message.SequenceNumber;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PartitionSnapshotTest {

    @Test
    void pointerBasedLagIsForKafkaOffsetsOnly() {
        assertEquals(58L, PartitionSnapshot.pointerBasedLag(new KafkaOffset(41), new KafkaOffset(99)));
        assertEquals(0L, PartitionSnapshot.pointerBasedLag(new KafkaOffset(99), new KafkaOffset(99)));
        assertEquals(0L, PartitionSnapshot.pointerBasedLag(new KafkaOffset(120), new KafkaOffset(99)),
                "an outdated latest offset never gives a negative lag");
        assertNull(PartitionSnapshot.pointerBasedLag(null, new KafkaOffset(99)));
        assertNull(PartitionSnapshot.pointerBasedLag(new KafkaOffset(1), null));
        assertNull(PartitionSnapshot.pointerBasedLag(new SequenceNumber("1", 0), new SequenceNumber("9", 0)));
    }

    @Test
    void refusesPointersOfAnotherKind() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PartitionSnapshot(
                "s", "shardId-0", Pointer.Kind.SEQUENCE_NUMBER, PollerState.POLLING, ErrorStrategy.DROP, false,
                new KafkaOffset(3), null, null, null, null, CountersSnapshot.ZERO, null, null));
        assertEquals("the committed pointer 3 is a KAFKA_OFFSET, but this partition's pointers are SEQUENCE_NUMBER",
                e.getMessage());
    }
}
