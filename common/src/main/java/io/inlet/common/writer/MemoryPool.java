package io.inlet.common.writer;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The memory budget ({@code buffer.max.bytes}, {@code buffer.max.messages}) shared by the writers of one pipeline
 * in one JVM: the tasks of a Kafka connector in one Connect worker share it, so one task alone may use all of it
 * and four tasks split it, instead of each task holding a budget of its own. Each writer joined is always allowed
 * its fair share (the budget divided by the writers joined), so a writer whose messages cannot drain (a partition
 * blocked under BLOCK) never starves the others; beyond its share a writer takes what the budget has free.
 * The writers hold their counts in a {@link MemoryBound} each; every count changes under the pool's one lock.
 */
public final class MemoryPool {

    private static final Map<String, MemoryPool> SHARED = new HashMap<>();

    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    private final String key;
    private long maxBytes;
    private long maxMessages;
    long bytes;
    long messages;
    private int writers;

    private MemoryPool(String key, long maxBytes, long maxMessages) {
        this.key = key;
        this.maxBytes = maxBytes;
        this.maxMessages = maxMessages;
    }

    /** A budget for one writer alone. */
    public static MemoryPool of(long maxBytes, long maxMessages) {
        return new MemoryPool(null, maxBytes, maxMessages);
    }

    /**
     * The budget shared by every writer of {@code key} (a connector's name) in this JVM, created by the first.
     * The limits are the latest given: a connector reconfigured restarts its tasks, and the new ones bring them.
     */
    public static MemoryPool shared(String key, long maxBytes, long maxMessages) {
        synchronized (SHARED) {
            MemoryPool pool = SHARED.computeIfAbsent(key, k -> new MemoryPool(k, maxBytes, maxMessages));
            pool.lock.lock();
            try {
                pool.maxBytes = maxBytes;
                pool.maxMessages = maxMessages;
            } finally {
                pool.lock.unlock();
            }
            return pool;
        }
    }

    /** A writer starts drawing on the budget. */
    MemoryBound join() {
        lock.lock();
        try {
            writers++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return new MemoryBound(this);
    }

    /** A writer is done with the budget (what it still counted has been given back); the last one removes a shared pool. */
    void leave() {
        synchronized (SHARED) {
            lock.lock();
            try {
                writers--;
                changed.signalAll();
                if (writers == 0 && key != null) {
                    SHARED.remove(key, this);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Called with the lock held. */
    long maxBytes() {
        return maxBytes;
    }

    long maxMessages() {
        return maxMessages;
    }

    /** Each writer's share of the bytes, never below one byte. Called with the lock held. */
    long byteShare() {
        return Math.max(1, maxBytes / Math.max(1, writers));
    }

    long messageShare() {
        return Math.max(1, maxMessages / Math.max(1, writers));
    }

    /** How many writers draw on it now. */
    public int writers() {
        lock.lock();
        try {
            return writers;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes held by all its writers. */
    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }
}
