package io.inlet.kinesis;

import io.inlet.common.config.PointerSettings;
import io.inlet.kinesis.config.KinesisSettings;
import io.inlet.kinesis.kcl.KinesisClients;
import io.inlet.kinesis.kcl.LeaseCheckpoints;
import io.inlet.kinesis.kcl.LeaseTable;
import io.inlet.kinesis.kcl.LeaseTableSchema;
import io.inlet.kinesis.kcl.ShardPositions;
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
 *   <li>{@code reset_by_offset}: {@code pointer.init.reset.value} is the sequence number of a record.
 *       The worker asks Kinesis which shard holds it, and seeds that shard's lease with a checkpoint just
 *       before it, so reading starts at that record (inclusive, as a Kafka offset). Every other shard with
 *       no checkpoint starts at its earliest record. Refused at start-up when no shard holds the number.</li>
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
     * For {@code reset_by_offset}, once the leases exist: seeds the checkpoint of the shard holding
     * {@code sequenceNumber}, if that shard has none yet and no owner.
     *
     * @throws IllegalStateException when no shard holds the sequence number, or its lease is missing
     */
    static void seedOffset(KinesisClients clients, String stream, String application, String sequenceNumber) {
        ShardPositions positions = new ShardPositions(clients.kinesis(), stream);
        List<String> shards = positions.shards().stream().map(Shard::shardId).toList();
        Optional<String> shard = positions.shardOf(shards, sequenceNumber);
        if (shard.isEmpty()) {
            throw new IllegalStateException(PointerSettings.RESET_VALUE + "=" + sequenceNumber + " is not the sequence"
                    + " number of a record in stream " + stream + " (shards " + shards + "): write the SequenceNumber of"
                    + " a record still in the stream (as PutRecord or GetRecords report it), or use"
                    + " reset_by_timestamp");
        }
        Map<String, LeaseTable.Lease> leases = LeaseTable.leases(clients.dynamoDb(), application);
        LeaseTable.Lease lease = leases.get(shard.get());
        if (lease == null) {
            throw new IllegalStateException("Shard " + shard.get() + " of " + stream + " has no lease in " + application
                    + " yet, so its starting point can't be seeded: keep " + KinesisSettings.LEASE_BOOTSTRAP
                    + "=true and check that the lease table is reachable");
        }
        if (lease.owner() != null || !isSentinel(lease.checkpoint())) {
            LOG.info("Shard {} already has checkpoint {} (owner {}): {}=reset_by_offset does not apply to it",
                    shard.get(), lease.checkpoint(), lease.owner(), PointerSettings.RESET);
            return;
        }
        boolean seeded = LeaseCheckpoints.setCheckpoint(clients.dynamoDb(), application, shard.get(), sequenceNumber, -1,
                LeaseCheckpoints.Condition.untouched(lease.checkpoint()));
        if (seeded) {
            LOG.info("Shard {} starts at sequence number {} ({}=reset_by_offset); the other shards without a"
                    + " checkpoint start at their earliest record", shard.get(), sequenceNumber, PointerSettings.RESET);
        } else {
            LOG.info("Shard {} was taken or checkpointed meanwhile: {}=reset_by_offset does not apply to it",
                    shard.get(), PointerSettings.RESET);
        }
    }

    /** Whether a checkpoint is an initial-position sentinel (nothing committed yet). */
    static boolean isSentinel(String checkpoint) {
        return "TRIM_HORIZON".equals(checkpoint) || "LATEST".equals(checkpoint) || "AT_TIMESTAMP".equals(checkpoint);
    }
}
