package io.inlet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CeilingPairTest {

    @Test
    void parsesAPairAListAndPairsPerPartitionCount() {
        assertEquals(new CeilingPair(5000, 4), CeilingPair.parse("5000x4"));
        assertEquals(new CeilingPair(2000, 2), CeilingPair.parse(" 2000×2 "));
        assertEquals(List.of(new CeilingPair(5000, 2), new CeilingPair(5000, 4)), CeilingPair.parseList("5000x2,5000x4"));
        Map<Integer, CeilingPair> pairs = CeilingPair.parsePerPartitions("5000x4,4:2000x4");
        assertEquals(new CeilingPair(2000, 4), CeilingPair.forPartitions(pairs, 4));
        assertEquals(new CeilingPair(5000, 4), CeilingPair.forPartitions(pairs, 1));
        assertNull(CeilingPair.forPartitions(CeilingPair.parsePerPartitions("4:2000x4"), 1));
        assertEquals("5000x4", new CeilingPair(5000, 4).toString());
    }

    @Test
    void refusesWhatIsNotAPair() {
        assertThrows(IllegalArgumentException.class, () -> CeilingPair.parse("5000"));
        assertThrows(IllegalArgumentException.class, () -> CeilingPair.parse("ax4"));
        assertThrows(IllegalArgumentException.class, () -> CeilingPair.parse("0x4"));
        assertThrows(IllegalArgumentException.class, () -> CeilingPair.parsePerPartitions("p:5000x4"));
        assertThrows(IllegalArgumentException.class, () -> CeilingPair.parsePerPartitions("0:5000x4"));
    }
}
