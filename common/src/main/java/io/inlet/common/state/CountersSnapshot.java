package io.inlet.common.state;

/**
 * The counters of one partition or shard at one moment; see {@link PartitionCounters} for what each
 * counts. JSON names: {@code total_processed_count}, {@code total_invalid_message_count},
 * {@code total_version_conflicts_count}, {@code total_failed_count}, {@code total_dropped_count},
 * {@code total_retries}, {@code total_indexed_count}, {@code total_deleted_count}.
 */
public record CountersSnapshot(long processed, long invalidMessages, long versionConflicts, long failed,
                               long dropped, long retries, long indexed, long deleted) {

    /** All zero. */
    public static final CountersSnapshot ZERO = new CountersSnapshot(0, 0, 0, 0, 0, 0, 0, 0);

    /** The sum of this and {@code other}, for totals over partitions. */
    public CountersSnapshot plus(CountersSnapshot other) {
        return new CountersSnapshot(processed + other.processed, invalidMessages + other.invalidMessages,
                versionConflicts + other.versionConflicts, failed + other.failed, dropped + other.dropped,
                retries + other.retries, indexed + other.indexed, deleted + other.deleted);
    }
}
