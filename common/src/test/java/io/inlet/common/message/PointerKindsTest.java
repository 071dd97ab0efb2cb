package io.inlet.common.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PointerKindsTest {

    @Test
    void aPointerIsTakenForItsOwnKindOnly() {
        Pointer offset = new KafkaOffset(41);
        Pointer sequence = new SequenceNumber("49590338271490256608559692538361571095921575989136588898", 2);

        assertSame(offset, KafkaOffset.of(offset));
        assertEquals(41, KafkaOffset.of(offset).offset());
        assertSame(sequence, SequenceNumber.of(sequence));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KafkaOffset.of(sequence));
        assertTrue(e.getMessage().contains("SEQUENCE_NUMBER"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SequenceNumber.of(offset));
        assertTrue(e.getMessage().contains("KAFKA_OFFSET"), e.getMessage());
    }
}
