package io.inlet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    void readsUserPlusSystemTicksEvenWhenTheNameHasSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 567 0 0 20 0 40 0 100 0 0";
        assertEquals(1234 + 567, ProcStats.parseCpuTicks(stat));
    }

    @Test
    void thisJvmHasUsedSomeCpuAndMemory() {
        long self = ProcessHandle.current().pid();
        assertTrue(ProcStats.cpuSeconds(self) > 0);
        assertTrue(ProcStats.rssBytes(self) > 0);
        assertEquals(-1, ProcStats.cpuSeconds(Long.MAX_VALUE));
    }
}
