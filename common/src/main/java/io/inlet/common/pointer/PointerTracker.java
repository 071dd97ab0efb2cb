package io.inlet.common.pointer;

import io.inlet.common.message.Pointer;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Works out how far one Kafka partition or Kinesis shard may be committed.
 *
 * <p>Inlet writes messages in parallel lanes, so they finish out of order: offset 7 may be written
 * before offset 5. The source, however, can only remember one position per partition, and a crash
 * replays everything after it. This tracker therefore reports as {@linkplain #committed() committed}
 * the end of the longest prefix of messages that are all acknowledged, and never moves past a
 * message that is still in flight. Replaying from there is safe because writes are idempotent
 * (external versions or deterministic ids), which is what makes delivery effectively once.
 *
 * <p>Use one tracker per partition or shard:
 * <ol>
 *   <li>{@link #track(Pointer)} each message, in source order, as it is handed to the writer;</li>
 *   <li>{@link #acknowledge(Pointer)} it once it is finished with: written, found stale, or
 *       dead-lettered; acknowledgements may come in any order and from any thread;</li>
 *   <li>commit {@link #committed()} to the source: the Kafka adapter returns it (as offset + 1, the
 *       next offset to read) from {@code preCommit}; the Kinesis adapter checkpoints it;</li>
 *   <li>{@link #reset()} when the partition is revoked or rewound.</li>
 * </ol>
 *
 * <p>Pointers need not be contiguous: a compacted Kafka topic may yield offsets 3, 4, 7, 9 and Kinesis
 * sequence numbers are sparse. Only their order matters.
 *
 * <p>Thread-safe. Each call costs amortised O(1) ({@code track}, {@code committed}) or O(log n)
 * ({@code acknowledge}, a binary search over the pending messages), where n is the number of messages
 * tracked and not yet below the committed pointer.
 */
public final class PointerTracker {

    private static final int INITIAL_CAPACITY = 64;

    /** Ring buffer of tracked pointers not yet committed, in increasing order from {@code head}. */
    private Pointer[] pointers = new Pointer[INITIAL_CAPACITY];
    private boolean[] acked = new boolean[INITIAL_CAPACITY];
    private int head;
    private int size;
    private int pending;

    private Pointer lastTracked;
    private Pointer committed;
    private Pointer lastAcknowledged;

    /**
     * Records that the message at {@code pointer} was handed to the writer.
     *
     * @throws IllegalStateException when {@code pointer} is not greater than the last tracked pointer,
     *                               which means the source delivered out of order or a rewind was not
     *                               followed by {@link #reset()}
     * @throws IllegalArgumentException when {@code pointer} is of a different kind than those tracked
     */
    public synchronized void track(Pointer pointer) {
        Objects.requireNonNull(pointer, "pointer");
        if (lastTracked != null && pointer.compareTo(lastTracked) <= 0) {
            throw new IllegalStateException("pointer " + pointer.asString() + " tracked after "
                    + lastTracked.asString() + ": pointers of one partition must increase"
                    + " (reset the tracker after a rewind)");
        }
        if (size == pointers.length) {
            grow();
        }
        int slot = slot(size);
        pointers[slot] = pointer;
        acked[slot] = false;
        size++;
        pending++;
        lastTracked = pointer;
    }

    /**
     * Records that the message at {@code pointer} is finished with (written, stale or dead-lettered),
     * and advances the committed pointer over every acknowledged message at the head.
     *
     * @return true when this acknowledged a pending message; false when {@code pointer} is not pending
     *         here: never tracked, already acknowledged, or forgotten by {@link #reset()} (a write that
     *         completes after its partition was revoked). A false return never moves anything.
     */
    public synchronized boolean acknowledge(Pointer pointer) {
        Objects.requireNonNull(pointer, "pointer");
        int index = indexOf(pointer);
        if (index < 0) {
            return false;
        }
        int slot = slot(index);
        if (acked[slot]) {
            return false;
        }
        acked[slot] = true;
        if (--pending == 0) {
            notifyAll(); // wakes awaitSettled
        }
        if (lastAcknowledged == null || pointer.compareTo(lastAcknowledged) > 0) {
            lastAcknowledged = pointer;
        }
        if (index == 0) {
            popAcknowledgedHead();
        }
        return true;
    }

    /**
     * The pointer up to which everything tracked is acknowledged: the last pointer of the longest
     * acknowledged prefix. Empty until the first tracked message is acknowledged (or after
     * {@link #reset()}).
     */
    public synchronized Optional<Pointer> committed() {
        return Optional.ofNullable(committed);
    }

    /** The highest pointer acknowledged so far, which may be ahead of {@link #committed()}. */
    public synchronized Optional<Pointer> lastAcknowledged() {
        return Optional.ofNullable(lastAcknowledged);
    }

    /**
     * The oldest tracked pointer not yet acknowledged: the one the committed pointer waits for. Everything
     * tracked before it is acknowledged, so when nothing is committed yet it is where reading may resume.
     */
    public synchronized Optional<Pointer> oldestPending() {
        return size == 0 ? Optional.empty() : Optional.of(pointers[head]);
    }

    /** The last pointer passed to {@link #track(Pointer)}. */
    public synchronized Optional<Pointer> lastTracked() {
        return Optional.ofNullable(lastTracked);
    }

    /** How many tracked messages are not yet acknowledged. */
    public synchronized int pending() {
        return pending;
    }

    /**
     * Waits until every tracked message is acknowledged (or forgotten by {@link #reset()}), at most
     * {@code timeoutMillis}; true when nothing is pending.
     */
    public synchronized boolean awaitSettled(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (pending > 0) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /**
     * Forgets everything, for a revoked partition or a rewind. Acknowledgements of messages tracked
     * before the reset are then ignored ({@link #acknowledge(Pointer)} returns false), unless the same
     * pointers are tracked again, in which case they stand for the same messages.
     */
    public synchronized void reset() {
        pointers = new Pointer[INITIAL_CAPACITY];
        acked = new boolean[INITIAL_CAPACITY];
        head = 0;
        size = 0;
        pending = 0;
        lastTracked = null;
        committed = null;
        lastAcknowledged = null;
        notifyAll();
    }

    private void popAcknowledgedHead() {
        while (size > 0 && acked[head]) {
            committed = pointers[head];
            pointers[head] = null;
            head = (head + 1) % pointers.length;
            size--;
        }
    }

    /** Binary search for {@code pointer} among the tracked entries; its logical index or -1. */
    private int indexOf(Pointer pointer) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = pointers[slot(mid)].compareTo(pointer);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private int slot(int index) {
        return (head + index) % pointers.length;
    }

    private void grow() {
        int capacity = pointers.length;
        if (capacity >= Integer.MAX_VALUE / 2) {
            throw new IllegalStateException("too many messages in flight on one partition: " + size);
        }
        Pointer[] newPointers = new Pointer[capacity * 2];
        boolean[] newAcked = new boolean[capacity * 2];
        for (int i = 0; i < size; i++) {
            newPointers[i] = pointers[slot(i)];
            newAcked[i] = acked[slot(i)];
        }
        pointers = newPointers;
        acked = newAcked;
        head = 0;
    }

    @Override
    public synchronized String toString() {
        return "PointerTracker[committed=" + (committed == null ? "none" : committed.asString())
                + ", pending=" + pending + ", tracked=" + size + "]";
    }
}
