package io.inlet.common.writer;

import java.util.concurrent.TimeUnit;

/**
 * One writer's hold on its {@link MemoryPool}: counts the bytes and messages the writer holds, from submission
 * until the message is finished, and makes blocking submitters wait while neither the writer's fair share nor the
 * pool has room. One message larger than the whole bound is still let in when the writer holds nothing else, so
 * it can't wedge the writer.
 */
final class MemoryBound implements AutoCloseable {

    private final MemoryPool pool;
    private long bytes;
    private long messages;
    private long peakBytes;
    private boolean closed;

    MemoryBound(MemoryPool pool) {
        this.pool = pool;
    }

    /** Waits until {@code size} bytes fit, then takes them. */
    void acquire(int size) throws InterruptedException {
        acquire(size, () -> { });
    }

    /**
     * Waits until {@code size} bytes fit, then takes them; if it has to wait, runs {@code beforeWaiting} once
     * first (outside the pool's lock). One lock round when the bytes fit at once.
     */
    void acquire(int size, Runnable beforeWaiting) throws InterruptedException {
        pool.lock.lockInterruptibly();
        try {
            if (fits(size, true)) {
                take(size);
                return;
            }
        } finally {
            pool.lock.unlock();
        }
        beforeWaiting.run();
        pool.lock.lockInterruptibly();
        try {
            while (!fits(size, true)) {
                pool.changed.await(200, TimeUnit.MILLISECONDS);
            }
            take(size);
        } finally {
            pool.lock.unlock();
        }
    }

    /** Waits until the buffer is below its bound ({@link #atLeast} 1.0 is false), at most {@code timeoutMillis}. */
    boolean awaitBelowBound(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        pool.lock.lockInterruptibly();
        try {
            while (atLeastLocked(1.0)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                pool.changed.awaitNanos(left);
            }
            return true;
        } finally {
            pool.lock.unlock();
        }
    }

    /** True when {@code size} more bytes and one more message fit now (or this writer holds nothing). */
    boolean fits(int size) {
        pool.lock.lock();
        try {
            return fits(size, true);
        } finally {
            pool.lock.unlock();
        }
    }

    /** True when {@code size} more bytes fit now, within this writer's share or the pool's free room. */
    boolean roomFor(long size) {
        pool.lock.lock();
        try {
            return fits(size, false);
        } finally {
            pool.lock.unlock();
        }
    }

    private boolean fits(long size, boolean emptyTakesAnything) {
        if (emptyTakesAnything && messages == 0) {
            return true;
        }
        boolean inShare = bytes + size <= pool.byteShare() && messages + 1 <= pool.messageShare();
        boolean inPool = pool.bytes + size <= pool.maxBytes() && pool.messages + 1 <= pool.maxMessages();
        return inShare || inPool;
    }

    /** Takes {@code size} bytes at once, even over the bound (the caller pauses its source instead of waiting). */
    void force(int size) {
        pool.lock.lock();
        try {
            take(size);
        } finally {
            pool.lock.unlock();
        }
    }

    private void take(int size) {
        bytes += size;
        messages++;
        pool.bytes += size;
        pool.messages++;
        peakBytes = Math.max(peakBytes, bytes);
    }

    void release(int size) {
        pool.lock.lock();
        try {
            if (closed) {
                return; // given back to the pool all at once when closed
            }
            bytes -= size;
            messages--;
            pool.bytes -= size;
            pool.messages--;
            pool.changed.signalAll();
        } finally {
            pool.lock.unlock();
        }
    }

    /** Waits until this writer holds nothing, up to {@code timeoutMillis}; true when empty. */
    boolean awaitEmpty(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        pool.lock.lockInterruptibly();
        try {
            while (messages > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                pool.changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            }
            return true;
        } finally {
            pool.lock.unlock();
        }
    }

    /** Bytes this writer holds. */
    long bytes() {
        pool.lock.lock();
        try {
            return bytes;
        } finally {
            pool.lock.unlock();
        }
    }

    long messages() {
        pool.lock.lock();
        try {
            return messages;
        } finally {
            pool.lock.unlock();
        }
    }

    /** The most bytes this writer held at once. */
    long peakBytes() {
        pool.lock.lock();
        try {
            return peakBytes;
        } finally {
            pool.lock.unlock();
        }
    }

    /**
     * True when at least {@code fraction} of either bound is used, both by the pool and by this writer's share
     * (alone in its pool a writer's share is the whole bound).
     */
    boolean atLeast(double fraction) {
        pool.lock.lock();
        try {
            return atLeastLocked(fraction);
        } finally {
            pool.lock.unlock();
        }
    }

    private boolean atLeastLocked(double fraction) {
        boolean poolAt = pool.bytes >= pool.maxBytes() * fraction || pool.messages >= pool.maxMessages() * fraction;
        boolean shareAt = bytes >= pool.byteShare() * fraction || messages >= pool.messageShare() * fraction;
        return poolAt && shareAt;
    }

    /** The bound in bytes: the whole pool's. */
    long maxBytes() {
        pool.lock.lock();
        try {
            return pool.maxBytes();
        } finally {
            pool.lock.unlock();
        }
    }

    /** The bound in messages: the whole pool's. */
    long maxMessages() {
        pool.lock.lock();
        try {
            return pool.maxMessages();
        } finally {
            pool.lock.unlock();
        }
    }

    /** Gives back whatever this writer still counts (messages never finished) and leaves the pool. */
    @Override
    public void close() {
        pool.lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            pool.bytes -= bytes;
            pool.messages -= messages;
            bytes = 0;
            messages = 0;
            pool.changed.signalAll();
        } finally {
            pool.lock.unlock();
        }
        pool.leave();
    }
}
