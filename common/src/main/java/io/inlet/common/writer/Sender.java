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
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one batch until each of its messages is finished with: acknowledged (written or stale), dead-lettered,
 * cancelled, or held behind a refusal of its partition under BLOCK. Retriable failures wait and retry with
 * backoff inside the same request slot, so the batch's ids stay taken and no later operation on them passes.
 * Every answer is classified once ({@link ItemClassifier}) and reported to the {@link AdaptiveLimit}. Runs on
 * the writer's sender threads, several batches at once.
 */
final class Sender {

    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

    private final Dispatcher dispatcher;
    private final BulkTransport transport;
    private final AdaptiveLimit limit;
    private final ErrorPolicy policy;
    private final DeadLetterSink deadLetters;
    private final WriteListener listener;
    private final Backoff backoff;
    private final Consumer<Pending> finished;

    Sender(Dispatcher dispatcher, BulkTransport transport, AdaptiveLimit limit, ErrorPolicy policy,
           DeadLetterSink deadLetters, WriteListener listener, Backoff backoff, Consumer<Pending> finished) {
        this.dispatcher = dispatcher;
        this.transport = transport;
        this.limit = limit;
        this.policy = policy;
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.backoff = backoff;
        this.finished = finished;
    }

    /** Sends a batch; its slot and ids are given back to the dispatcher however it ends. */
    void send(Dispatcher.Batch batch) {
        try {
            new Request(batch).processUntilFinished();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the writer is closing: what is not finished is replayed by the source
        } finally {
            dispatcher.batchDone(batch, List.of());
        }
    }

    /**
     * One more try of a blocked partition's head: a cancelled head is let go, under DROP it is dead-lettered,
     * else it is written again; once it is finished with, what waited behind it is queued again, first.
     */
    void retryBlocked(BlockedPartitions.Blocked b) {
        Pending head = b.head();
        boolean done = false;
        try {
            done = retryHead(b, head);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Unexpected error retrying the blocked {}; trying again later", head.message().describe(), e);
            b.refusedAgain(null, backoff.clock().nowMillis() + backoff.delayMillis(b.nextAttempt()));
        } finally {
            if (done) {
                dispatcher.blockedHeadFinished(b, head);
            } else {
                dispatcher.blockedTryFailed(b);
            }
        }
    }

