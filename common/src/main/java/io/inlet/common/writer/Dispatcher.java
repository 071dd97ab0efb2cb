package io.inlet.common.writer;

import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.retry.Backoff;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the writer's queue into bulk requests: one thread takes messages in the order they came, forms a batch
 * (up to {@code max_batch_size} operations or {@code bulk.max.bytes}, or less once the queue has been dry for
 * {@code bulk.linger.ms}) and hands it to a sender thread, while fewer requests than the {@link AdaptiveLimit}
 * are in flight. Two rules keep the stream's meaning:
 * <ul>
 *   <li>an {@code _id} with an operation in flight gets no other request until that one is finished with
 *       (retries included): the next operation on it waits in the queue, so one id's operations are applied in
 *       stream order; operations on other ids go past it;</li>
 *   <li>a partition blocked under {@code BLOCK} gets nothing more sent: every later message of it is held behind
 *       the refused one ({@link BlockedPartitions}). Only messages already in flight when the refusal came back
 *       can still land.</li>
 * </ul>
 */
final class Dispatcher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final long IDLE_CHECK_MILLIS = 250;
    /** A batch that keeps filling is sent at the latest after this many lingers, full or not. */
    private static final int MAX_LINGERS = 20;

    /** A batch handed to a sender. */
    record Batch(long number, List<Pending> items, long wireBytes, boolean full, int inFlightAtSend) {
    }

    /** The count of operations in flight on one id hash, and the batch that took it last. */
    private static final class IdInFlight {
        int count;
        long batch;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ArrayDeque<Pending> deferred = new ArrayDeque<>();
    private final Map<Integer, IdInFlight> idsInFlight = new HashMap<>();
    private final BlockedPartitions blocked = new BlockedPartitions();
    private final WriterOptions options;
    private final ErrorPolicy policy;
    private final Backoff backoff;
    private final WriteListener listener;
    private final Consumer<Pending> finished;
    private final AdaptiveLimit limit;
    private final ExecutorService senders;
    private Sender sender;
    private long queuedBytes;
    private long firstArrivalMillis = -1;
    private long lastArrivalMillis;
    private int inFlight;
    private boolean stalled;
    /** The source stopped reading until the buffer has room; its next message clears it. */
    private boolean sourcePaused;
    private long batches;
    private long requests;
    private long requestBytes;
    private long lastRequestBytes;
    private int lastRequestOperations;
    private volatile boolean running = true;
    /** Whether any partition is blocked: senders skip the lock when none is. */
    private volatile boolean anyBlocked;

    Dispatcher(WriterOptions options, ErrorPolicy policy, Backoff backoff, WriteListener listener,
               Consumer<Pending> finished, AdaptiveLimit limit, ExecutorService senders) {
        this.options = options;
        this.policy = policy;
        this.backoff = backoff;
        this.listener = listener;
        this.finished = finished;
        this.limit = limit;
        this.senders = senders;
    }

    void sender(Sender s) {
        this.sender = s;
    }

    void enqueue(Pending p) {
        long now = backoff.clock().nowMillis();
        lock.lock();
        try {
            boolean wasEmpty = queue.isEmpty();
            queue.add(p);
            queuedBytes += p.bytes();
            if (firstArrivalMillis < 0) {
                firstArrivalMillis = now;
            }
            lastArrivalMillis = now;
            sourcePaused = false;
            // wake the dispatcher only when it has something new to decide (a context switch per message would
            // cost more CPU than the rest of the message's way): a first message, a full batch, or news for a
            // queue that was all waiting on ids in flight; otherwise it wakes when the linger runs out
            if (wasEmpty || stalled || queue.size() == options.maxBatchSize()
                    || queuedBytes - p.bytes() < options.maxBatchBytes() && queuedBytes >= options.maxBatchBytes()) {
                changed.signal();
            }
            stalled = false;
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        running = false;
    }

    /**
     * The source stopped reading because the buffer is full: nothing more comes until a request finishes, so a
     * batch that is at least half full goes now instead of lingering for bytes that cannot come.
     */
    void sourcePaused() {
        lock.lock();
        try {
            if (!sourcePaused) {
                sourcePaused = true;
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void run() {
        lock.lock();
        try {
            while (running) {
                long now = backoff.clock().nowMillis();
                if (!blocked.isEmpty() && inFlight < limit.current()) {
                    for (BlockedPartitions.Blocked b : blocked.takeDue(now, policy.isDrop())) {
                        inFlight++;
                        submit(() -> sender.retryBlocked(b), () -> blockedTryFailed(b));
                    }
                }
                long wait = blocked.millisToNextTry(now, IDLE_CHECK_MILLIS);
                if (inFlight < limit.current() && !queue.isEmpty() && !stalled) {
                    long linger = lingerLeft(now);
                    if (linger <= 0) {
                        Batch batch = take(now);
                        if (batch == null) {
                            stalled = true; // all that is queued waits for ids in flight: wait for an answer
                        } else {
                            inFlight++;
                            submit(() -> sender.send(batch), () -> batchDone(batch, List.of()));
                        }
                        continue;
                    }
                    wait = Math.min(wait, linger);
                }
                changed.await(Math.max(1, wait), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void submit(Runnable task, Runnable ifRefused) {
        try {
            senders.execute(task);
        } catch (RejectedExecutionException e) {
            if (running) {
                LOG.error("The writer's senders refused a request while running", e);
            }
            ifRefused.run();
        }
    }

    /**
     * Milliseconds until the queue should be sent: 0 when a batch is full. A batch that is not full goes once the
     * queue has run dry for {@code bulk.linger.ms} while nothing is in flight; while requests are in flight the
     * cluster has work, so it waits to fill up (as Nagle's algorithm holds back a small segment while data is
     * unacknowledged), at most {@value #MAX_LINGERS} lingers after its first message came, and not at all once the
     * source has paused for a full buffer and the batch is half full: with the buffer holding a request in flight
     * and the next one, the next one can't fill up before the first is answered, and waiting for that would leave
     * the cluster with one request where it could have two.
     */
    private long lingerLeft(long now) {
        if (queue.size() >= options.maxBatchSize() || queuedBytes >= options.maxBatchBytes()
                || sourcePaused && queuedBytes >= options.maxBatchBytes() / 2) {
            return 0;
        }
        long linger = options.lingerMillis();
        long oldest = firstArrivalMillis + linger * MAX_LINGERS - now;
        if (inFlight > 0) {
            return oldest;
        }
        return Math.min(lastArrivalMillis + linger - now, oldest);
    }

    /** The next batch from the head of the queue, or null when everything queued has to wait. */
    private Batch take(long now) {
        long number = ++batches;
        List<Pending> items = new ArrayList<>(Math.min(queue.size(), options.maxBatchSize()));
        long bytes = 0;
        int writes = 0;
        Pending p;
        while (writes < options.maxBatchSize() && (p = queue.poll()) != null) {
            int size = p.bytes();
            queuedBytes -= size;
            if (p.cancelled().getAsBoolean()) {
                finished.accept(p);
                continue;
            }
            if (blocked.holds(p)) {
                blocked.append(p); // its partition waits behind a refused message: keep stream order
                continue;
            }
            if (p instanceof Pending.Invalid invalid) {
                if (policy.isDrop()) {
                    items.add(p); // the sender dead-letters it
                } else {
                    block(invalid, invalid.failure(), now);
                }
                continue;
            }
            Pending.Write w = (Pending.Write) p;
            int key = w.idKey();
            IdInFlight id = idsInFlight.get(key);
            if (id != null && id.batch != number) {
                deferred.add(p); // an earlier operation on this id is in flight: wait for its answer
                queuedBytes += size;
                if (deferred.size() > options.maxBatchSize()) {
                    break;
                }
                continue;
            }
            int wire = w.op().estimatedBytes();
            if (writes > 0 && bytes + wire > options.maxBatchBytes()) {
                queue.addFirst(p);
                queuedBytes += size;
                break;
            }
            if (id == null) {
                id = new IdInFlight();
                idsInFlight.put(key, id);
            }
            id.count++;
            id.batch = number;
            items.add(p);
            bytes += wire;
            writes++;
        }
        while (!deferred.isEmpty()) {
            queue.addFirst(deferred.pollLast());
        }
        if (queue.isEmpty()) {
            firstArrivalMillis = -1;
        } else {
            firstArrivalMillis = now;
        }
        if (items.isEmpty()) {
            return null;
        }
        boolean full = writes >= options.maxBatchSize() || bytes >= options.maxBatchBytes() / 2;
        requests++;
        lastRequestBytes = bytes;
        lastRequestOperations = items.size();
        requestBytes += bytes;
        return new Batch(number, items, bytes, full, inFlight + 1);
    }

    /** Blocks a refused message's partition; the state says so when it is the new head. */
    void block(Pending refused, Failure failure, long now) {
        lock.lock();
        try {
            if (blocked.block(refused, failure, now + backoff.delayMillis(0))) {
                LOG.warn("{} refused ({}); error_strategy is BLOCK, so its partition stops here until the message goes"
                        + " through, error_strategy is set to DROP, or the pointer is reset past it",
                        refused.message().describe(), failure);
                listener.onBlocked(refused, failure);
            }
            anyBlocked = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** True when the message comes after a refused one of its partition: it must not be sent. */
    boolean holdIfBlocked(Pending p) {
        if (!anyBlocked) {
            return false;
        }
        lock.lock();
        try {
            if (blocked.holds(p)) {
                blocked.append(p);
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** A sender is done with a batch: its ids are free, and {@code again} (unblocked messages) goes first. */
    void batchDone(Batch batch, List<Pending> again) {
        lock.lock();
        try {
            for (Pending p : batch.items()) {
                if (p instanceof Pending.Write w) {
                    IdInFlight id = idsInFlight.get(w.idKey());
                    if (id != null && --id.count == 0) {
                        idsInFlight.remove(w.idKey());
                    }
                }
            }
            requeueFirst(again);
            inFlight--;
            stalled = false;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The try of a blocked partition's head finished it: what waited behind it goes first, in order. */
    void blockedHeadFinished(BlockedPartitions.Blocked b, Pending head) {
        lock.lock();
        try {
            requeueFirst(blocked.finished(b, head));
            anyBlocked = !blocked.isEmpty();
            inFlight--;
            stalled = false;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The try of a blocked partition's head did not get it through: it stays blocked. */
    void blockedTryFailed(BlockedPartitions.Blocked b) {
        lock.lock();
        try {
            blocked.stillBlocked(b);
            inFlight--;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void requeueFirst(List<Pending> again) {
        for (int i = again.size() - 1; i >= 0; i--) {
            Pending p = again.get(i);
            queue.addFirst(p);
            queuedBytes += p.bytes();
        }
        if (!again.isEmpty()) {
            long now = backoff.clock().nowMillis();
            firstArrivalMillis = now;
            lastArrivalMillis = now;
        }
    }

    WriterStats stats() {
        lock.lock();
        try {
            return new WriterStats(limit.current(), limit.max(), inFlight, requests, requests == 0 ? 0 : requestBytes / requests,
                    lastRequestBytes, lastRequestOperations, queue.size(), blocked.held(), limit.usualRttMillis(),
                    limit.decreases());
        } finally {
            lock.unlock();
        }
    }
}
