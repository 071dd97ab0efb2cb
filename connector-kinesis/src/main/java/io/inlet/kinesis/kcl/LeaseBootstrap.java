package io.inlet.kinesis.kcl;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.common.StreamConfig;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.coordinator.delegate.LeaseTableCoordinatorStateDAODelegate;
import software.amazon.kinesis.coordinator.migration.ClientVersion;
import software.amazon.kinesis.coordinator.migration.MigrationState;
import software.amazon.kinesis.coordinator.streamInfo.StreamIdCache;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.leases.LeaseRefresher;
import software.amazon.kinesis.leases.ShardSyncTaskManager;
import software.amazon.kinesis.metrics.NullMetricsScope;

/**
 * Creates the shard leases of a new application before its {@link Scheduler} runs, so that the
 * scheduler skips its random 1–30 s wait (see {@link SchedulerFactory}) and starts reading at once.
 *
 * <p>It runs the KCL's own shard syncer ({@code HierarchicalShardSyncer.checkAndCreateLeaseForNewShards},
 * reached through the scheduler's shard-sync task manager), the same code the scheduler would run after
 * its wait: leases get the same keys, parent links, hash ranges and initial-position checkpoints. It
 * calls the syncer directly rather than {@code ShardSyncTaskManager.callShardSyncTask()}, which sleeps
 * {@code shardSyncIntervalMillis} after syncing. Lease creation is a conditional put, so several
 * workers bootstrapping the same application at once do no harm. The lease table must exist
 * ({@link LeaseTableSchema#ensure}).
 *
 * <p>Before the leases it writes the application's client-version state ({@code Migration3.0}, KCL 3.x for a new
 * application), as the KCL would, with the KCL's own conditional create. KCL 3.5.1 reads that state and then
 * creates it if it was missing; when two workers of a new application start at the same moment, the one whose
 * create comes second fails its initialization for good ("Failed to create migration state for
 * CLIENT_VERSION_3X", then "AssignmentMode is not initialized" until it gives up and stops). Created here first,
 * every scheduler finds it and has nothing to create; a create that finds it made by another worker is fine.
 */
public final class LeaseBootstrap {

    private static final Logger log = LoggerFactory.getLogger(LeaseBootstrap.class);

    private LeaseBootstrap() {
    }

    /**
     * Creates the leases of every stream of {@code scheduler} if its lease table is empty; does nothing
     * otherwise (a restart: the scheduler then starts without waiting anyway). Call before
     * {@link Scheduler#run()}.
     *
     * @return true when leases were created
     * @throws IllegalStateException when DynamoDB or Kinesis fail; the scheduler can still be run, and
     *                               will then sync the shards itself after its wait
     */
    public static boolean createLeasesIfTableEmpty(Scheduler scheduler) {
        LeaseRefresher refresher = scheduler.leaseRefresher();
        String app = scheduler.applicationName();
        try {
            if (!refresher.isLeaseTableEmpty()) {
                log.debug("Lease table {} already has leases; no bootstrap needed", app);
                return false;
            }
            createClientVersionState(scheduler.leaseManagementConfig());
            // The shard detector reads a JVM-wide StreamIdCache that Scheduler.initialize() sets up; set it
            // up the same way first (it is set once per JVM, so this changes nothing for the scheduler).
            StreamIdCache.initialize(scheduler.streamIdCacheManager(),
                    scheduler.leaseManagementConfig().streamIdOnboardingState());
            for (StreamConfig stream : scheduler.currentStreamConfigMap().values()) {
                ShardSyncTaskManager sync = scheduler.shardSyncTaskManagerProvider().apply(stream);
                sync.hierarchicalShardSyncer().checkAndCreateLeaseForNewShards(sync.shardDetector(), sync.leaseRefresher(),
                        stream.initialPositionInStreamExtended(), new NullMetricsScope(),
                        sync.ignoreUnexpectedChildShards(), true);
                log.info("Created the leases of stream {} in lease table {} (initial position {})",
                        stream.streamIdentifier(), app, stream.initialPositionInStreamExtended());
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the leases of " + app, e);
        } catch (Exception e) {
            throw new IllegalStateException("Couldn't create the leases of application " + app + ": " + e, e);
        }
    }

    /** Writes the client-version state of a new application (KCL 3.x), unless a worker did already. */
    private static void createClientVersionState(LeaseManagementConfig lm) throws Exception {
        MigrationState state = new MigrationState(MigrationState.MIGRATION_HASH_KEY)
                .update(ClientVersion.CLIENT_VERSION_3X, lm.workerIdentifier());
        boolean created = new LeaseTableCoordinatorStateDAODelegate(lm.dynamoDBClient(), lm.tableName())
                .createCoordinatorStateIfNotExists(state);
        log.debug(created ? "Wrote the client-version state (KCL 3.x) of lease table {}"
                : "The client-version state of lease table {} was written by another worker", lm.tableName());
    }
}
