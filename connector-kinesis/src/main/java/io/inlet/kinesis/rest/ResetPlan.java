package io.inlet.kinesis.rest;

import io.inlet.common.pointer.PartitionReset;
import io.inlet.kinesis.config.KinesisWorkerConfig;
import io.inlet.kinesis.kcl.KinesisClients;
import io.inlet.kinesis.kcl.LeaseCheckpoints;
import io.inlet.kinesis.kcl.LeaseTable;
import io.inlet.kinesis.kcl.ShardPositions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The checkpoints a resume with {@code reset_settings} writes, worked out before the scheduler is
 * stopped (so a bad request changes nothing) and written after it stopped:
 * <ul>
 *   <li>{@code offset}: just before that record (sequence number, sub-sequence -1), so the KCL delivers
 *       the record itself; the record must belong to the shard;</li>
 *   <li>{@code timestamp}: just before the first record that arrived at or after the time (found with
 *       {@code GetShardIterator AT_TIMESTAMP} and {@code GetRecords}); when every record is older, the
 *       checkpoint is left as it is (the graceful stop just wrote it, so nothing after the time is missed);</li>
 *   <li>{@code earliest}: {@code TRIM_HORIZON}; {@code latest}: {@code LATEST} (records put while the worker
 *       restarts are skipped, as "latest" says).</li>
 * </ul>
 * Refused: unknown shards, shards without a lease yet, finished shards (SHARD_END: rewind their
 * children instead), and shards another worker owns (send the request to that worker).
 */
public final class ResetPlan {

    private record Target(String shard, String checkpoint, long subSequence, String note) {
    }

    private final KinesisClients clients;
    private final String application;
    private final String workerId;
    private final List<Target> targets;

    private ResetPlan(KinesisClients clients, String application, String workerId, List<Target> targets) {
        this.clients = clients;
        this.application = application;
        this.workerId = workerId;
        this.targets = targets;
    }

    /**
     * Checks the resets against the stream and the lease table and looks up their positions.
     *
     * @throws IllegalArgumentException for a reset that can't apply
     * @throws IllegalStateException    for a shard another worker owns
     */
    public static ResetPlan prepare(KinesisClients clients, KinesisWorkerConfig config, String workerId, List<PartitionReset> resets) {
        ShardPositions positions = new ShardPositions(clients.kinesis(), config.stream());
        Set<String> shards = positions.shards().stream().map(Shard::shardId).collect(Collectors.toCollection(
                java.util.TreeSet::new));
        Map<String, LeaseTable.Lease> leases = LeaseTable.leases(clients.dynamoDb(), config.applicationName());
        List<Target> targets = new java.util.ArrayList<>();
        for (PartitionReset r : resets) {
            if (!shards.contains(r.partition())) {
                throw new IllegalArgumentException("stream " + config.streamName() + " has no shard " + r.partition()
                        + ": its shards are " + shards);
            }
            LeaseTable.Lease lease = leases.get(r.partition());
            if (lease == null) {
                throw new IllegalStateException("shard " + r.partition() + " has no lease yet (its parents are still being"
                        + " read): retry once it is read");
            }
            if ("SHARD_END".equals(lease.checkpoint())) {
                throw new IllegalArgumentException("shard " + r.partition() + " is finished (SHARD_END) and its children"
                        + " were read after it: rewind its child shards instead");
            }
            if (lease.owner() != null && !lease.owner().equals(workerId)) {
                throw new IllegalStateException("shard " + r.partition() + " is read by worker " + lease.owner()
                        + ", not " + workerId + ": send the reset to that worker's management API");
            }
            targets.add(target(positions, r));
        }
        return new ResetPlan(clients, config.applicationName(), workerId, targets);
    }

    private static Target target(ShardPositions positions, PartitionReset r) {
        return switch (r.mode()) {
            case EARLIEST -> new Target(r.partition(), "TRIM_HORIZON", 0, "TRIM_HORIZON");
            case LATEST -> new Target(r.partition(), "LATEST", 0, "LATEST");
            case OFFSET -> {
                if (!positions.holds(r.partition(), r.offset())) {
                    throw new IllegalArgumentException("sequence number " + r.offset() + " is not a record of shard "
                            + r.partition() + " (it belongs to another shard, or was trimmed): write a SequenceNumber of"
                            + " that shard");
                }
                yield new Target(r.partition(), r.offset(), -1, "at " + r.offset());
            }
            case TIMESTAMP -> {
                Optional<String> first = positions.firstAtOrAfter(r.partition(), r.time());
                yield first.map(seq -> new Target(r.partition(), seq, -1, "at " + seq))
                        .orElse(new Target(r.partition(), null, 0, "unchanged: no record at or after " + r.time()));
            }
        };
    }

    /**
     * Writes the checkpoints; call with the scheduler stopped.
     *
     * @return per shard, what was written (or why nothing was)
     */
    public Map<String, String> apply() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Target t : targets) {
            if (t.checkpoint() == null) {
                out.put(t.shard(), t.note());
                continue;
            }
            boolean written = LeaseCheckpoints.setCheckpoint(clients.dynamoDb(), application, t.shard(), t.checkpoint(),
                    t.subSequence(), LeaseCheckpoints.Condition.ownedByOrFree(workerId));
            out.put(t.shard(), written ? t.note() : "unchanged: the lease was taken by another worker meanwhile");
        }
        return out;
    }
}
