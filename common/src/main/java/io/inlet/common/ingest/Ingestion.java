package io.inlet.common.ingest;

import io.inlet.common.error.DeadLetterSink;
import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.flow.Backpressure;
import io.inlet.common.mapper.MessageRejectedException;
import io.inlet.common.message.DocOp;
import io.inlet.common.message.OpType;
import io.inlet.common.message.Pointer;
import io.inlet.common.message.StreamMessage;
import io.inlet.common.retry.Backoff;
import io.inlet.common.state.IngestionState;
import io.inlet.common.state.PartitionState;
import io.inlet.common.writer.BulkTransport;
import io.inlet.common.writer.BulkWriter;
import io.inlet.common.writer.Failure;
import io.inlet.common.writer.ItemOutcome;
import io.inlet.common.writer.MemoryPool;
import io.inlet.common.writer.Pending;
import io.inlet.common.writer.WriteListener;
import io.inlet.common.writer.WriterOptions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opensearch.client.RestClient;

/**
 * The straight line both runtimes feed: a {@link StreamMessage} is tracked, translated by the {@link Translator}
 * into a {@link DocOp} (or refused with a reason), written by the {@link BulkWriter}, and acknowledged
 * in its partition's tracker once OpenSearch took it (written or stale) or it was dead-lettered. The
 * runtime reads {@link #committed} to commit offsets (Kafka) or checkpoint (Kinesis), and
 * {@link #state()} for the state API.
 */
