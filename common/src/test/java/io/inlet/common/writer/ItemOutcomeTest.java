package io.inlet.common.writer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemOutcomeTest {

    @Test
    void onlyRetriableLeavesAMessageUnfinished() {
        assertTrue(ItemOutcome.SUCCESS.isFinal());
        assertTrue(ItemOutcome.STALE.isFinal());
        assertTrue(ItemOutcome.REJECTED.isFinal());
        assertFalse(ItemOutcome.RETRIABLE.isFinal());
    }
}
