package io.inlet.common.state;

import io.inlet.common.writer.WriterStats;
import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.message.Pointer;

import java.util.Objects;

/**
 * The live state of one partition (Kafka) or shard (Kinesis), updated by the runtime as it reads,
 * writes and commits, and read by the state API through {@link #snapshot()}.
 *
 * <p>Thread-safe: every field may be set and read from any thread. A snapshot reads each field once;
 * fields updated while it is taken may be from moments a few microseconds apart.
 */
public final class PartitionState {

    private final String stream;
    private final String partition;
    private final Pointer.Kind pointerKind;
    private final ErrorPolicy errorPolicy;
    private final PartitionCounters counters = new PartitionCounters();

    private volatile boolean closed;
    private volatile boolean blocked;
    private volatile boolean paused;
    private volatile boolean backpressured;
    private volatile boolean processing;
    private volatile Pointer committedPointer;
    private volatile Pointer lastAcknowledgedPointer;
    private volatile Pointer latestPointer;
    private volatile Long lagInMillis;
    private volatile long lastAcknowledgedTimestamp = -1;
    private volatile LastError lastError;
    private volatile String owner;
    private volatile long committedAtMillis = System.currentTimeMillis();

    /**
     * @param stream      Kafka topic or Kinesis stream
     * @param partition   Kafka partition number or Kinesis shard id
     * @param pointerKind the kind of every pointer set here
     * @param errorPolicy the (shared, switchable) error policy, whose current strategy is reported
     */
    private volatile java.util.function.Supplier<WriterStats> writerStats;