public final class Ingestion implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Ingestion.class);

    private final Translator translator;
    private final VerifiedTargets targets;
    private final IngestionState state;
    private final BulkWriter writer;
    private final Backpressure backpressure;
    /** By stream, then partition: looked up twice per message, without building a key. */
    private final Map<String, Map<String, PartitionHandle>> partitions = new ConcurrentHashMap<>();
    private volatile BulkObserver bulkObserver = (millis, operations) -> { };

    /** Told of every answered {@code _bulk} request: its latency and operations (the metrics). */
    @FunctionalInterface
    public interface BulkObserver {
        void onBulkAnswered(long millis, int operations);
    }

    public Ingestion(String name, RestClient client, WriterOptions options, Translator translator,
                     ErrorPolicy policy, DeadLetterSink deadLetters, Backoff backoff) {
        this(name, BulkTransport.openSearch(client, options.updateVersionField()), options,
                MemoryPool.of(options.bufferMaxBytes(), options.bufferMaxMessages()), translator, policy, deadLetters,
                backoff);
    }

    /**
     * An ingestion whose writer sends through {@code transport} (OpenSearch, or a fake in unit tests) and draws on
     * {@code memory}, which the other tasks of its connector may share.
     */
    public Ingestion(String name, BulkTransport transport, WriterOptions options, MemoryPool memory,
                     Translator translator, ErrorPolicy policy, DeadLetterSink deadLetters, Backoff backoff) {
        this(name, transport, options, memory, translator, TargetCheck.NONE, policy, deadLetters, backoff);
    }

    /** The same, asking {@code targets} about every index name before the first write to it ({@link VerifiedTargets}). */
    public Ingestion(String name, BulkTransport transport, WriterOptions options, MemoryPool memory,
                     Translator translator, TargetCheck targets, ErrorPolicy policy, DeadLetterSink deadLetters,
                     Backoff backoff) {
        this.translator = translator;
        this.targets = new VerifiedTargets(targets, System::nanoTime);
        this.state = new IngestionState(name, policy);
        this.writer = new BulkWriter(transport, options, memory, policy, deadLetters, new Listener(), backoff);
        this.backpressure = new Backpressure(writer);
    }

    /** The handle of a partition, opened on first use. */
    public PartitionHandle open(String stream, String partition, Pointer.Kind kind) {
        return byPartition(stream).computeIfAbsent(partition, k -> {
            PartitionState ps = state.partition(stream, partition, kind);
            ps.setWriterStats(writer::stats);
            return new PartitionHandle(ps);
        });
    }

    public Optional<PartitionHandle> find(String stream, String partition) {
        return Optional.ofNullable(get(stream, partition));
    }

    /**
     * Takes one message, waiting while the writer's buffer is full (the Kinesis way: the shard stops reading
     * meanwhile). {@link #offer} is the way that never waits.
     */
    public void accept(StreamMessage m) throws InterruptedException {
        PartitionHandle h = handleFor(m);
        Pending p = translate(h, m);
        track(h, m, p);
        writer.submit(p);
    }

    /**
     * Takes one message only if the writer's buffer has room for it now, never waiting and never passing
     * the bound (Kafka). False: the message was not taken nor tracked; the caller must deliver it again
     * later, in order (Kafka: seek its partition back to it and pause).
     */
    public boolean offer(StreamMessage m) {
        PartitionHandle h = handleFor(m);
        Pending p = translate(h, m);
        if (!writer.hasRoomFor(p)) {
            return false;
        }
        track(h, m, p);
        writer.submitNow(p);
        return true;
    }

    /** The message's partition handle, reset first when the source went back to or before a message already taken. */
    private PartitionHandle handleFor(StreamMessage m) {
        PartitionHandle h = open(m.stream(), m.partition(), m.pointer().kind());
        Optional<Pointer> last = h.tracker().lastTracked();
        if (last.isPresent() && m.pointer().compareTo(last.get()) <= 0) {
            LOG.info("{} rewound from {} to {}: forgetting what was in flight", m.stream() + "-" + m.partition(),
                    last.get(), m.pointer());
            h.reset();
        }
        return h;
    }

    private Pending translate(PartitionHandle h, StreamMessage m) {
        try {
            DocOp op = translator.translate(m);
            targets.require(op.index());
            return new Pending.Write(op, h.currentGeneration());
        } catch (MessageRejectedException e) {
            return new Pending.Invalid(m, new Failure(e.reason().name(), e.getMessage()), h.currentGeneration());
        }
    }

    private static void track(PartitionHandle h, StreamMessage m, Pending p) {
        h.tracker().track(m.pointer());
        h.state().setLatestPointerIfNewer(m.pointer());
        if (p instanceof Pending.Invalid) {
            h.state().counters().incrementInvalidMessages();
        }
    }

    /** The pointer up to which every message of the partition is acknowledged. */
    public Optional<Pointer> committed(String stream, String partition) {
        PartitionHandle h = get(stream, partition);
        return h == null ? Optional.empty() : h.committed();
    }

    /** The oldest message of the partition not yet acknowledged: where reading may resume when nothing is committed. */
    public Optional<Pointer> oldestPending(String stream, String partition) {
        PartitionHandle h = get(stream, partition);
        return h == null ? Optional.empty() : h.oldestPending();
    }

    /** Forgets what is in flight for a partition (it will be read again from another position). */
    public void reset(String stream, String partition) {
        PartitionHandle h = get(stream, partition);
        if (h != null) {
            h.reset();
        }
    }

    /** The partition is no longer ours (revoked, lease lost): cancel its messages in flight and drop its state. */
    public void close(String stream, String partition) {
        PartitionHandle h = byPartition(stream).remove(partition);
        if (h != null) {
            h.close();
            state.remove(stream, partition);
        }
    }

    public IngestionState state() {
        return state;
    }

    /** Replaces who is told of every answered {@code _bulk} request. */
    public void observeBulks(BulkObserver observer) {
        this.bulkObserver = java.util.Objects.requireNonNull(observer, "observer");
    }

    public BulkWriter writer() {
        return writer;
    }

    /** When the source must stop reading for a full buffer, and when it may go on. */
    public Backpressure backpressure() {
        return backpressure;
    }

    @Override
    public void close() {
        writer.close();
        partitions.values().forEach(m -> m.values().forEach(PartitionHandle::close));
    }

    private Map<String, PartitionHandle> byPartition(String stream) {
        Map<String, PartitionHandle> m = partitions.get(stream);
        return m != null ? m : partitions.computeIfAbsent(stream, k -> new ConcurrentHashMap<>());
    }

    private PartitionHandle get(String stream, String partition) {
        Map<String, PartitionHandle> m = partitions.get(stream);
        return m == null ? null : m.get(partition);
    }

    private PartitionHandle live(Pending p) {
        if (p.cancelled().getAsBoolean()) {
            return null;
        }
        return get(p.message().stream(), p.message().partition());
    }

    private static void acknowledged(PartitionHandle h, StreamMessage m) {
        Pointer pointer = m.pointer();
        if (h.tracker().acknowledge(pointer)) {
            PartitionState s = h.state();
            s.setLastAcknowledgedTimestamp(m.timestamp());
            s.counters().incrementProcessed();
            s.setLastAcknowledgedPointerIfNewer(pointer);
            h.committed().ifPresent(s::setCommittedPointer);
        }
    }

    /** Turns the writer's reports into acknowledgements, counters and state. */
    private final class Listener implements WriteListener {

        @Override
        public void onWritten(Pending.Write w, ItemOutcome outcome) {
            PartitionHandle h = live(w);
            if (h == null) {
                return;
            }
            if (outcome == ItemOutcome.STALE) {
                h.state().counters().incrementVersionConflicts();
            } else if (w.op().op() == OpType.DELETE) {
                h.state().counters().incrementDeleted();
            } else {
                h.state().counters().incrementIndexed();
            }
            acknowledged(h, w.message());
        }

        @Override
        public void onDeadLettered(Pending p, Failure failure) {
            PartitionHandle h = live(p);
            if (h == null) {
                return;
            }
            if (p instanceof Pending.Write) {
                h.state().counters().incrementFailed();
            }
            h.state().counters().incrementDropped(failure.reasonCode());
            h.state().recordError(p.message().pointer(), failure.reasonCode(), failure.message(), System.currentTimeMillis());
            acknowledged(h, p.message());
        }

        @Override
        public void onBlocked(Pending p, Failure failure) {
            PartitionHandle h = live(p);
            if (h == null) {
                return;
            }
            h.state().counters().incrementRetries();
            h.state().setBlocked(true);
            h.state().recordError(p.message().pointer(), failure.reasonCode(), failure.message(), System.currentTimeMillis());
        }

        @Override
        public void onUnblocked(Pending p) {
            PartitionHandle h = live(p);
            if (h != null) {
                h.state().setBlocked(false);
            }
        }

        @Override
        public void onBulkAnswered(long millis, int operations) {
            bulkObserver.onBulkAnswered(millis, operations);
        }

        @Override
        public void onRetry(Pending p, Failure failure) {
            PartitionHandle h = live(p);
            if (h != null) {
                h.state().counters().incrementRetries();
            }
        }
    }
}
