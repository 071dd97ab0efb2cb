package io.inlet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineOptionsTest {

    @Test
    void defaultsAreTheFullBenchmark() {
        PipelineOptions o = PipelineOptions.parse(new String[0]);
        assertEquals(1_000_000, o.messages());
        assertEquals(3, o.runs());
        assertEquals(List.of(1, 4), o.partitions());
        assertEquals(250_000, o.recoveryMessages());
        assertEquals(3000, o.rebalanceDelayMs());
        assertTrue(o.runs("kinesis"));
    }

    @Test
    void optionsAndConnectorSettings() {
        PipelineOptions o = PipelineOptions.parse(new String[] {"--messages", "50,000", "--partitions", "2", "--skip", "kinesis,sweep",
            "--set", "max_batch_size=2000", "--set", "num_processor_threads=4", "--profile", "--deadline", "2026-11-25T09:44:30Z"});
        assertEquals(50_000, o.messages());
        assertEquals(50_000, o.recoveryMessages());
        assertEquals(List.of(2), o.partitions());
        assertEquals(Set.of("kinesis", "sweep"), o.skip());
        assertEquals(Map.of("max_batch_size", "2000", "num_processor_threads", "4"), o.connectorSettings());
        assertTrue(o.profile());
        assertEquals("2026-11-25T09:44:30Z", o.deadline().toString());
    }

    @Test
    void mistakesAreRefusedWithTheUsage() {
        assertThrows(IllegalArgumentException.class, () -> PipelineOptions.parse(new String[] {"--skip", "everything"}));
        assertThrows(IllegalArgumentException.class, () -> PipelineOptions.parse(new String[] {"--set", "novalue"}));
        assertThrows(IllegalArgumentException.class, () -> PipelineOptions.parse(new String[] {"--runs"}));
        assertThrows(IllegalArgumentException.class, () -> PipelineOptions.parse(new String[] {"--bogus", "1"}));
    }
}
