package io.inlet.common.writer;

import io.inlet.common.error.DeadLetter;
import io.inlet.common.error.DeadLetterSink;
import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.message.OpType;
import io.inlet.common.retry.Backoff;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer lane: a queue and a thread with at most one {@code _bulk} request in flight. Operations of
 * one {@code _id} always come to the same lane, and a lane finishes a batch (retries included) before
 * it starts the next, so they are applied in stream order.
 */
final class Lane implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    private static final long BLOCKED_CHECK_MILLIS = 250;

    private final int number;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final WriterOptions options;
    private final BulkExecutor executor;
    private final ErrorPolicy policy;
    private final DeadLetterSink deadLetters;
    private final WriteListener listener;
    private final Backoff backoff;
    private final Consumer<Pending> finished;
    private volatile boolean running = true;
    /** The messages of the batch in hand finished with or parked behind a block, so an unexpected error retries only the rest. */
    private final Set<Pending> handledInBatch = Collections.newSetFromMap(new IdentityHashMap<>());
    private final BlockedPartitions blocked = new BlockedPartitions();

    Lane(int number, WriterOptions options, BulkExecutor executor, ErrorPolicy policy, DeadLetterSink deadLetters,
         WriteListener listener, Backoff backoff, Consumer<Pending> finished) {
        this.number = number;
        this.options = options;
        this.executor = executor;
        this.policy = policy;
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.backoff = backoff;
        this.finished = finished;
    }

    void enqueue(Pending p) {
        queue.add(p);
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try {
            while (running) {
                long wait = blocked.millisToNextTry(backoff.clock().nowMillis(), BLOCKED_CHECK_MILLIS);
                Pending first = queue.poll(wait, TimeUnit.MILLISECONDS);
                if (first != null) {
                    processUntilFinished(nextBatch(first));
                }
                if (!blocked.isEmpty()) {
                    retryBlocked();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Processes a batch; an unexpected error (a bug, or a client failure no classification foresaw) must not
     * stop the lane, whose queue would then never drain and whose source would stay paused: it is logged and
     * the messages not yet finished with are processed again after a backoff, in order.
     */
    private void processUntilFinished(List<Pending> batch) throws InterruptedException {
        List<Pending> left = batch;
        int attempt = 0;
        while (running && !left.isEmpty()) {
            handledInBatch.clear();
            try {
                process(left);
                return;
            } catch (RuntimeException e) {
                List<Pending> rest = new ArrayList<>(left.size());
                for (Pending p : left) {
                    if (!handledInBatch.contains(p)) {
                        rest.add(p);
                    }
                }
                left = rest;
                LOG.error("Writer lane {}: unexpected error; processing the {} messages of the batch not yet written again"
                        + " after a backoff", number, left.size(), e);
                backoff.pause(attempt++);
            }
        }
    }

    private void finish(Pending p) {
        handledInBatch.add(p);
        finished.accept(p);
    }

    private List<Pending> nextBatch(Pending first) {
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        long bytes = first.bytes();
        Pending next;
        while (batch.size() < options.maxBatchSize() && (next = queue.peek()) != null
                && bytes + next.bytes() <= options.maxBatchBytes()) {
            batch.add(queue.poll());
            bytes += next.bytes();
        }
        return batch;
    }

    private void process(List<Pending> batch) throws InterruptedException {
        List<Pending.Write> writes = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            if (p.cancelled().getAsBoolean()) {
                finish(p);
            } else if (blocked.holds(p)) {
                blocked.append(p); // its partition waits behind a refused message: keep stream order
                handledInBatch.add(p);
            } else if (p instanceof Pending.Invalid invalid) {
                write(writes);
                writes = new ArrayList<>();
                rejected(invalid, invalid.failure());
            } else {
                writes.add((Pending.Write) p);
            }
        }
        write(writes);
    }

    /** Sends the writes until each is acknowledged, dead-lettered or cancelled; retriable failures wait and retry. */
    private void write(List<Pending.Write> writes) throws InterruptedException {
        List<Pending.Write> remaining = writes;
        int attempt = 0;
        while (!remaining.isEmpty() && running) {
            remaining = dropCancelled(remaining);
            if (remaining.isEmpty()) {
                return;
            }
            BulkExecutor.Result result = executor.execute(remaining);
            if (result instanceof BulkExecutor.RequestFailed failed) {
                switch (ItemClassifier.classifyRequestFailure(failed.status(), failed.failure().reasonCode(), remaining.size())) {
                    case RETRY -> {
                        if (attempt % 10 == 0) {
                            LOG.warn("Bulk request of {} operations failed ({}); retrying with backoff (attempt {})",
                                    remaining.size(), failed.failure(), attempt + 1);
                        }
                        remaining.forEach(w -> listener.onRetry(w, failed.failure()));
                        backoff.pause(attempt++);
                    }
                    case SPLIT -> {
                        int half = remaining.size() / 2;
                        write(new ArrayList<>(remaining.subList(0, half)));
                        write(new ArrayList<>(remaining.subList(half, remaining.size())));
                        return;
                    }
                    case REJECT -> {
                        rejected(remaining.get(0), failed.failure());
                        return;
                    }
                }
                continue;
            }
            List<BulkItemResult> items = ((BulkExecutor.Items) result).items();
            List<Pending.Write> retry = new ArrayList<>();
            Set<String> retryIds = new HashSet<>();
            List<Pending.Write> rejected = new ArrayList<>();
            List<Failure> reasons = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Pending.Write w = remaining.get(i);
                BulkItemResult item = items.get(i);
                String key = w.op().index() + "/" + w.op().id();
                if (retryIds.contains(key)) {
                    retry.add(w); // an earlier op on this id is retried: send this one again after it
                    continue;
                }
                ItemOutcome outcome = ItemClassifier.classify(w.op().op(), item.status(), item.errorType());
                if (outcome == ItemOutcome.SUCCESS && w.op().op() == OpType.UPDATE && "noop".equals(item.result())) {
                    outcome = ItemOutcome.STALE; // the version guard skipped an older partial update
                }
                switch (outcome) {
                    case SUCCESS, STALE -> {
                        listener.onWritten(w, outcome);
                        finish(w);
                    }
                    case RETRIABLE -> {
                        retry.add(w);
                        retryIds.add(key);
                        listener.onRetry(w, item.failure());
                    }
                    case REJECTED -> {
                        rejected.add(w);
                        reasons.add(item.failure());
                    }
                }
            }
            for (int i = 0; i < rejected.size(); i++) {
                rejected(rejected.get(i), reasons.get(i));
            }
            remaining = retry;
            if (!remaining.isEmpty()) {
                LOG.debug("Lane {}: {} operations answered retriably; retrying", number, remaining.size());
                backoff.pause(attempt++);
            }
        }
    }

    private List<Pending.Write> dropCancelled(List<Pending.Write> writes) {
        List<Pending.Write> kept = new ArrayList<>(writes.size());
        for (Pending.Write w : writes) {
            if (w.cancelled().getAsBoolean()) {
                finish(w);
            } else {
                kept.add(w);
            }
        }
        return kept;
    }

    /**
     * A message OpenSearch (or the translator) refused. DROP: to the dead-letter destination, then done.
     * BLOCK: its partition stops here: the message and everything of that partition behind it wait (see
     * {@link #retryBlocked}) until it goes through (the mapping or data was fixed), the strategy is switched
     * to DROP, or the message is cancelled (pointer reset). The lane goes on with the other partitions.
     */
    private void rejected(Pending p, Failure failure) throws InterruptedException {
        if (policy.isDrop()) {
            dropped(p, failure, false);
            return;
        }
        if (blocked.holds(p)) {
            blocked.append(p); // refused too, behind an earlier refusal of its partition: tried after it
            handledInBatch.add(p);
            return;
        }
        LOG.warn("{} refused ({}); error_strategy is BLOCK, so its partition stops here until the message"
                + " goes through, error_strategy is set to DROP, or the pointer is reset past it", p.message().describe(), failure);
        listener.onBlocked(p, failure);
        blocked.block(p, failure, backoff.clock().nowMillis() + backoff.delayMillis(0));
        handledInBatch.add(p);
    }

    /** Dead-letters a refused message; the state says so (and that its partition moves on) before it is finished with. */
    private void dropped(Pending p, Failure failure, boolean wasBlocked) throws InterruptedException {
        deadLetter(p, failure);
        listener.onDeadLettered(p, failure);
        if (wasBlocked) {
            listener.onUnblocked(p);
        }
        finish(p);
    }

    /**
     * Tries the head of every blocked partition that is due (all of them at once after a switch to DROP): a
     * cancelled head is let go, under DROP it is dead-lettered, else it is written again; once the head is
     * finished with, the messages that waited behind it are processed in order.
     */
    private void retryBlocked() throws InterruptedException {
        long now = backoff.clock().nowMillis();
        for (BlockedPartitions.Blocked b : blocked.due(now, policy.isDrop())) {
            Pending head = b.head();
            boolean done;
            try {
                done = retryHead(b, head);
            } catch (RuntimeException e) {
                LOG.error("Writer lane {}: unexpected error retrying the blocked {}; trying again later", number,
                        head.message().describe(), e);
                b.refusedAgain(null, now + backoff.delayMillis(b.nextAttempt()));
                continue;
            }
            if (done) {
                processUntilFinished(blocked.unblock(b));
            }
        }
    }

    /** One more try of a blocked partition's head; true when it is finished with. */
    private boolean retryHead(BlockedPartitions.Blocked b, Pending head) throws InterruptedException {
        if (head.cancelled().getAsBoolean()) {
            finish(head);
            return true;
        }
        if (policy.isDrop()) {
            dropped(head, b.failure(), true);
            return true;
        }
        Failure why = null;
        if (head instanceof Pending.Write w) {
            BulkExecutor.Result r = executor.execute(List.of(w));
            if (r instanceof BulkExecutor.Items items) {
                BulkItemResult item = items.items().get(0);
                ItemOutcome o = ItemClassifier.classify(w.op().op(), item.status(), item.errorType());
                if (o == ItemOutcome.SUCCESS || o == ItemOutcome.STALE) {
                    listener.onWritten(w, o);
                    listener.onUnblocked(w);
                    finish(w);
                    return true;
                }
                if (o == ItemOutcome.REJECTED) {
                    why = item.failure();
                }
            }
        }
        b.refusedAgain(why, backoff.clock().nowMillis() + backoff.delayMillis(b.nextAttempt()));
        listener.onBlocked(head, b.failure());
        return false;
    }

    private void deadLetter(Pending p, Failure failure) throws InterruptedException {
        if (deadLetters == null) {
            LOG.warn("Dropped {} ({}); no dead-letter destination is configured", p.message().describe(), failure);
            return;
        }
        String index = p instanceof Pending.Write w ? w.op().index() : null;
        DeadLetter dl = DeadLetter.of(p.message(), failure.reasonCode(), failure.message(), backoff.clock().nowMillis(), index);
        int attempt = 0;
        while (running) {
            try {
                deadLetters.send(dl);
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                LOG.warn("Couldn't write the dead letter for {} ({}); retrying", dl.describe(), e.toString());
                backoff.pause(attempt++);
            }
        }
    }
}
