package io.inlet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfAnOddAndAnEvenNumberOfRuns() {
        assertEquals(2.0, Stats.of(List.of(3.0, 1.0, 2.0)).median());
        assertEquals(2.5, Stats.of(List.of(4.0, 1.0, 2.0, 3.0)).median());
    }

    @Test
    void minAndMaxAndMissingValuesAreLeftOut() {
        Stats s = Stats.of(Arrays.asList(5.0, Double.NaN, 1.0, null, 3.0));
        assertEquals(3, s.n());
        assertEquals(1.0, s.min());
        assertEquals(5.0, s.max());
        assertEquals(3.0, s.median());
    }

    @Test
    void formatShowsMedianThenRange() {
        assertEquals("41,200 (39,800–42,100)", Stats.of(List.of(39_800.0, 41_200.0, 42_100.0)).format("%,.0f"));
        assertEquals("0.93", Stats.of(List.of(0.934)).format("%.2f"));
        assertEquals("–", Stats.of(List.of()).format("%.2f"));
        assertTrue(Stats.of(List.of()).isEmpty());
    }
}
