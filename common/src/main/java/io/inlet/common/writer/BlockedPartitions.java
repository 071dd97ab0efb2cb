package io.inlet.common.writer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The partitions (or shards) of one lane that {@code error_strategy=BLOCK} stopped: per partition, the
 * refused message at its head, the failure, when to try it again, and the later messages of that
 * partition that reached the lane meanwhile, kept in order. Only the blocked partition waits; the lane
 * goes on writing the others. Used by the lane's thread only.
 */
final class BlockedPartitions {

    /** One blocked partition: its refused message, and what came after it, in stream order. */
    static final class Blocked {
        private final Pending head;
        private final ArrayDeque<Pending> behind = new ArrayDeque<>();
        private Failure failure;
        private int attempt;
        private long nextTryMillis;

        private Blocked(Pending head, Failure failure, long nextTryMillis) {
            this.head = head;
            this.failure = failure;
            this.nextTryMillis = nextTryMillis;
        }

        Pending head() {
            return head;
        }

        Failure failure() {
            return failure;
        }

        /** Another refusal of the head: remember why, and try again at {@code nextTryMillis}. */
        void refusedAgain(Failure why, long nextTryMillis) {
            if (why != null) {
                failure = why;
            }
            this.nextTryMillis = nextTryMillis;
        }

        int nextAttempt() {
            return ++attempt;
        }
    }

    private final Map<String, Blocked> byPartition = new LinkedHashMap<>();

    private static String key(Pending p) {
        return p.message().stream() + '\u0000' + p.message().partition();
    }

    /** True when the message's partition is blocked (so the message must wait behind the refused one). */
    boolean holds(Pending p) {
        return byPartition.containsKey(key(p));
    }

    /** Blocks the message's partition at this message. */
    void block(Pending head, Failure failure, long nextTryMillis) {
        byPartition.put(key(head), new Blocked(head, failure, nextTryMillis));
    }

    /** Queues a message behind its blocked partition's head. */
    void append(Pending p) {
        byPartition.get(key(p)).behind.add(p);
    }

    boolean isEmpty() {
        return byPartition.isEmpty();
    }

    /** The blocked partitions due for another try at {@code now} (all of them when {@code all}). */
    List<Blocked> due(long now, boolean all) {
        List<Blocked> due = new ArrayList<>();
        for (Blocked b : byPartition.values()) {
            if (all || b.nextTryMillis <= now || b.head.cancelled().getAsBoolean()) {
                due.add(b);
            }
        }
        return due;
    }

    /** Milliseconds until the next blocked partition is due, at most {@code cap}. */
    long millisToNextTry(long now, long cap) {
        long wait = cap;
        for (Blocked b : byPartition.values()) {
            wait = Math.min(wait, Math.max(0, b.nextTryMillis - now));
        }
        return wait;
    }

    /** Unblocks a partition whose head is finished with; returns what waited behind it, in order. */
    List<Pending> unblock(Blocked b) {
        for (Iterator<Map.Entry<String, Blocked>> it = byPartition.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() == b) {
                it.remove();
                break;
            }
        }
        return new ArrayList<>(b.behind);
    }
}
