package io.inlet.kinesis;

import io.inlet.common.config.PointerSettings;
import io.inlet.kinesis.config.KinesisSettings;
import io.inlet.kinesis.kcl.KinesisClients;
import io.inlet.kinesis.kcl.LeaseCheckpoints;
import io.inlet.kinesis.kcl.LeaseTable;
import io.inlet.kinesis.kcl.LeaseTableSchema;
import io.inlet.kinesis.kcl.ShardPositions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * {@code pointer.init.reset} at start-up, for what the KCL's initial position cannot express. It only
 * applies to shards with nothing committed: a shard with a checkpoint resumes after it, whatever the
 * setting says.
 * <ul>
 *   <li>{@code earliest}, {@code latest}, {@code reset_by_timestamp}: the KCL's initial position
 *       (TRIM_HORIZON, LATEST, AT_TIMESTAMP), see {@link ConsumerSettings#from}.</li>
 *   <li>{@code reset_by_offset}: {@code pointer.init.reset.value} is the sequence number of a record, or a
 *       comma-separated list of them, one per shard. The worker asks Kinesis which shard holds each, and seeds
 *       that shard's lease with a checkpoint just before it, so reading starts at that record (inclusive, as a
 *       Kafka offset). Every other shard with no checkpoint starts at its earliest record. Refused at start-up
 *       when no shard holds a number, or two are in one shard.</li>
 *   <li>{@code none}: refuses to start when the application has no lease table, or no lease in it,
 *       i.e. nothing was ever committed.</li>
 * </ul>
 */
final class InitialPositions {

    private static final Logger LOG = LoggerFactory.getLogger(InitialPositions.class);

    private InitialPositions() {
    }

    /**
     * For {@code none}: checks, before anything is created, that the application has leases to resume from.
     *
     * @throws IllegalStateException saying why and what to do
     */
    static void requireCommitted(KinesisClients clients, String application) {
        String todo = " Start it once with " + PointerSettings.RESET + "=earliest (or latest, reset_by_timestamp,"
                + " reset_by_offset), or check " + KinesisSettings.APPLICATION_NAME + ", "
                + KinesisSettings.REGION + " and " + KinesisSettings.DYNAMODB_ENDPOINT
                + " if it should exist.";
        if (!LeaseTableSchema.exists(clients.dynamoDb(), application)) {
            throw new IllegalStateException(PointerSettings.RESET + "=none, and application " + application
                    + " has no lease table (DynamoDB table " + application + "), so nothing is committed to resume"
                    + " from." + todo);
        }
        if (LeaseTable.leases(clients.dynamoDb(), application).isEmpty()) {
            throw new IllegalStateException(PointerSettings.RESET + "=none, and the lease table of application "
                    + application + " holds no shard lease, so nothing is committed to resume from." + todo);
        }
    }

    /**
     * For {@code reset_by_offset}, once the leases exist: seeds the checkpoint of the shard holding each of
     * {@code sequenceNumbers} (one, or one per shard, as the migration from OpenSearch's own Kinesis ingestion writes
     * them), where that shard has none yet and no owner.
     *
     * @throws IllegalStateException when no shard holds a sequence number, two are in one shard, or a lease is missing
     */
    static void seedOffsets(KinesisClients clients, String stream, String application, List<String> sequenceNumbers) {
        ShardPositions positions = new ShardPositions(clients.kinesis(), stream);
        List<String> shards = positions.shards().stream().map(Shard::shardId).toList();
        Map<String, String> byShard = new LinkedHashMap<>();
        for (String sequenceNumber : sequenceNumbers) {
            Optional<String> shard = positions.shardOf(shards, sequenceNumber);
            if (shard.isEmpty()) {
                throw new IllegalStateException(PointerSettings.RESET_VALUE + ": " + sequenceNumber + " is not the"
                        + " sequence number of a record in stream " + stream + " (shards " + shards + "): write the"
                        + " SequenceNumber of a record still in the stream (as PutRecord or GetRecords report it), or use"
                        + " reset_by_timestamp");
            }
            String before = byShard.put(shard.get(), sequenceNumber);
            if (before != null) {
                throw new IllegalStateException(PointerSettings.RESET_VALUE + ": " + before + " and " + sequenceNumber
                        + " are both in shard " + shard.get() + " of " + stream + ": write one sequence number per shard");
            }
        }
        Map<String, LeaseTable.Lease> leases = LeaseTable.leases(clients.dynamoDb(), application);
        byShard.forEach((shard, sequenceNumber) -> seed(clients, leases, stream, application, shard, sequenceNumber));
        LOG.info("The shards without a checkpoint other than {} start at their earliest record ({}=reset_by_offset)",
                byShard.keySet(), PointerSettings.RESET);
    }

    private static void seed(KinesisClients clients, Map<String, LeaseTable.Lease> leases, String stream,
            String application, String shard, String sequenceNumber) {
        LeaseTable.Lease lease = leases.get(shard);
        if (lease == null) {
            throw new IllegalStateException("Shard " + shard + " of " + stream + " has no lease in " + application
                    + " yet, so its starting point can't be seeded: keep " + KinesisSettings.LEASE_BOOTSTRAP
                    + "=true and check that the lease table is reachable");
        }
        if (lease.owner() != null || !isSentinel(lease.checkpoint())) {
            LOG.info("Shard {} already has checkpoint {} (owner {}): {}=reset_by_offset does not apply to it",
                    shard, lease.checkpoint(), lease.owner(), PointerSettings.RESET);
            return;
        }
        boolean seeded = LeaseCheckpoints.setCheckpoint(clients.dynamoDb(), application, shard, sequenceNumber, -1,
                LeaseCheckpoints.Condition.untouched(lease.checkpoint()));
        if (seeded) {
            LOG.info("Shard {} starts at sequence number {} ({}=reset_by_offset)", shard, sequenceNumber,
                    PointerSettings.RESET);
        } else {
            LOG.info("Shard {} was taken or checkpointed meanwhile: {}=reset_by_offset does not apply to it",
                    shard, PointerSettings.RESET);
        }
    }

    /** Whether a checkpoint is an initial-position sentinel (nothing committed yet). */
    static boolean isSentinel(String checkpoint) {
        return "TRIM_HORIZON".equals(checkpoint) || "LATEST".equals(checkpoint) || "AT_TIMESTAMP".equals(checkpoint);
    }
}
