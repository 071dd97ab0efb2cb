package io.inlet.common.writer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the bytes and messages held by the writer, from submission until the message is finished,
 * and makes blocking submitters wait while the bound is reached. One message larger than the whole
 * bound is still let in when nothing else is held, so it can't wedge the writer.
 */
final class MemoryBound {

    private final long maxBytes;
    private final long maxMessages;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long bytes;
    private long messages;
    private long peakBytes;

    MemoryBound(long maxBytes, long maxMessages) {
        this.maxBytes = maxBytes;
        this.maxMessages = maxMessages;
    }

    /** Waits until {@code size} bytes fit under the bound, then takes them. */
    void acquire(int size) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (messages > 0 && (bytes + size > maxBytes || messages + 1 > maxMessages)) {
                changed.await(200, TimeUnit.MILLISECONDS);
            }
            take(size);
        } finally {
            lock.unlock();
        }
    }

    /** True when {@code size} more bytes and one more message fit under the bound now (or nothing is held). */
    boolean fits(int size) {
        lock.lock();
        try {
            return messages == 0 || (bytes + size <= maxBytes && messages + 1 <= maxMessages);
        } finally {
            lock.unlock();
        }
    }

    /** Takes {@code size} bytes at once, even over the bound (the caller pauses its source instead of waiting). */
    void force(int size) {
        lock.lock();
        try {
            take(size);
        } finally {
            lock.unlock();
        }
    }

    private void take(int size) {
        bytes += size;
        messages++;
        peakBytes = Math.max(peakBytes, bytes);
    }

    void release(int size) {
        lock.lock();
        try {
            bytes -= size;
            messages--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until nothing is held, up to {@code timeoutMillis}; true when empty. */
    boolean awaitEmpty(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lockInterruptibly();
        try {
            while (messages > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    long messages() {
        lock.lock();
        try {
            return messages;
        } finally {
            lock.unlock();
        }
    }

    long peakBytes() {
        lock.lock();
        try {
            return peakBytes;
        } finally {
            lock.unlock();
        }
    }

    /** True when at least {@code fraction} of either bound is used. */
    boolean atLeast(double fraction) {
        lock.lock();
        try {
            return bytes >= maxBytes * fraction || messages >= maxMessages * fraction;
        } finally {
            lock.unlock();
        }
    }

    long maxBytes() {
        return maxBytes;
    }
}
