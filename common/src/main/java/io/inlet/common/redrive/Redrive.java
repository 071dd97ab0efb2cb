package io.inlet.common.redrive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.common.config.InletConfig;
import io.inlet.common.error.DeadLetter;
import io.inlet.common.error.DeadLetterSink;
import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.ingest.IngestionFactory;
import io.inlet.common.ingest.Translator;
import io.inlet.common.ingest.VerifiedTargets;
import io.inlet.common.mapper.MessageRejectedException;
import io.inlet.common.message.DocOp;
import io.inlet.common.message.OpType;
import io.inlet.common.message.StreamMessage;
import io.inlet.common.retry.Backoff;
import io.inlet.common.writer.BulkWriter;
import io.inlet.common.writer.Failure;
import io.inlet.common.writer.ItemOutcome;
import io.inlet.common.writer.MemoryPool;
import io.inlet.common.writer.Pending;
import io.inlet.common.writer.WriteListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.opensearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One re-drive run: pages of selected dead letters are translated again from their raw messages by the pipeline's
 * {@link Translator}, written by a {@link BulkWriter} with the pipeline's writer settings (external versions guard
 * every write, so an entry older than the document in the index is stale, never an overwrite), and each entry is
 * marked with its outcome before the next page is read. A message refused again is not dead-lettered a second
 * time: its entry stays, with the new reason. Passing failures are retried as in ingestion.
 */
final class Redrive {

    private static final Logger LOG = LoggerFactory.getLogger(Redrive.class);
    private static final BooleanSupplier NEVER = () -> false;

    private final RedrivePipeline pipeline;
    private final RestClient client;
    private final RedriveProgress progress;
    private final DeadLetterStore store;
    private final BooleanSupplier stopped;

    /** {@code stopped}: true once the run must end (the worker stops, or the lease was lost). */
    Redrive(RedrivePipeline pipeline, RestClient client, RedriveProgress progress, BooleanSupplier stopped) {
        this.pipeline = pipeline;
        this.client = client;
        this.progress = progress;
        this.store = new DeadLetterStore(client, pipeline.deadLetterIndices());
        this.stopped = stopped;
    }

    /**
     * Re-drives until nothing selected is left or {@link #stopped} says so.
     *
     * @return true when everything selected was done; false when it was stopped first
     * @throws IllegalStateException when the target cannot take writes (what to create is in the message)
     */
    boolean run() throws IOException, InterruptedException {
        InletConfig c = pipeline.config();
        store.ensureRedriveFields();
        ObjectNode query = progress.selection.query(pipeline.streams(), progress.startedAt);
        progress.counted(store.markedSince(pipeline.streams(), progress.startedAt));
        progress.selected.set(progress.processed() + store.count(query));
        LOG.info("Re-drive {} of {}: {} dead letters selected in {} ({} already done)", progress.runId, pipeline.name(),
                progress.selected.get(), store.indices(), progress.processed());
        Translator translator = IngestionFactory.translator(c, pipeline.rules());
        VerifiedTargets targets = new VerifiedTargets(IngestionFactory.targetCheck(c, client), System::nanoTime);
        Outcomes outcomes = new Outcomes();
        Backoff backoff = IngestionFactory.backoff(c);
        try (BulkWriter writer = new BulkWriter(client, IngestionFactory.writerOptions(c),
                MemoryPool.of(c.bufferMaxBytes(), c.bufferMaxMessages()), new ErrorPolicy(ErrorStrategy.DROP),
                new KeptInPlace(), outcomes, backoff)) {
            while (!stopped.getAsBoolean()) {
                List<DeadLetterEntry> page = store.next(query, c.redriveBatchSize());
                if (page.isEmpty()) {
                    return true;
                }
                List<DeadLetterStore.Marking> marks = write(page, translator, targets, writer, outcomes);
                if (marks == null) {
                    return false;
                }
                store.mark(marks);
                marks.forEach(m -> progress.add(m.result()));
            }
            return false;
        }
    }

    /** Writes one page and waits for every outcome; null when stopped meanwhile (nothing is marked then). */
    private List<DeadLetterStore.Marking> write(List<DeadLetterEntry> page, Translator translator,
                                                VerifiedTargets targets, BulkWriter writer, Outcomes outcomes)
            throws InterruptedException {
        List<DeadLetterStore.Marking> marks = new ArrayList<>();
        Map<String, DeadLetterEntry> submitted = new HashMap<>();
        for (DeadLetterEntry e : page) {
            long now = System.currentTimeMillis();
            try {
                StreamMessage m = e.toMessage(pipeline.kind());
                DocOp op = translator.translate(m);
                targets.require(op.index());
                submitted.put(m.describe(), e);
                writer.submit(new Pending.Write(op, NEVER));
            } catch (MessageRejectedException ex) {
                marks.add(new DeadLetterStore.Marking(e, RedriveResult.REJECTED, ex.reason().name(), ex.getMessage(), now));
            } catch (IllegalArgumentException ex) {
                marks.add(new DeadLetterStore.Marking(e, RedriveResult.REJECTED, "INVALID_DEAD_LETTER",
                        "dead letter " + e.id() + " in " + e.index() + " cannot be read back: " + ex.getMessage(), now));
            }
        }
        while (!writer.awaitIdle(Duration.ofMillis(500))) {
            if (stopped.getAsBoolean()) {
                return null;
            }
        }
        for (Map.Entry<String, DeadLetterEntry> s : submitted.entrySet()) {
            Outcome o = outcomes.take(s.getKey());
            if (o == null) {
                throw new IllegalStateException("the writer went idle without an outcome for " + s.getValue().describe());
            }
            marks.add(new DeadLetterStore.Marking(s.getValue(), o.result(), o.reason(), o.message(), o.at()));
        }
        return marks;
    }

    private record Outcome(RedriveResult result, String reason, String message, long at) {
    }

    /** The writer's report on each message, by where the message stood. */
    private static final class Outcomes implements WriteListener {
        private final Map<String, Outcome> byMessage = new ConcurrentHashMap<>();

        Outcome take(String message) {
            return byMessage.remove(message);
        }

        @Override
        public void onWritten(Pending.Write w, ItemOutcome outcome) {
            RedriveResult r = outcome == ItemOutcome.STALE ? RedriveResult.STALE
                    : w.op().op() == OpType.DELETE ? RedriveResult.DELETED : RedriveResult.INDEXED;
            byMessage.put(w.message().describe(), new Outcome(r, null, null, System.currentTimeMillis()));
        }

        @Override
        public void onDeadLettered(Pending p, Failure failure) {
            byMessage.put(p.message().describe(), new Outcome(RedriveResult.REJECTED, failure.reasonCode(),
                    failure.message(), System.currentTimeMillis()));
        }

        // a re-drive writes under DROP: nothing blocks; retries are the writer's business
    }

    /** An entry refused again keeps its place in the dead-letter index, with its new reason written by the run. */
    private static final class KeptInPlace implements DeadLetterSink {
        @Override
        public void send(DeadLetter deadLetter) {
            // the run marks the entry itself
        }

        @Override
        public void flush() {
            // nothing held
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
