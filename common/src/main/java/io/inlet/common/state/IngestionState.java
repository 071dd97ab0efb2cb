package io.inlet.common.state;

import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.message.Pointer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The live state of one ingestion (a Kafka connector's task, or a Kinesis worker): the
 * {@link PartitionState} of each partition or shard it reads, all sharing one switchable
 * {@link ErrorPolicy}. Partitions are added as they are assigned and removed (or marked
 * {@link PollerState#CLOSED}) as they are revoked. Thread-safe.
 */
public final class IngestionState {

    private final String name;
    private final ErrorPolicy errorPolicy;
    private final ConcurrentMap<Key, PartitionState> partitions = new ConcurrentHashMap<>();

    private record Key(String stream, String partition) {
    }

    public IngestionState(String name, ErrorPolicy errorPolicy) {
        this.name = Objects.requireNonNull(name, "name");
        this.errorPolicy = Objects.requireNonNull(errorPolicy, "errorPolicy");
    }

    public String name() {
        return name;
    }

    public ErrorPolicy errorPolicy() {
        return errorPolicy;
    }

    /**
     * The state of {@code partition} of {@code stream}, created on first use.
     *
     * @throws IllegalArgumentException when it exists with another kind of pointer
     */
    public PartitionState partition(String stream, String partition, Pointer.Kind pointerKind) {
        PartitionState state = partitions.computeIfAbsent(new Key(stream, partition),
                k -> new PartitionState(stream, partition, pointerKind, errorPolicy));
        if (state.pointerKind() != pointerKind) {
            throw new IllegalArgumentException("partition " + stream + "-" + partition + " has "
                    + state.pointerKind() + " pointers, not " + pointerKind);
        }
        return state;
    }

    /** The state of {@code partition} of {@code stream}, if it is known. */
    public Optional<PartitionState> find(String stream, String partition) {
        return Optional.ofNullable(partitions.get(new Key(stream, partition)));
    }

    /** Forgets a partition, e.g. once it is revoked; returns its last state. */
    public Optional<PartitionState> remove(String stream, String partition) {
        return Optional.ofNullable(partitions.remove(new Key(stream, partition)));
    }

    /** Every partition known now, in no particular order. */
    public List<PartitionState> partitions() {
        return new ArrayList<>(partitions.values());
    }

    /** An immutable copy of the state now, partitions ordered by stream then partition. */
    public IngestionSnapshot snapshot() {
        List<PartitionSnapshot> snapshots = new ArrayList<>();
        for (PartitionState state : partitions.values()) {
            snapshots.add(state.snapshot());
        }
        snapshots.sort(PartitionSnapshot.ORDER);
        return new IngestionSnapshot(name, snapshots);
    }

    @Override
    public String toString() {
        return "IngestionState[" + name + ", " + partitions.size() + " partitions, " + errorPolicy.current() + "]";
    }
}
