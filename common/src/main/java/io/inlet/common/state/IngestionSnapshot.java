package io.inlet.common.state;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one ingestion (a Kafka connector or a Kinesis worker's pipeline) at one moment: what
 * {@code GET /inlet/connectors/{name}/state} and {@code GET /ingestion/_state} return. Immutable;
 * rendered and read back by {@link StateJson}.
 *
 * @param name       the connector or ingestion name
 * @param partitions every partition or shard, ordered by stream then partition
 */
public record IngestionSnapshot(String name, List<PartitionSnapshot> partitions) {

    public IngestionSnapshot {
        Objects.requireNonNull(name, "name");
        partitions = List.copyOf(partitions);
    }

    /** The partition or shard {@code partition} of {@code stream}, if present. */
    public Optional<PartitionSnapshot> find(String stream, String partition) {
        return partitions.stream()
                .filter(p -> p.stream().equals(stream) && p.partition().equals(partition))
                .findFirst();
    }

    /** The counters summed over every partition. */
    public CountersSnapshot totals() {
        return partitions.stream().map(PartitionSnapshot::counters).reduce(CountersSnapshot.ZERO, CountersSnapshot::plus);
    }
}
