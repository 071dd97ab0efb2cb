package io.inlet.kinesis.kcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.kinesis.config.KclTimings;
import io.inlet.kinesis.config.Retrieval;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {

    private final ConsumerSettings base = ConsumerSettings.of("orders", "inlet-orders", "worker-1");

    @Test
    void defaultsArePollingFromTrimHorizonWithKclTimingsAndBootstrap() {
        assertEquals(InitialPosition.TRIM_HORIZON, base.initialPosition());
        assertEquals(Retrieval.POLLING, base.retrieval());
        assertEquals(KclTimings.kclDefaults(), base.timings());
        assertEquals(ConsumerSettings.DEFAULT_POLLING_IDLE_MILLIS, base.pollingIdleMillis());
        assertTrue(base.bootstrapLeases());
        assertFalse(base.streamIsArn());
    }

    @Test
    void recognisesStreamArns() {
        assertTrue(ConsumerSettings.of("arn:aws:kinesis:eu-west-1:123456789012:stream/orders", "a", "w").streamIsArn());
    }

    @Test
    void fanOutConsumerNameDefaultsToTheApplicationName() {
        assertEquals("inlet-orders", base.withFanOut(null).effectiveConsumerName());
        assertEquals("efo-1", base.withFanOut("efo-1").effectiveConsumerName());
        assertEquals(Retrieval.FAN_OUT, base.withFanOut(null).retrieval());
    }

    @Test
    void atTimestampNeedsATimestampAndOnlyIt() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        ConsumerSettings s = base.withInitialTimestamp(at);
        assertEquals(InitialPosition.AT_TIMESTAMP, s.initialPosition());
        assertEquals(at, s.initialTimestamp());
        assertEquals(null, s.withInitialPosition(InitialPosition.LATEST).initialTimestamp());
        assertThrows(IllegalArgumentException.class, () -> base.withInitialPosition(InitialPosition.AT_TIMESTAMP));
    }

    @Test
    void rejectsMissingNamesAndOutOfRangePolling() {
        assertThrows(IllegalArgumentException.class, () -> ConsumerSettings.of("s", " ", "w"));
        assertThrows(IllegalArgumentException.class, () -> ConsumerSettings.of("s", "a", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> base.withPolling(100, 100));
        assertTrue(e.getMessage().contains(">= 200"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> base.withPolling(200, 10_001));
    }

    @Test
    void parsesPositionsAndModesAndListsTheValidOnes() {
        assertEquals(InitialPosition.LATEST, InitialPosition.parse(" latest "));
        assertEquals(Retrieval.FAN_OUT, Retrieval.parse("fan-out"));
        assertEquals(Retrieval.POLLING, Retrieval.parse("POLLING"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InitialPosition.parse("EARLIEST"));
        assertTrue(e.getMessage().contains("TRIM_HORIZON, LATEST, AT_TIMESTAMP"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Retrieval.parse("push"));
        assertTrue(e.getMessage().contains("polling, fan_out"), e.getMessage());
    }

    @Test
    void timingsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new KclTimings(0, 1, 1, 1, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new KclTimings(1, 1, 1, 1, 1, 1, 1_000, 600),
                "a heartbeat above half the leader lease");
        assertTrue(KclTimings.fast().failoverTimeMillis() < KclTimings.kclDefaults().failoverTimeMillis());
    }
}
