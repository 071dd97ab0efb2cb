package io.inlet.common.flow;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommitCadenceTest {

    @Test
    void perBatchCommitsABatchAtMostEvery200Milliseconds() {
        CommitCadence c = CommitCadence.perBatch(500);
        assertTrue(c.due(500, false, 0), "a first batch is due at once");
        c.committed(0);
        assertFalse(c.due(1_000, false, 199));
        assertTrue(c.due(1_000, false, 200));
        assertFalse(c.due(499, false, 10_000), "less than a batch while some is in flight waits for the tail rule");
    }

    @Test
    void perBatchCommitsASettledTailAtMostOnceASecond() {
        CommitCadence c = CommitCadence.perBatch(500);
        c.committed(0);
        assertFalse(c.due(3, true, 999));
        assertTrue(c.due(3, true, 1_000));
        assertFalse(c.due(0, true, 5_000), "nothing acknowledged past the last commit: nothing to commit");
    }

    @Test
    void everyCommitsWhateverMovedOncePerInterval() {
        CommitCadence c = CommitCadence.every(5_000);
        c.committed(0);
        assertFalse(c.due(1, false, 4_999));
        assertTrue(c.due(1, false, 5_000), "in flight or not");
        assertFalse(c.due(0, true, 60_000));
    }

    @Test
    void anIntervalOfZeroCommitsEveryTime() {
        CommitCadence c = CommitCadence.every(0);
        c.committed(7);
        assertTrue(c.due(1, false, 7));
    }
}
