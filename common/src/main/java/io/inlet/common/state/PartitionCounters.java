package io.inlet.common.state;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running counts for one partition or shard, shown in the state API. Named after OpenSearch
 * pull-based ingestion's counters, with Inlet's own {@code indexed} and {@code deleted} added.
 * Thread-safe and cheap to increment from any writer lane.
 */
public final class PartitionCounters {

    private final LongAdder processed = new LongAdder();
    private final LongAdder invalidMessages = new LongAdder();
    private final LongAdder versionConflicts = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder indexed = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final Map<String, LongAdder> droppedByReason = new ConcurrentHashMap<>();

    /** {@code total_processed_count}: a message was read and handed on, whatever became of it. */
    public void incrementProcessed() {
        processed.increment();
    }

    /**
     * {@code total_invalid_message_count}: a message could not be turned into a write (malformed JSON,
     * unknown op, bad version, missing id for a delete).
     */
    public void incrementInvalidMessages() {
        invalidMessages.increment();
    }

    /**
     * {@code total_version_conflicts_count}: a message was stale, the index already held its version or
     * a newer one. Expected after a replay; not an error.
     */
    public void incrementVersionConflicts() {
        versionConflicts.increment();
    }

    /** {@code total_failed_count}: OpenSearch rejected a message (mapping or parse error, other 4xx). */
    public void incrementFailed() {
        failed.increment();
    }

    /** {@code total_dropped_count}: a message was given up under {@code DROP} and dead-lettered. */
    public void incrementDropped() {
        dropped.increment();
    }

    /** As {@link #incrementDropped()}, also counted under the reason code it was refused with. */
    public void incrementDropped(String reasonCode) {
        dropped.increment();
        droppedByReason.computeIfAbsent(reasonCode, r -> new LongAdder()).increment();
    }

    /** The dropped messages by reason code (those counted with one), in the order of the codes. */
    public Map<String, Long> droppedByReason() {
        Map<String, Long> out = new TreeMap<>();
        droppedByReason.forEach((reason, count) -> out.put(reason, count.sum()));
        return out;
    }

    /** {@code total_retries}: a write was retried after a passing failure (429, 5xx, I/O, write block). */
    public void incrementRetries() {
        retries.increment();
    }

    /** Adds {@code count} retries at once, e.g. every item of a batch retried together. */
    public void addRetries(long count) {
        retries.add(count);
    }

    /** {@code total_indexed_count}: a document was written by an index, create or update. */
    public void incrementIndexed() {
        indexed.increment();
    }

    /** {@code total_deleted_count}: a delete succeeded (including of an already absent document). */
    public void incrementDeleted() {
        deleted.increment();
    }

    /** The counts now. Each count is exact; counts taken during increments may be a step apart. */
    public CountersSnapshot snapshot() {
        return new CountersSnapshot(processed.sum(), invalidMessages.sum(), versionConflicts.sum(), failed.sum(),
                dropped.sum(), retries.sum(), indexed.sum(), deleted.sum());
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
