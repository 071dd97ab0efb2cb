package io.inlet.common.state;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CountersSnapshotTest {

    @Test
    void sumsFieldByField() {
        CountersSnapshot a = new CountersSnapshot(1, 2, 3, 4, 5, 6, 7, 8);
        CountersSnapshot b = new CountersSnapshot(10, 20, 30, 40, 50, 60, 70, 80);
        assertEquals(new CountersSnapshot(11, 22, 33, 44, 55, 66, 77, 88), a.plus(b));
        assertEquals(a, a.plus(CountersSnapshot.ZERO));
    }
}
