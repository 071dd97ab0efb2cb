package io.inlet.common.writer;

import io.inlet.common.message.Pointer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The partitions (or shards) that {@code error_strategy=BLOCK} stopped: per partition, the refused message at
 * its head (the earliest refused), the failure, when to try it again, and the later messages of that partition
 * that reached the writer meanwhile, kept in stream order whatever order they came back in. Messages before the
 * head still go; nothing after it is sent until the head is through. Guarded by the dispatcher's lock.
 */
final class BlockedPartitions {

    /** One blocked partition: its refused message, and what came after it, in stream order. */
    static final class Blocked {
        private final String key;
        private Pending head;
        private final TreeMap<Pointer, Pending> behind = new TreeMap<>();
        private Failure failure;
        private int attempt;
        private long nextTryMillis;
        private boolean trying;

        private Blocked(String key, Pending head, Failure failure, long nextTryMillis) {
            this.key = key;
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

        /** How many messages wait behind the head. */
        int waiting() {
            return behind.size();
        }
    }

    private final Map<String, Blocked> byPartition = new LinkedHashMap<>();

    private static String key(Pending p) {
        return p.message().stream() + '\u0000' + p.message().partition();
    }

    private static Pointer pointer(Pending p) {
        return p.message().pointer();
    }

    /** True when the message comes after its partition's refused head (so it must wait behind it). */
    boolean holds(Pending p) {
        if (byPartition.isEmpty()) {
            return false;
        }
        Blocked b = byPartition.get(key(p));
        return b != null && pointer(p).compareTo(pointer(b.head)) > 0;
    }

    /**
     * A refused message: blocks its partition at it, or, when the partition is blocked already, keeps it behind
     * the head (or makes it the head when it comes before). True when it is now the head.
     */
    boolean block(Pending refused, Failure failure, long nextTryMillis) {
        String key = key(refused);
        Blocked b = byPartition.get(key);
        if (b == null) {
            byPartition.put(key, new Blocked(key, refused, failure, nextTryMillis));
            return true;
        }
        if (pointer(refused).compareTo(pointer(b.head)) < 0) {
            b.behind.put(pointer(b.head), b.head);
            b.head = refused;
            b.failure = failure;
            b.nextTryMillis = nextTryMillis;
            return true;
        }
        b.behind.put(pointer(refused), refused);
        return false;
    }

    /** Queues a message behind its blocked partition's head ({@link #holds} was true). */
    void append(Pending p) {
        byPartition.get(key(p)).behind.put(pointer(p), p);
    }

    boolean isEmpty() {
        return byPartition.isEmpty();
    }

    /** The blocked partitions due for another try at {@code now} (all of them when {@code all}), marked as being tried. */
    List<Blocked> takeDue(long now, boolean all) {
        List<Blocked> due = new ArrayList<>();
        for (Blocked b : byPartition.values()) {
            if (!b.trying && (all || b.nextTryMillis <= now || b.head.cancelled().getAsBoolean())) {
                b.trying = true;
                due.add(b);
            }
        }
        return due;
    }

    /** Milliseconds until the next blocked partition is due, at most {@code cap}. */
    long millisToNextTry(long now, long cap) {
        long wait = cap;
        for (Blocked b : byPartition.values()) {
            if (!b.trying) {
                wait = Math.min(wait, Math.max(0, b.nextTryMillis - now));
            }
        }
        return wait;
    }

    /** The try of {@code tried} (the head when the try began) failed: the partition stays blocked. */
    void stillBlocked(Blocked b) {
        b.trying = false;
    }

    /**
     * {@code tried} (the head when the try began) is finished with. Returns what waited behind it, in stream order,
     * and unblocks the partition; or, when an earlier refusal became the head meanwhile, nothing (it stays blocked).
     */
    List<Pending> finished(Blocked b, Pending tried) {
        b.trying = false;
        if (b.head != tried) {
            b.behind.remove(pointer(tried));
            return List.of();
        }
        byPartition.remove(b.key, b);
        return new ArrayList<>(b.behind.values());
    }

    /** Messages held in all blocked partitions, heads included. */
    int held() {
        int n = 0;
        for (Blocked b : byPartition.values()) {
            n += 1 + b.behind.size();
        }
        return n;
    }
}