    public PartitionState(String stream, String partition, Pointer.Kind pointerKind, ErrorPolicy errorPolicy) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.partition = Objects.requireNonNull(partition, "partition");
        this.pointerKind = Objects.requireNonNull(pointerKind, "pointerKind");
        this.errorPolicy = Objects.requireNonNull(errorPolicy, "errorPolicy");
    }

    public String stream() {
        return stream;
    }

    public String partition() {
        return partition;
    }

    public Pointer.Kind pointerKind() {
        return pointerKind;
    }

    public ErrorPolicy errorPolicy() {
        return errorPolicy;
    }

    public PartitionCounters counters() {
        return counters;
    }

    /** What the reader is doing, derived from the facts below by {@link PollerState#of}. */
    public PollerState pollerState() {
        return PollerState.of(closed, blocked, paused || backpressured, processing);
    }

    /** Whether the user paused reading (pause API); shown as {@code paused} in the state API. */
    public boolean paused() {
        return paused;
    }

    /** The user paused reading (pause API), or resumed it. */
    public void setPaused(boolean paused) {
        this.paused = paused;
    }

    /** The source is paused (or waits) because the writer's buffer is full, or no longer. */
    public void setBackpressured(boolean backpressured) {
        this.backpressured = backpressured;
    }

    /** The reader holds records it has read and is handing them to the writer, or is done with them. */
    public void setProcessing(boolean processing) {
        this.processing = processing;
    }

    /** The writer stopped at a message of this partition under {@code error_strategy=BLOCK}, or moved past it. */
    public void setBlocked(boolean blocked) {
        this.blocked = blocked;
    }

    public boolean blocked() {
        return blocked;
    }

    /** The partition is no longer read here (revoked, shard ended, lease lost); final. */
    public void close() {
        this.closed = true;
    }

    public Pointer committedPointer() {
        return committedPointer;
    }

    /** The last pointer committed to the source (Kafka: the offset before the one returned by preCommit). */
    public void setCommittedPointer(Pointer pointer) {
        PartitionSnapshot.requireKind(pointerKind, pointer, "committed pointer");
        if (pointer != null && !pointer.equals(committedPointer)) {
            committedAtMillis = System.currentTimeMillis();
        }
        this.committedPointer = pointer;
    }

    /**
     * How long the committed pointer has stood still while the partition is behind (a lag in messages or time), in
     * milliseconds at {@code nowMillis}; 0 when nothing is left to commit. Since the partition was opened here when
     * nothing was ever committed.
     */
    public long commitAgeMillis(long nowMillis) {
        Long messages = pointerBasedLag();
        Long millis = lagInMillis;
        boolean behind = (messages != null && messages > 0) || (messages == null && millis != null && millis > 0);
        return behind ? Math.max(0, nowMillis - committedAtMillis) : 0;
    }

    public Pointer lastAcknowledgedPointer() {
        return lastAcknowledgedPointer;
    }

    public void setLastAcknowledgedPointer(Pointer pointer) {
        PartitionSnapshot.requireKind(pointerKind, pointer, "last acknowledged pointer");
        this.lastAcknowledgedPointer = pointer;
    }

    /** Raises the last acknowledged pointer; a lower one (acknowledged out of order) leaves it as it is. */
    public synchronized void setLastAcknowledgedPointerIfNewer(Pointer pointer) {
        if (lastAcknowledgedPointer == null || pointer.compareTo(lastAcknowledgedPointer) > 0) {
            setLastAcknowledgedPointer(pointer);
        }
    }

    /** Raises the latest known pointer of the source (a message seen is at least that far). */
    public synchronized void setLatestPointerIfNewer(Pointer pointer) {
        if (latestPointer == null || pointer.compareTo(latestPointer) > 0) {
            setLatestPointer(pointer);
        }
    }

    public Pointer latestPointer() {
        return latestPointer;
    }

    /** The newest pointer available in the source (Kafka: end offset - 1), or null when unknown. */
    public void setLatestPointer(Pointer pointer) {
        PartitionSnapshot.requireKind(pointerKind, pointer, "latest pointer");
        this.latestPointer = pointer;
    }

    /** Kafka: {@code latest - committed}; null for Kinesis or when either is unknown. */
    public Long pointerBasedLag() {
        return PartitionSnapshot.pointerBasedLag(committedPointer, latestPointer);
    }

    public Long lagInMillis() {
        return lagInMillis;
    }

    /** How far behind the newest message reading is (Kinesis: millisBehindLatest), or null when unknown. */
    /** Source timestamp (epoch ms) of the newest acknowledged message, or -1. */
    public long lastAcknowledgedTimestamp() {
        return lastAcknowledgedTimestamp;
    }

    public void setLastAcknowledgedTimestamp(long timestamp) {
        if (timestamp > lastAcknowledgedTimestamp) {
            this.lastAcknowledgedTimestamp = timestamp;
        }
    }

    public void setLagInMillis(Long millis) {
        this.lagInMillis = millis;
    }

    /**
     * For a source that doesn't say how far behind reading is (Kafka): 0 when nothing is left to read, else the age
     * of the newest acknowledged message at {@code nowMillis}, or unknown.
     */
    public void updateLagFromAcknowledged(long nowMillis) {
        Long lag = pointerBasedLag();
        long ts = lastAcknowledgedTimestamp;
        setLagInMillis(lag == null ? null : lag == 0 ? 0L : ts < 0 ? null : Math.max(0, nowMillis - ts));
    }

    public LastError lastError() {
        return lastError;
    }

    /** Records the most recent error, replacing the previous one. */
    public void recordError(LastError error) {
        Objects.requireNonNull(error, "error");
        PartitionSnapshot.requireKind(pointerKind, error.pointer(), "error pointer");
        this.lastError = error;
    }

    /** Records the most recent error, replacing the previous one. */
    public void recordError(Pointer pointer, String reason, String message, long timestampMillis) {
        recordError(new LastError(pointer, reason, message, timestampMillis));
    }

    /** Forgets the last error, e.g. once a blocked partition moves on. */
    public void clearError() {
        this.lastError = null;
    }

    public String owner() {
        return owner;
    }

    /** The worker id (Kafka) or lease owner (Kinesis) reading this partition, or null. */
    public void setOwner(String owner) {
        this.owner = owner;
    }

    /** An immutable copy of the state now. */
    public PartitionSnapshot snapshot() {
        Pointer committed = committedPointer;
        Pointer latest = latestPointer;
        return new PartitionSnapshot(stream, partition, pointerKind, pollerState(), errorPolicy.current(), paused,
                committed, lastAcknowledgedPointer, latest, PartitionSnapshot.pointerBasedLag(committed, latest),
                lagInMillis, counters.snapshot(), lastError, owner, writerStats == null ? null : writerStats.get());
    }

    /** Where the snapshot takes the figures of the writer serving this partition from. */
    public void setWriterStats(java.util.function.Supplier<WriterStats> stats) {
        this.writerStats = stats;
    }

    @Override
    public String toString() {
        return "PartitionState[" + stream + "-" + partition + ", " + pollerState()
                + ", committed=" + (committedPointer == null ? "none" : committedPointer.asString()) + "]";
    }
}
