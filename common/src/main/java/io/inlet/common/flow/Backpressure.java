package io.inlet.common.flow;

import io.inlet.common.state.PartitionState;
import io.inlet.common.writer.BulkWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.function.BooleanSupplier;

/**
 * When a source must stop reading because the writer's buffer is full, and when it may read again: the one rule
 * both runtimes apply, each in its own way. A Kafka task pauses its partitions through Connect ({@link #update},
 * {@link #holds}); a Kinesis shard processor waits in {@code processRecords}, which stops the KCL fetching the
 * shard ({@link #awaitRoom}). Reading stops when the buffer could not take another poll's worth of records (or
 * records were just handed back) and starts again once it is at most half full, so a source does not flap at the
 * bound. While reading is stopped the writer is told, so what is queued goes at once instead of lingering for
 * more. The partitions' states show it ({@code PAUSED}).
 */
public final class Backpressure {

    /** How long one wait for room lasts before {@code stopping} is looked at again. */
    private static final Duration ROOM_WAIT_SLICE = Duration.ofMillis(100);

    private final BulkWriter writer;
    private boolean on;
    private long largestPollBytes;

    public Backpressure(BulkWriter writer) {
        this.writer = writer;
    }

    /** A poll brought {@code bytes} (payloads plus overhead): reading stops while the buffer couldn't take that much. */
    public void polled(long bytes) {
        largestPollBytes = Math.max(largestPollBytes, bytes);
    }

    /**
     * Decides, after a poll was handed on, whether reading must stop now ({@code handedBack}: some records did
     * not fit and go back to the source) or may go on, and shows it in {@code partitions}' states. Called by one
     * thread (a Kafka task's).
     *
     * @return whether the source's partitions stay paused for a full buffer
     */
    public boolean update(boolean handedBack, Collection<PartitionState> partitions) {
        if (!on && (handedBack || !writer.hasRoomForBytes(largestPollBytes) || writer.isFull())) {
            on = true;
        } else if (on && writer.hasRoom()) {
            on = false;
        }
        if (on) {
            writer.sourcePaused();
        }
        for (PartitionState s : partitions) {
            s.setBackpressured(on);
        }
        return on;
    }

    /**
     * Whether {@code partition} must not be read now: the buffer is full, or the writer stopped at one of its
     * messages under {@code error_strategy=BLOCK} (reading on would only fill the buffer behind it).
     */
    public boolean holds(PartitionState partition) {
        return on || partition.blocked();
    }

    /**
     * Waits while the buffer is full, {@code partition} shown PAUSED meanwhile (the Kinesis way: the shard is not
     * fetched while its processor waits). Any number of threads may wait at once.
     *
     * @return true to go on; false when {@code stopping} turned true
     */
    public boolean awaitRoom(PartitionState partition, BooleanSupplier stopping) throws InterruptedException {
        if (writer.isFull()) {
            writer.sourcePaused();
            partition.setBackpressured(true);
            try {
                while (!writer.awaitRoom(ROOM_WAIT_SLICE)) {
                    if (stopping.getAsBoolean()) {
                        return false;
                    }
                }
            } finally {
                partition.setBackpressured(false);
            }
        }
        return !stopping.getAsBoolean();
    }
}
