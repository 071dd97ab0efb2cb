package io.inlet.kinesis;

import io.inlet.common.message.Pointer;
import io.inlet.common.state.PartitionSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the worker knows of its shards beyond the live ingestion state: the checkpoint last written to
 * the lease table for each shard it owns (the state's {@code committed_pointer}: where a crash would
 * resume), and the final state of the shards it finished ({@code SHARD_END}), kept so the state API
 * still shows a parent shard after resharding. Thread-safe.
 */
final class ShardLedger {

    private final Map<String, Pointer> checkpoints = new ConcurrentHashMap<>();
    private final Map<String, PartitionSnapshot> finished = new ConcurrentHashMap<>();

    /** The shard's checkpoint is now {@code pointer} (a sequence number it was initialized at, or wrote). */
    void checkpointed(String shard, Pointer pointer) {
        checkpoints.put(shard, pointer);
    }

    /** The shard is no longer ours (lease lost, shut down): forget its checkpoint. */
    void released(String shard) {
        checkpoints.remove(shard);
    }

    /** The shard was read to its end and checkpointed at SHARD_END; {@code last} is its final state. */
    void finished(String shard, PartitionSnapshot last) {
        checkpoints.remove(shard);
        finished.put(shard, last);
    }

    Optional<Pointer> checkpoint(String shard) {
        return Optional.ofNullable(checkpoints.get(shard));
    }

    List<PartitionSnapshot> finishedShards() {
        return new ArrayList<>(finished.values());
    }

    /** Forgets the finished shards (a rewind makes them readable again). */
    void clearFinished() {
        finished.clear();
    }
}
