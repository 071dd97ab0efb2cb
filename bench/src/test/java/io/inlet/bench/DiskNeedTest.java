package io.inlet.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskNeedTest {

    private static final long WARMUP = 20_000;
    private static final long GB = 1L << 30;

    @Test
    void quickNeedsItsTwoTopicsTheWarmUpAndTwoIndexCopiesPlusTheMargin() {
        DiskNeed need = DiskNeed.of(PipelineOptions.parse(new String[] {"--quick"}), WARMUP);
        // topics: 200,000 at 1 and at 4 partitions, 20,000 warm-up; indices: 2 copies of 200,000
        assertEquals(420_000, need.topicMessages());
        assertEquals(400_000, need.indexMessages());
        assertEquals(820_000L * 1024 + 2 * GB, need.bytes());
    }

    @Test
    void theFullRunAlsoCountsTheRecoveryTopic() {
        DiskNeed need = DiskNeed.of(PipelineOptions.parse(new String[0]), WARMUP);
        assertEquals(2_000_000 + 250_000 + WARMUP, need.topicMessages());
        assertEquals(2_000_000, need.indexMessages());
    }

    @Test
    void skippedPartsNeedNothing() {
        DiskNeed need = DiskNeed.of(PipelineOptions.parse(new String[] {"--skip", "warmup,sweep,ceiling,inlet,native,recovery",
            "--kinesis-records", "6000"}), WARMUP);
        assertEquals(0, need.topicMessages());
        assertEquals(12_000, need.indexMessages());
        assertEquals(12_000L * 1024 + 2 * GB, need.bytes());
    }

    @Test
    void refusesWithWhatItNeedsAndWhatIsFree() {
        DiskNeed need = new DiskNeed(1_000_000, 1_000_000); // 2,000,000 KB + 2 GB = 3.9 GB
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> need.require(GB, Path.of("/work/services")));
        assertTrue(e.getMessage().contains("needs about 3.9 GB"), e.getMessage());
        assertTrue(e.getMessage().contains("1.0 GB is free"), e.getMessage());
        assertTrue(e.getMessage().contains("/work/services"), e.getMessage());
        assertDoesNotThrow(() -> need.require(need.bytes(), Path.of("/work/services")));
    }

    @Test
    void readsTheFreeSpaceOfTheNearestExistingFolder(@TempDir Path dir) throws Exception {
        assertEquals(DiskNeed.usableSpace(dir) > 0, DiskNeed.usableSpace(dir.resolve("not/yet/made")) > 0);
        assertThrows(IllegalStateException.class, () -> new DiskNeed(Long.MAX_VALUE / 4096, 0).requireOn(dir.resolve("not/yet/made")));
    }
}
