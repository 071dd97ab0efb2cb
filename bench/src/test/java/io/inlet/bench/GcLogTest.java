package io.inlet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GcLogTest {

    private static final String LOG = """
            [0.012s][info][gc] Using G1
            [2.345s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 25M->6M(256M) 4.123ms
            [5.001s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 141M->23M(256M) 7.500ms
            [9.100s][info][gc] GC(2) Pause Young (Concurrent Start) (G1 Humongous Allocation) 180M->40M(256M) 3.000ms
            [9.200s][info][gc] GC(3) Concurrent Mark Cycle 12.001ms
            [9.300s][info][gc] GC(4) Pause Remark 45M->45M(256M) 1.000ms
            """;

    @Test
    void peakIsTheLargestHeapWhenACollectionStarted() {
        GcLog.Heap h = GcLog.parse(LOG);
        assertEquals(180L << 20, h.peakBytes());
        assertEquals(45L << 20, h.maxAfterGcBytes());
        assertEquals(256L << 20, h.capacityBytes());
        assertEquals(4, h.collections());
        assertEquals(0, h.fullCollections());
        assertEquals(15.623, h.pauseMillis(), 1e-9);
        assertFalse(h.outOfMemory());
    }

    @Test
    void kilobytesAndOutOfMemory() {
        GcLog.Heap h = GcLog.parse("GC(9) Pause Full (G1 Compaction Pause) 262000K->261000K(262144K) 90.0ms\n"
                + "java.lang.OutOfMemoryError: Java heap space\n");
        assertEquals(262000L << 10, h.peakBytes());
        assertEquals(1, h.fullCollections());
        assertTrue(h.outOfMemory());
    }
}
