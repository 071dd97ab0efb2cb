package io.inlet.kinesis.kcl;

import io.inlet.kinesis.config.KclTimings;
import io.inlet.kinesis.config.Retrieval;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.arns.Arn;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.StreamIdentifier;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.RetrievalSpecificConfig;
import software.amazon.kinesis.retrieval.fanout.FanOutConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * Builds a KCL 3.x {@link Scheduler} for one stream from {@link ConsumerSettings}, with any record
 * processor: the processor decides what happens to records (Inlet's writes them to OpenSearch) and
 * when to checkpoint; this class only wires the KCL.
 *
 * <p>What it sets, beyond {@link ConfigsBuilder}'s defaults, and why:
 * <ul>
 *   <li>Metrics off: {@link MetricsLevel#NONE} and a {@link NullMetricsFactory}, so no CloudWatch
 *       calls (Inlet reports its own counters).</li>
 *   <li>{@code workerUtilizationAwareAssignmentConfig().disableWorkerMetrics(true)}: KCL 3.x otherwise
 *       samples CPU (cgroup/EC2 specific) to balance leases by load. With it off, leases are balanced by
 *       throughput only; each worker still writes a stats item (throughput) to the lease table.</li>
 *   <li>Timings from {@link KclTimings}: failover, shard sync, lease assignment, parent-shard poll,
 *       dispatch poll, worker metrics capture.</li>
 *   <li>Retrieval: {@link PollingConfig} (idle time between reads, records per call) or
 *       {@link FanOutConfig} (consumer name; the consumer is registered if missing).</li>
 *   <li>{@code callProcessRecordsEvenForEmptyRecordList(true)}: the processor is called after every read,
 *       even an empty one, so it can checkpoint what was acknowledged meanwhile on an idle shard and report
 *       {@code millisBehindLatest}. Processors must accept empty batches.</li>
 * </ul>
 *
 * <p><b>The KCL's wait on a new application.</b> {@code Scheduler.initialize()} (KCL 3.5.1) runs,
 * when the lease table is empty, {@code shouldInitiateLeaseSync()}: it draws a random wait between
 * {@code MIN_WAIT_TIME_FOR_LEASE_TABLE_CHECK_MILLIS} (1 s) and {@code MAX_WAIT_TIME_FOR_LEASE_TABLE_CHECK_MILLIS}
 * (30 s) and re-checks the table every {@code LEASE_TABLE_CHECK_FREQUENCY_MILLIS} (3 s) until it is no
 * longer empty or the wait is over; only then does it create the leases. So a first start waits 3–30 s
 * (the first sleep is always 3 s) before any shard is read. It exists so that many workers starting
 * together do not all list the shards. The three constants are private static finals of
 * {@code Scheduler}; no configuration changes them. ({@code initialLeaseTableReadCapacity} and
 * {@code skipShardSyncAtWorkerInitializationIfLeasesExist} do not help: the first only sizes a
 * provisioned table, the second only applies when leases already exist.) The check returns at once when
 * the table holds a lease, so {@link LeaseBootstrap} creates the leases, with the KCL's own shard syncer,
 * before the scheduler runs; {@link SchedulerRunner} does that when
 * {@link ConsumerSettings#bootstrapLeases()} is set. (When the KCL does create them itself, its
 * {@code ShardSyncTask} then also sleeps {@code shardSyncIntervalMillis}, 60 s by default.)
 *
 * <p><b>What a new worker still waits for.</b> In KCL 3.x the leader's lease assignment manager hands
 * out leases, and only to workers that have reported their stats to the lease table; a worker's first
 * report comes 2 × {@link KclTimings#workerMetricsCaptureMillis()} after start, and assignment runs every
 * {@link KclTimings#leaseAssignmentIntervalMillis()}. Against kinesis-local and dynalite with
 * {@link KclTimings#fast()} and the bootstrap, a new application gets its first record ~2.5 s after
 * start (polling; ~5 s with fan-out), against up to 30 s without the bootstrap. A restart with the same
 * worker id finds its leases still its own and initializes its shards in ~0.4 s. With
 * {@link InitialPosition#LATEST}, records put before a shard's {@code initialize()} are not delivered.
 */
public final class SchedulerFactory {

    private static final Logger log = LoggerFactory.getLogger(SchedulerFactory.class);

    private SchedulerFactory() {
    }

    public static Scheduler create(KinesisClients clients, ConsumerSettings s, ShardRecordProcessorFactory processors) {
        if (s.retrieval() == Retrieval.FAN_OUT && clients.settings().kinesisIsPlainHttp()) {
            throw new IllegalArgumentException("Enhanced fan-out needs HTTP/2, but the Kinesis endpoint is plain http://; "
                    + "use the https:// endpoint (kinesis-local: its TLS port) or polling");
        }
        StreamIdentifier stream = s.streamIsArn()
                ? StreamIdentifier.singleStreamInstance(Arn.fromString(s.stream()))
                : StreamIdentifier.singleStreamInstance(s.stream());
        SingleStreamTracker tracker = new SingleStreamTracker(stream, initialPosition(s));
        ConfigsBuilder configs = new ConfigsBuilder(tracker, s.applicationName(), clients.kinesis(), clients.dynamoDb(),
                clients.cloudWatch(), s.workerId(), processors);

        KclTimings t = s.timings();
        LeaseManagementConfig leases = configs.leaseManagementConfig()
                .failoverTimeMillis(t.failoverTimeMillis())
                .shardSyncIntervalMillis(t.shardSyncIntervalMillis())
                .leaseAssignmentIntervalMillis(t.leaseAssignmentIntervalMillis())
                .dynamoDbLockBasedLeaderLeaseDurationInMillis(t.leaderLeaseMillis())
                .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(t.leaderHeartbeatMillis());
        leases.workerUtilizationAwareAssignmentConfig()
                .disableWorkerMetrics(true)
                .inMemoryWorkerMetricsCaptureFrequencyMillis(t.workerMetricsCaptureMillis());

        CoordinatorConfig coordinator = configs.coordinatorConfig()
                .parentShardPollIntervalMillis(t.parentShardPollIntervalMillis())
                .shardConsumerDispatchPollIntervalMillis(t.shardConsumerDispatchPollIntervalMillis());

        MetricsConfig metrics = configs.metricsConfig()
                .metricsLevel(MetricsLevel.NONE)
                .metricsFactory(new NullMetricsFactory());

        RetrievalConfig retrieval = configs.retrievalConfig().retrievalSpecificConfig(retrieval(clients, s, stream));

        log.info("KCL scheduler for stream {}, application {}, worker {}: {} from {}{}, {}", s.stream(),
                s.applicationName(), s.workerId(), s.retrieval(), s.initialPosition(),
                s.initialTimestamp() == null ? "" : " " + s.initialTimestamp(), t);
        return new Scheduler(configs.checkpointConfig(), coordinator, leases, configs.lifecycleConfig(), metrics,
                configs.processorConfig().callProcessRecordsEvenForEmptyRecordList(true), retrieval);
    }

    static InitialPositionInStreamExtended initialPosition(ConsumerSettings s) {
        return switch (s.initialPosition()) {
            case TRIM_HORIZON -> InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON);
            case LATEST -> InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.LATEST);
            case AT_TIMESTAMP -> InitialPositionInStreamExtended.newInitialPositionAtTimestamp(Date.from(s.initialTimestamp()));
        };
    }

    private static RetrievalSpecificConfig retrieval(KinesisClients clients, ConsumerSettings s, StreamIdentifier stream) {
        return switch (s.retrieval()) {
            case POLLING -> new PollingConfig(clients.kinesis())
                    .idleTimeBetweenReadsInMillis(s.pollingIdleMillis())
                    .maxRecords(s.pollingMaxRecords());
            case FAN_OUT -> new FanOutConfig(clients.kinesis())
                    .streamName(stream.streamName())
                    .applicationName(s.applicationName())
                    .consumerName(s.effectiveConsumerName());
        };
    }
}
