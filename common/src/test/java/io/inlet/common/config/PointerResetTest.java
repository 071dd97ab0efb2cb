package io.inlet.common.config;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PointerResetTest {

    @Test
    void bothSpellingsMapToOneMode() {
        assertEquals(PointerReset.BY_OFFSET, PointerReset.fromName("reset_by_offset"));
        assertEquals(PointerReset.BY_OFFSET, PointerReset.fromName("rewind_by_offset"));
        assertEquals(PointerReset.BY_TIMESTAMP, PointerReset.fromName("reset_by_timestamp"));
        assertEquals(PointerReset.BY_TIMESTAMP, PointerReset.fromName("REWIND_BY_TIMESTAMP"));
        assertEquals(PointerReset.EARLIEST, PointerReset.fromName("earliest"));
        assertEquals(PointerReset.LATEST, PointerReset.fromName("latest"));
        assertEquals(PointerReset.NONE, PointerReset.fromName("none"));
    }

    @Test
    void unknownModesAreRefusedListingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PointerReset.fromName("beginning"));
        assertTrue(e.getMessage().contains("write one of earliest, latest, reset_by_offset, rewind_by_offset,"
                + " reset_by_timestamp, rewind_by_timestamp, none"), e.getMessage());
    }

    @Test
    void onlyOffsetAndTimestampNeedAValue() {
        assertTrue(PointerReset.BY_OFFSET.needsValue());
        assertTrue(PointerReset.BY_TIMESTAMP.needsValue());
        for (PointerReset mode : List.of(PointerReset.EARLIEST, PointerReset.LATEST, PointerReset.NONE)) {
            assertFalse(mode.needsValue(), mode.name());
        }
    }

    @Test
    void offsetsAreNonNegativeWholeNumbersOfAnySize() {
        assertEquals(BigInteger.valueOf(42), PointerReset.parseOffset("42"));
        String sequence = "49590338271490256608559692538361571095921575989136588898";
        assertEquals(new BigInteger(sequence), PointerReset.parseOffset(sequence));
        for (String bad : List.of("-1", "4.2", "abc", "", " ")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PointerReset.parseOffset(bad), bad);
            assertTrue(e.getMessage().startsWith("write a Kafka offset or a Kinesis sequence number"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> PointerReset.parseOffset(null));
    }

    @Test
    void aListHoldsOneStartingPointPerKinesisShard() {
        assertEquals(List.of(BigInteger.valueOf(42)), PointerReset.parseOffsets("42"));
        assertEquals(List.of(new BigInteger("4968086939533161831972437192"), new BigInteger("4968086939535391906492290254")),
                PointerReset.parseOffsets("4968086939533161831972437192, 4968086939535391906492290254"));
        for (String bad : List.of("1,", ",1", "1,,2", "1,x", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PointerReset.parseOffsets(bad), bad);
            assertTrue(e.getMessage().contains("a comma-separated list of sequence numbers, one per shard"), e.getMessage());
        }
    }

    @Test
    void timestampsAreEpochMillisOrIsoInstants() {
        Instant expected = Instant.parse("2024-05-01T12:00:00Z");
        assertEquals(expected, PointerReset.parseTimestamp("1714564800000"));
        assertEquals(expected, PointerReset.parseTimestamp("2024-05-01T12:00:00Z"));
        assertEquals(expected, PointerReset.parseTimestamp("2024-05-01T14:00:00+02:00"));
        for (String bad : List.of("-5", "yesterday", "2024-05-01", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PointerReset.parseTimestamp(bad), bad);
            assertTrue(e.getMessage().contains("epoch milliseconds"), e.getMessage());
        }
    }
}
