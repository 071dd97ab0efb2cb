package io.inlet.common.state;

import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.message.Pointer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestionSnapshotTest {

    private static PartitionSnapshot partition(String p, CountersSnapshot counters) {
        return new PartitionSnapshot("orders", p, Pointer.Kind.KAFKA_OFFSET, PollerState.POLLING, ErrorStrategy.DROP,
                false, null, null, null, null, null, counters, null, null);
    }

    @Test
    void findsPartitionsAndSumsCounters() {
        IngestionSnapshot s = new IngestionSnapshot("sink", List.of(
                partition("0", new CountersSnapshot(5, 1, 0, 0, 1, 2, 4, 0)),
                partition("1", new CountersSnapshot(3, 0, 1, 0, 0, 0, 1, 1))));
        assertEquals("1", s.find("orders", "1").orElseThrow().partition());
        assertTrue(s.find("orders", "9").isEmpty());
        assertEquals(new CountersSnapshot(8, 1, 1, 0, 1, 2, 5, 1), s.totals());
    }

    @Test
    void copiesItsList() {
        List<PartitionSnapshot> list = new ArrayList<>();
        list.add(partition("0", CountersSnapshot.ZERO));
        IngestionSnapshot s = new IngestionSnapshot("sink", list);
        list.clear();
        assertEquals(1, s.partitions().size());
    }
}