    private boolean retryHead(BlockedPartitions.Blocked b, Pending head) throws InterruptedException {
        if (head.cancelled().getAsBoolean()) {
            finished.accept(head);
            return true;
        }
        if (policy.isDrop()) {
            dropped(head, b.failure(), true);
            return true;
        }
        Failure why = null;
        if (head instanceof Pending.Write w) {
            BulkTransport.Result r = transport.execute(List.of(w));
            if (r instanceof BulkTransport.Items items) {
                BulkItemResult item = items.items().get(0);
                ItemOutcome o = ItemClassifier.classify(w.op().op(), item.status(), item.errorType());
                if (o == ItemOutcome.SUCCESS || o == ItemOutcome.STALE) {
                    listener.onWritten(w, o);
                    listener.onUnblocked(w);
                    finished.accept(w);
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

    /** Dead-letters a refused message; the state says so (and that its partition moves on) before it is finished with. */
    private void dropped(Pending p, Failure failure, boolean wasBlocked) throws InterruptedException {
        deadLetter(p, failure);
        listener.onDeadLettered(p, failure);
        if (wasBlocked) {
            listener.onUnblocked(p);
        }
        finished.accept(p);
    }

    private void deadLetter(Pending p, Failure failure) throws InterruptedException {
        if (deadLetters == null) {
            LOG.warn("Dropped {} ({}); no dead-letter destination is configured", p.message().describe(), failure);
            return;
        }
        String index = p instanceof Pending.Write w ? w.op().index() : null;
        DeadLetter dl = DeadLetter.of(p.message(), failure.reasonCode(), failure.message(), backoff.clock().nowMillis(), index);
        int attempt = 0;
        while (!Thread.currentThread().isInterrupted()) {
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
        throw new InterruptedException("stopped while writing a dead letter");
    }

    /** The work on one batch. */
    private final class Request {
        private final Dispatcher.Batch batch;
        /** Messages finished with or held behind a block, so an unexpected error retries only the rest. */
        private final Set<Pending> handled = Collections.newSetFromMap(new IdentityHashMap<>());
        private boolean firstAnswer = true;

        Request(Dispatcher.Batch batch) {
            this.batch = batch;
        }

        /**
         * An unexpected error (a bug, or a client failure no classification foresaw) must not lose the batch: it
         * is logged and the messages not yet finished with are processed again after a backoff, in order.
         */
        void processUntilFinished() throws InterruptedException {
            List<Pending> left = batch.items();
            int attempt = 0;
            while (!left.isEmpty()) {
                try {
                    process(left);
                    return;
                } catch (RuntimeException e) {
                    List<Pending> rest = new ArrayList<>(left.size());
                    for (Pending p : left) {
                        if (!handled.contains(p)) {
                            rest.add(p);
                        }
                    }
                    left = rest;
                    LOG.error("Unexpected error; processing the {} messages of the batch not yet written again after a"
                            + " backoff", left.size(), e);
                    backoff.pause(attempt++);
                }
            }
        }

        private void finish(Pending p) {
            handled.add(p);
            finished.accept(p);
        }

        private void process(List<Pending> items) throws InterruptedException {
            List<Pending.Write> writes = new ArrayList<>(items.size());
            List<Pending.Invalid> invalid = new ArrayList<>(0);
            for (Pending p : items) {
                if (p instanceof Pending.Invalid i) {
                    invalid.add(i);
                } else {
                    writes.add((Pending.Write) p);
                }
            }
            write(writes);
            for (Pending.Invalid i : invalid) {
                if (i.cancelled().getAsBoolean()) {
                    finish(i);
                } else if (!hold(i)) {
                    rejected(i, i.failure());
                }
            }
        }

        /** Held behind a refusal of its partition (BLOCK): not sent, and done with here. */
        private boolean hold(Pending p) {
            if (dispatcher.holdIfBlocked(p)) {
                handled.add(p);
                return true;
            }
            return false;
        }

        /** Sends the writes until each is acknowledged, dead-lettered, held or cancelled; retriable failures wait and retry. */
        private void write(List<Pending.Write> writes) throws InterruptedException {
            List<Pending.Write> remaining = writes;
            int attempt = 0;
            while (!remaining.isEmpty()) {
                remaining = sendable(remaining);
                if (remaining.isEmpty()) {
                    return;
                }
                long start = backoff.clock().nowMillis();
                BulkTransport.Result result = transport.execute(remaining);
                long rtt = backoff.clock().nowMillis() - start;
                listener.onBulkAnswered(rtt, remaining.size());
                if (result instanceof BulkTransport.RequestFailed failed) {
                    answered(rtt, ItemClassifier.isOverload(failed.status(), failed.failure().reasonCode()));
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
                remaining = classify(remaining, ((BulkTransport.Items) result).items(), rtt);
                if (!remaining.isEmpty()) {
                    LOG.debug("{} operations answered retriably; retrying", remaining.size());
                    backoff.pause(attempt++);
                }
            }
        }

        /** Acknowledges, refuses or keeps for a retry each item; returns the ones to send again, in order. */
        private List<Pending.Write> classify(List<Pending.Write> sent, List<BulkItemResult> items, long rtt)
                throws InterruptedException {
            List<Pending.Write> retry = new ArrayList<>();
            Set<String> retryIds = null;
            List<Pending.Write> rejected = new ArrayList<>(0);
            List<Failure> reasons = new ArrayList<>(0);
            boolean overloaded = false;
            for (int i = 0; i < items.size(); i++) {
                Pending.Write w = sent.get(i);
                BulkItemResult item = items.get(i);
                if (retryIds != null && retryIds.contains(w.op().index() + "/" + w.op().id())) {
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
                        overloaded |= ItemClassifier.isOverload(item.status(), item.errorType());
                        retry.add(w);
                        if (retryIds == null) {
                            retryIds = new HashSet<>();
                        }
                        retryIds.add(w.op().index() + "/" + w.op().id());
                        listener.onRetry(w, item.failure());
                    }
                    case REJECTED -> {
                        rejected.add(w);
                        reasons.add(item.failure());
                    }
                }
            }
            answered(rtt, overloaded);
            for (int i = 0; i < rejected.size(); i++) {
                rejected(rejected.get(i), reasons.get(i));
            }
            return retry;
        }

        /** Tells the limit how the cluster answered; only the first answer of a batch speaks for its latency. */
        private void answered(long rtt, boolean overloaded) {
            limit.onAnswer(rtt, batch.inFlightAtSend(), firstAnswer && batch.full(), overloaded);
            firstAnswer = false;
        }

        /** The writes still to send: cancelled ones are let go, ones behind a block are held. */
        private List<Pending.Write> sendable(List<Pending.Write> writes) {
            List<Pending.Write> kept = new ArrayList<>(writes.size());
            for (Pending.Write w : writes) {
                if (w.cancelled().getAsBoolean()) {
                    finish(w);
                } else if (!hold(w)) {
                    kept.add(w);
                }
            }
            return kept;
        }

        /**
         * A message OpenSearch (or the translator) refused. DROP: to the dead-letter destination, then done.
         * BLOCK: its partition stops here; the message and everything of that partition behind it wait until it
         * goes through, the strategy is switched to DROP, or the message is cancelled (pointer reset).
         */
        private void rejected(Pending p, Failure failure) throws InterruptedException {
            if (policy.isDrop()) {
                dropped(p, failure, false);
                handled.add(p);
                return;
            }
            dispatcher.block(p, failure, backoff.clock().nowMillis());
            handled.add(p);
        }
    }
}
