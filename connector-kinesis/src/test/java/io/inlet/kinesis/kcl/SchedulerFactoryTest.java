package io.inlet.kinesis.kcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.kinesis.config.AwsSettings;
import io.inlet.kinesis.config.KclTimings;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;
import software.amazon.kinesis.retrieval.fanout.FanOutConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/** Builds schedulers without running them: nothing here talks to AWS. */
class SchedulerFactoryTest {

    private static final ShardRecordProcessorFactory NO_PROCESSOR = () -> {
        throw new AssertionError("not run");
    };

    private static KinesisClients plainHttp;
    private static KinesisClients tls;

    @BeforeAll
    static void clients() {
        plainHttp = KinesisClients.create(AwsSettings.forEmulators(URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:2")));
        tls = KinesisClients.create(AwsSettings.forEmulators(URI.create("https://127.0.0.1:3"), URI.create("http://127.0.0.1:2")));
    }

    @AfterAll
    static void close() {
        plainHttp.close();
        tls.close();
    }

    @Test
    void appliesMetricsOffWorkerMetricsOffTimingsAndPolling() {
        ConsumerSettings s = ConsumerSettings.of("orders", "inlet-orders", "worker-7")
                .withTimings(KclTimings.fast()).withPolling(250, 500).withInitialPosition(InitialPosition.LATEST);
        Scheduler scheduler = SchedulerFactory.create(plainHttp, s, NO_PROCESSOR);

        assertEquals("inlet-orders", scheduler.applicationName());
        assertEquals("inlet-orders", scheduler.leaseManagementConfig().tableName());
        assertEquals("worker-7", scheduler.leaseManagementConfig().workerIdentifier());
        assertEquals(MetricsLevel.NONE, scheduler.metricsConfig().metricsLevel());
        assertInstanceOf(NullMetricsFactory.class, scheduler.metricsFactory());
        assertTrue(scheduler.leaseManagementConfig().workerUtilizationAwareAssignmentConfig().disableWorkerMetrics());
        assertEquals(250, scheduler.leaseManagementConfig().workerUtilizationAwareAssignmentConfig()
                .inMemoryWorkerMetricsCaptureFrequencyMillis());
        assertEquals(2_000, scheduler.failoverTimeMillis());
        assertEquals(1_000, scheduler.leaseManagementConfig().shardSyncIntervalMillis());
        assertEquals(1_000, scheduler.leaseManagementConfig().leaseAssignmentIntervalMillis());
        assertEquals(1_000, scheduler.parentShardPollIntervalMillis());
        assertEquals(200, scheduler.shardConsumerDispatchPollIntervalMillis());
        assertEquals(10_000, scheduler.leaseManagementConfig().dynamoDbLockBasedLeaderLeaseDurationInMillis());
        assertEquals(2_000, scheduler.leaseManagementConfig().dynamoDbLockBasedLeaderHeartbeatPeriodInMillis());

        PollingConfig polling = assertInstanceOf(PollingConfig.class, scheduler.retrievalConfig().retrievalSpecificConfig());
        assertEquals(250, polling.idleTimeBetweenReadsInMillis());
        assertEquals(500, polling.maxRecords());
        assertEquals(InitialPositionInStream.LATEST, scheduler.currentStreamConfigMap().values().iterator().next()
                .initialPositionInStreamExtended().getInitialPositionInStream());
    }

    @Test
    void fanOutRegistersAConsumerNamedAsGiven() {
        ConsumerSettings s = ConsumerSettings.of("orders", "inlet-orders", "worker-7").withFanOut("inlet-efo");
        Scheduler scheduler = SchedulerFactory.create(tls, s, NO_PROCESSOR);
        FanOutConfig fanOut = assertInstanceOf(FanOutConfig.class, scheduler.retrievalConfig().retrievalSpecificConfig());
        assertEquals("inlet-efo", fanOut.consumerName());
        assertEquals("orders", fanOut.streamName());
    }

    @Test
    void fanOutOverPlainHttpIsRefused() {
        ConsumerSettings s = ConsumerSettings.of("orders", "inlet-orders", "worker-7").withFanOut(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SchedulerFactory.create(plainHttp, s, NO_PROCESSOR));
        assertTrue(e.getMessage().contains("HTTP/2"), e.getMessage());
    }

    @Test
    void atTimestampAndStreamArnReachTheKcl() {
        ConsumerSettings s = ConsumerSettings.of("arn:aws:kinesis:us-east-1:123456789012:stream/orders", "inlet-orders", "w")
                .withInitialTimestamp(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        Scheduler scheduler = SchedulerFactory.create(plainHttp, s, NO_PROCESSOR);
        var config = scheduler.currentStreamConfigMap().values().iterator().next();
        assertEquals("orders", config.streamIdentifier().streamName());
        assertEquals(InitialPositionInStream.AT_TIMESTAMP, config.initialPositionInStreamExtended().getInitialPositionInStream());
        assertEquals(java.util.Date.from(java.time.Instant.parse("2026-01-01T00:00:00Z")),
                config.initialPositionInStreamExtended().getTimestamp());
    }
}
