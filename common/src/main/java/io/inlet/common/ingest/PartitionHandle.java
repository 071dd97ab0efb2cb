package io.inlet.common.ingest;

import io.inlet.common.message.Pointer;
import io.inlet.common.pointer.PointerTracker;
import io.inlet.common.state.PartitionState;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What Inlet keeps for one partition or shard while it is assigned: its pointer tracker and its
 * state. A reset or a close starts a new generation, which cancels every message of the old one still
 * inside the writer (so a late acknowledgement can't move the new generation's pointer).
 */
public final class PartitionHandle {

    private final PartitionState state;
    private final PointerTracker tracker = new PointerTracker();
    private volatile long generation;
    private volatile boolean closed;

    PartitionHandle(PartitionState state) {
        this.state = state;
    }

    public PartitionState state() {
        return state;
    }

    public String stream() {
        return state.stream();
    }

    public String partition() {
        return state.partition();
    }

    /** The pointer of the last message of the longest acknowledged prefix, if any. */
    public Optional<Pointer> committed() {
        return tracker.committed();
    }

    /** The oldest message handed to the writer and not yet acknowledged, if any. */
    public Optional<Pointer> oldestPending() {
        return tracker.oldestPending();
    }

    /** Messages handed to the writer and not yet acknowledged. */
    public int pending() {
        return tracker.pending();
    }

    /**
     * Waits until every message handed to the writer is acknowledged (or the partition is reset or closed), at
     * most {@code timeout}; true when nothing is pending.
     */
    public boolean awaitAcknowledged(Duration timeout) throws InterruptedException {
        return tracker.awaitSettled(timeout.toMillis());
    }

    PointerTracker tracker() {
        return tracker;
    }

    /** A flag that turns true when this generation ends (reset or close). */
    BooleanSupplier currentGeneration() {
        long g = generation;
        return () -> closed || generation != g;
    }

    /** Forgets every message in flight and the acknowledged prefix: the source is about to re-read from elsewhere. */
    synchronized void reset() {
        generation++;
        tracker.reset();
        state.setCommittedPointer(null);
        state.setLastAcknowledgedPointer(null);
    }

    synchronized void close() {
        closed = true;
        tracker.reset();
    }

    boolean isClosed() {
        return closed;
    }
}
