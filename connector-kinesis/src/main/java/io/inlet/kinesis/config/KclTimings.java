package io.inlet.kinesis.config;

/**
 * The KCL's clock: how fast leases fail over, shards are discovered and work is handed out. The KCL
 * defaults suit production; {@link #fast()} suits tests and the local emulators, where a worker should
 * own its shards within seconds of starting.
 *
 * @param failoverTimeMillis                      a lease not renewed for this long is expired and may be
 *                                                taken by another worker; leases are renewed every third of it
 * @param shardSyncIntervalMillis                 how often shards are listed to find new ones (resharding)
 * @param leaseAssignmentIntervalMillis           how often the leader (KCL 3.x lease assignment manager)
 *                                                hands out unowned and expired leases
 * @param parentShardPollIntervalMillis           how often a child shard checks whether its parents are done
 * @param shardConsumerDispatchPollIntervalMillis how often the scheduler loop looks for newly owned leases
 * @param workerMetricsCaptureMillis              KCL 3.x {@code inMemoryWorkerMetricsCaptureFrequencyMillis}.
 *                                                A worker first reports its stats to the lease table after
 *                                                twice this, and the leader assigns no lease to a worker
 *                                                before that report: it delays the first records of a new
 *                                                worker
 * @param leaderLeaseMillis                       KCL 3.x {@code dynamoDbLockBasedLeaderLeaseDurationInMillis}: how
 *                                                long the leader's lock lasts unrenewed. Only the leader hands out
 *                                                leases, so after the leader dies or stalls no lease moves (not an
 *                                                expired one, not a new child shard's) until this has passed
 * @param leaderHeartbeatMillis                   KCL 3.x {@code dynamoDbLockBasedLeaderHeartbeatPeriodInMillis}:
 *                                                how often the leader renews its lock; well below the lease
 */
public record KclTimings(long failoverTimeMillis, long shardSyncIntervalMillis, long leaseAssignmentIntervalMillis,
                         long parentShardPollIntervalMillis, long shardConsumerDispatchPollIntervalMillis,
                         long workerMetricsCaptureMillis, long leaderLeaseMillis, long leaderHeartbeatMillis) {

    public KclTimings {
        positive("failoverTimeMillis", failoverTimeMillis);
        positive("shardSyncIntervalMillis", shardSyncIntervalMillis);
        positive("leaseAssignmentIntervalMillis", leaseAssignmentIntervalMillis);
        positive("parentShardPollIntervalMillis", parentShardPollIntervalMillis);
        positive("shardConsumerDispatchPollIntervalMillis", shardConsumerDispatchPollIntervalMillis);
        positive("workerMetricsCaptureMillis", workerMetricsCaptureMillis);
        positive("leaderLeaseMillis", leaderLeaseMillis);
        positive("leaderHeartbeatMillis", leaderHeartbeatMillis);
        if (leaderHeartbeatMillis * 2 > leaderLeaseMillis) {
            throw new IllegalArgumentException("leaderHeartbeatMillis (" + leaderHeartbeatMillis + ") must be at most half of"
                    + " leaderLeaseMillis (" + leaderLeaseMillis + "), or the leader loses its lock between two renewals");
        }
    }

    /**
     * KCL 3.5 defaults: 10 s failover, 60 s shard sync, 20 s lease assignment (2 × failover), 10 s
     * parent poll, 1 s dispatch, 1 s worker metrics capture, a 120 s leader lock renewed every 30 s.
     */
    public static KclTimings kclDefaults() {
        return new KclTimings(10_000, 60_000, 20_000, 10_000, 1_000, 1_000, 120_000, 30_000);
    }

    /**
     * For tests and emulators: 2 s failover, 1 s shard sync, lease assignment and parent poll, 200 ms
     * dispatch, 250 ms worker metrics capture, a 10 s leader lock renewed every 2 s. Costs more DynamoDB
     * requests (a lease renewal every ~0.7 s per lease).
     */
    public static KclTimings fast() {
        return new KclTimings(2_000, 1_000, 1_000, 1_000, 200, 250, 10_000, 2_000);
    }

    /** These timings as the worker's {@code kcl.*} settings, e.g. to add to a worker config file. */
    public java.util.Map<String, String> asSettings() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put(KinesisSettings.FAILOVER_TIME_MS, Long.toString(failoverTimeMillis));
        out.put(KinesisSettings.SHARD_SYNC_INTERVAL_MS, Long.toString(shardSyncIntervalMillis));
        out.put(KinesisSettings.LEASE_ASSIGNMENT_INTERVAL_MS, Long.toString(leaseAssignmentIntervalMillis));
        out.put(KinesisSettings.PARENT_SHARD_POLL_INTERVAL_MS, Long.toString(parentShardPollIntervalMillis));
        out.put(KinesisSettings.DISPATCH_POLL_INTERVAL_MS, Long.toString(shardConsumerDispatchPollIntervalMillis));
        out.put(KinesisSettings.WORKER_METRICS_CAPTURE_MS, Long.toString(workerMetricsCaptureMillis));
        out.put(KinesisSettings.LEADER_LEASE_MS, Long.toString(leaderLeaseMillis));
        out.put(KinesisSettings.LEADER_HEARTBEAT_MS, Long.toString(leaderHeartbeatMillis));
        return out;
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}
