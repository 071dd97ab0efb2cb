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
    void quickIsAPresetTheOtherOptionsOverride() {
        PipelineOptions q = PipelineOptions.parse(new String[] {"--quick"});
        assertTrue(q.quick());
        assertEquals(200_000, q.messages());
        assertEquals(1, q.runs());
        assertEquals(List.of(1, 4), q.partitions());
        assertEquals(Set.of("recovery", "kinesis"), q.skip());
        assertEquals("quick", q.label());
        assertEquals(PipelineOptions.MINI_SWEEP_PAIRS, q.sweepPairs());
        assertTrue(q.ceilingPairs().isEmpty());

        PipelineOptions o = PipelineOptions.parse(new String[] {"--messages", "50000", "--quick", "--set", "max_batch_size=2000",
            "--skip", "warmup", "--deadline", "2026-12-04T19:00:00Z", "--ceiling-pair", "5000x4"});
        assertEquals(50_000, o.messages());
        assertEquals(Set.of("recovery", "kinesis", "warmup"), o.skip());
        assertEquals(Map.of("max_batch_size", "2000"), o.connectorSettings());
        assertEquals("2026-12-04T19:00:00Z", o.deadline().toString());
        assertEquals(new CeilingPair(5000, 4), o.ceilingPair(1));
        assertEquals(new CeilingPair(5000, 4), o.ceilingPair(4));
    }

    @Test
    void withoutQuickTheSweepTriesEveryPairAndNoPairIsFixed() {
        PipelineOptions o = PipelineOptions.parse(new String[0]);
        assertEquals(6, o.sweepPairs().size());
        assertEquals(null, o.ceilingPair(1));
        PipelineOptions fixed = o.withCeilingPairs(Map.of(4, new CeilingPair(2000, 4)));
        assertEquals(new CeilingPair(2000, 4), fixed.ceilingPair(4));
        assertEquals(null, fixed.ceilingPair(1));
        assertEquals(o.messages(), fixed.messages());
        assertEquals(List.of(new CeilingPair(1000, 2)), PipelineOptions.parse(new String[] {"--sweep-pairs", "1000x2"}).sweepPairs());
    }

    @Test
    void mistakesAreRefusedWithTheUsage() {
        assertThrows(IllegalArgumentException.class, () -> PipelineOptions.parse(new String[] {"--skip", "everything"}));
        assertThrows(IllegalArgumentException.class, () -> PipelineOptions.parse(new String[] {"--set", "novalue"}));
        assertThrows(IllegalArgumentException.class, () -> PipelineOptions.parse(new String[] {"--runs"}));
        assertThrows(IllegalArgumentException.class, () -> PipelineOptions.parse(new String[] {"--bogus", "1"}));
        assertThrows(IllegalArgumentException.class, () -> PipelineOptions.parse(new String[] {"--ceiling-pair", "5000"}));
    }
}
