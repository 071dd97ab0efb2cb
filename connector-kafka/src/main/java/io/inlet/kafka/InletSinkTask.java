package io.inlet.kafka;

import io.inlet.common.client.OpenSearchClients;
import io.inlet.common.error.DeadLetterSink;
import io.inlet.common.error.DeadLetterSinks;
import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.error.OpenSearchDeadLetterSink;
import io.inlet.common.flow.CommitCadence;
import io.inlet.common.flow.StallWatch;
import io.inlet.common.ingest.Ingestion;
import io.inlet.common.ingest.IngestionFactory;
import io.inlet.common.ingest.TargetCheck;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.Pointer;
import io.inlet.common.message.StreamMessage;
import io.inlet.common.redrive.RedrivePipeline;
import io.inlet.common.redrive.Redrives;
import io.inlet.common.state.PartitionState;
import io.inlet.common.writer.BulkTransport;
import io.inlet.common.writer.MemoryPool;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.opensearch.client.RestHighLevelClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink task: hands each record to the shared {@link Ingestion} and never blocks in {@link #put};
 * {@link #preCommit} returns, per partition, the offset after the last one whose write OpenSearch
 * acknowledged (never further). Records that don't fit in the writer's buffer are handed back (their
 * partition is sought back to them), so the buffer never holds more than its bound. When the buffer is
 * nearly full, or a partition is BLOCKED, the partitions are paused through the task context and resumed
 * once there is room again; while any is paused, the worker's polls are kept to {@code poll.timeout} so
 * the resume is not late.
 */
public class InletSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(InletSinkTask.class);

    private InletSinkConfig config;
    private String connector;
    private int taskId;
    private RestHighLevelClient client;
    private Ingestion ingestion;
    private InitialOffsets initialOffsets;
    private StatePublisher statePublisher;
    private TaskMetrics metrics;
    private StallWatch stallWatch;
    private CommitCadence cadence;
    private Redrives redrives;
    private final Transports transports;
    private final Set<TopicPartition> paused = new HashSet<>();
    private final Map<TopicPartition, Long> skipBelow = new HashMap<>();
    /** What preCommit last handed Connect per partition (the next offset to read), to see how far acks ran ahead. */
    private final Map<TopicPartition, Long> lastCommitted = new HashMap<>();
    /** How soon partitions paused by a full buffer are looked at again: well under one bulk request's round trip. */
    private static final int BACKPRESSURE_RECHECK_MS = 10;
    /** How long a partition may have messages in flight with none acknowledged before the log says so. */
    private static final Duration STALL_PERIOD = Duration.ofSeconds(30);
    private long nextPollWithinMs = Long.MAX_VALUE;
    /** Whether dead letters go to Connect's errant record reporter, which needs what the record was. */
    private boolean reportsErrantRecords;
    private long startedAtMs;

    /** Where the task's writer sends its bulk requests: OpenSearch, through the task's client. */
    @FunctionalInterface
    interface Transports {
        BulkTransport create(InletSinkConfig config, RestHighLevelClient client);
    }

    public InletSinkTask() {
        this((config, client) -> BulkTransport.openSearch(client.getLowLevelClient(), config.updateVersionField()));
    }

    /** A task whose writer sends through {@code transports} (unit tests put a fake there). */
    InletSinkTask(Transports transports) {
        this.transports = transports;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        startedAtMs = System.currentTimeMillis();
        config = new InletSinkConfig(props);
        connector = props.getOrDefault("name", "inlet");
        taskId = Integer.parseInt(props.getOrDefault(InletSinkConnector.TASK_ID, "0"));
        client = OpenSearchClients.create(IngestionFactory.connection(config));
        // one buffer.max.bytes for all of this connector's tasks in this worker: one task may use all of it
        MemoryPool memory = MemoryPool.shared(connector, config.bufferMaxBytes(), config.bufferMaxMessages());
        TargetCheck targets;
        try {
            targets = IngestionFactory.targetCheck(config, client.getLowLevelClient());
        } catch (IllegalStateException e) {
            try {
                client.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw new ConnectException(e.getMessage(), e);
        }
        ingestion = IngestionFactory.ingestion(connector, config, config.sourceRules(), transports.create(config, client),
                targets, memory, new ErrorPolicy(config.errorStrategy()), deadLetters());
        cadence = CommitCadence.perBatch(config.maxBatchSize());
        stallWatch = new StallWatch(ingestion, STALL_PERIOD, "partition");
        if (!config.kafkaBootstrapServers().isEmpty()) {
            initialOffsets = new InitialOffsets(config, connector, groupId(props));
        }
        if (config.stateIndex() != null) {
            statePublisher = new StatePublisher(ingestion, new StateStore(client.getLowLevelClient(), config.stateIndex()),
                    initialOffsets, connector, taskId, config.stateIntervalMs());
        }
        metrics = TaskMetrics.register(context, ingestion, connector, String.valueOf(taskId));
        if (taskId == 0 && config.dlqIndex() != null) {
            // a re-drive interrupted by a crash goes on where the connector comes back
            redrives = new Redrives(owner());
            redrives.resumeWhenInterrupted(new RedrivePipeline(connector, config, config.sourceRules(),
                    Pointer.Kind.KAFKA_OFFSET, topics(props)), client.getLowLevelClient());
        }
        LOG.info("Inlet task {}-{} started: error_strategy={}, index={}, {}", connector, taskId, config.errorStrategy(),
                config.index(), IngestionFactory.connection(config));
    }

    private DeadLetterSink deadLetters() {
        DeadLetterSink reporter = null;
        try {
            ErrantRecordReporter r = context.errantRecordReporter();
            if (r != null) {
                reporter = new ErrantRecordDeadLetters(r);
                reportsErrantRecords = true;
            }
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            LOG.info("This Connect worker has no errant record reporter; dead letters go to dlq.index only");
        }
        DeadLetterSink index = config.dlqIndex() == null ? null
                : new OpenSearchDeadLetterSink(client.getLowLevelClient(), config.dlqIndex());
        return DeadLetterSinks.of(reporter, index);
    }

    private static String groupId(Map<String, String> props) {
        String override = props.get("consumer.override.group.id");
        return override != null ? override : "connect-" + props.getOrDefault("name", "inlet");
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        long openedAt = System.currentTimeMillis();
        // Connect keeps a partition paused across a rebalance (its context remembers the pause) while close()
        // made this task forget it: start every newly assigned partition resumed, and pause it again below if
        // the buffer or a block still calls for it, so no partition is left paused with nobody to resume it.
        context.resume(partitions.toArray(TopicPartition[]::new));
        paused.removeAll(partitions);
        for (TopicPartition tp : partitions) {
            ingestion.open(tp.topic(), Integer.toString(tp.partition()), Pointer.Kind.KAFKA_OFFSET).state().setOwner(owner());
        }
        if (initialOffsets != null) {
            Map<TopicPartition, OffsetAndMetadata> committed = initialOffsets.committed();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                if (c != null && c.offset() > 0) {
                    // the state shows what Kafka has committed until this task acknowledges something itself
                    // (a partition handed over with nothing left to read would otherwise show none)
                    ingestion.find(tp.topic(), Integer.toString(tp.partition()))
                            .ifPresent(h -> h.state().setCommittedPointer(new KafkaOffset(c.offset() - 1)));
                }
            }
            InitialOffsets.Start start = initialOffsets.forUncommitted(partitions, committed);
            Map<TopicPartition, Long> seek = start.seek();
            if (!seek.isEmpty()) {
                LOG.info("No committed offsets for {}: starting them at {} (pointer.init.reset={})", seek.keySet(), seek,
                        config.pointerReset());
                context.offset(seek);
            }
            start.skipBelow().forEach((tp, offset) -> LOG.info("{} ends at {}, before pointer.init.reset.value={}: skipping"
                    + " the records below {} as they arrive", tp, seek.get(tp), offset, offset));
            skipBelow.putAll(start.skipBelow());
        }
        applyBackpressure(false);
        LOG.info("Inlet task {}-{} assigned {} {} ms after it started (offsets looked up in {} ms)", connector, taskId,
                partitions, openedAt - startedAtMs, System.currentTimeMillis() - openedAt);
    }

    /** What the task feeds: its state and writer, as the state API and the unit tests see them. */
    Ingestion ingestion() {
        return ingestion;
    }

    private String owner() {
        return connector + "-" + taskId;
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        nextPollWithinMs = Long.MAX_VALUE; // the cap asked for before this round was used by the poll that brought these
        long bytes = 0;
        Map<TopicPartition, Long> handBack = new HashMap<>();
        for (SinkRecord r : records) {
            if (!skipBelow.isEmpty() && belowInitialOffset(r)) {
                continue;
            }
            TopicPartition tp = new TopicPartition(r.originalTopic(), r.originalKafkaPartition());
            if (handBack.containsKey(tp)) {
                continue; // its partition is read again from an earlier record of this batch
            }
            if (r.value() == null && config.nullValues() != InletSinkConfig.NullValues.DELETE) {
                if (config.nullValues() == InletSinkConfig.NullValues.FAIL) {
                    throw new ConnectException("Record " + r.originalTopic() + "-" + r.originalKafkaPartition() + "@"
                            + r.originalKafkaOffset() + " has a null value and behavior.on.null.values=fail: set it to"
                            + " delete or ignore to accept tombstones");
                }
                continue;
            }
            StreamMessage m = RecordConverter.toMessage(r, reportsErrantRecords);
            if (!ingestion.offer(m)) {
                handBack.put(tp, r.originalKafkaOffset());
                continue;
            }
            bytes += m.payload() == null ? 0 : m.payload().length;
        }
        if (!handBack.isEmpty()) {
            // the buffer is full: these records and the rest of their partitions are fetched again after the pause
            LOG.debug("Writer buffer full at {} bytes: reading {} again from there", ingestion.writer().bufferedBytes(), handBack);
            context.offset(handBack);
        }
        ingestion.backpressure().polled(bytes + 256L * records.size());
        applyBackpressure(!handBack.isEmpty());
        requestCommitWhenABatchIsAcknowledged();
    }

    /**
     * Asks Connect for an offset commit when the {@link CommitCadence} says one is due for a partition (a batch
     * acknowledged, or everything it has read), instead of waiting for {@code offset.flush.interval.ms} (60 s by
     * default): after a crash, a partition replays about one batch plus what was in flight, not a minute of
     * messages.
     */
    private void requestCommitWhenABatchIsAcknowledged() {
        long now = System.currentTimeMillis();
        boolean unsettled = false;
        for (TopicPartition tp : context.assignment()) {
            String partition = Integer.toString(tp.partition());
            Optional<Long> next = ingestion.committed(tp.topic(), partition).map(InletSinkTask::nextOffset);
            long ahead = next.map(n -> n - lastCommitted.getOrDefault(tp, 0L)).orElse(0L);
            boolean inFlight = ingestion.oldestPending(tp.topic(), partition).isPresent();
            unsettled |= inFlight || ahead > 0;
            if (cadence.due(ahead, !inFlight, now)) {
                cadence.committed(now);
                context.requestCommit();
            }
        }
        if (unsettled) {
            // with nothing new to read the worker's next poll would wait for the periodic offset flush: come back
            // sooner, to ask for the commit of what is being acknowledged meanwhile
            pollWithin(Math.min(config.pollTimeoutMs(), cadence.tailIntervalMillis()));
        }
    }

    /** The offset after {@code acknowledged}: what Connect commits (the next one to read). */
    private static long nextOffset(Pointer acknowledged) {
        return KafkaOffset.of(acknowledged).offset() + 1;
    }

    /** Whether the record comes before a reset_by_offset offset that was past the end of its partition. */
    private boolean belowInitialOffset(SinkRecord r) {
        TopicPartition tp = new TopicPartition(r.originalTopic(), r.originalKafkaPartition());
        Long floor = skipBelow.get(tp);
        if (floor == null) {
            return false;
        }
        if (r.originalKafkaOffset() < floor) {
            return true;
        }
        skipBelow.remove(tp);
        return false;
    }

    /**
     * Pauses the partitions {@link io.inlet.common.flow.Backpressure} holds (all of them while the buffer is full, a
     * BLOCKED one while it is blocked) through Connect, and resumes them after.
     */
    private void applyBackpressure(boolean handedBack) {
        List<PartitionState> states = new ArrayList<>();
        Map<TopicPartition, PartitionState> byTp = new HashMap<>();
        for (TopicPartition tp : context.assignment()) {
            ingestion.find(tp.topic(), Integer.toString(tp.partition())).ifPresent(h -> {
                states.add(h.state());
                byTp.put(tp, h.state());
            });
        }
        boolean full = ingestion.backpressure().update(handedBack, states);
        Set<TopicPartition> want = new HashSet<>();
        for (TopicPartition tp : context.assignment()) {
            PartitionState s = byTp.get(tp);
            if (full || s != null && ingestion.backpressure().holds(s)) {
                want.add(tp);
            }
        }
        Set<TopicPartition> toPause = new HashSet<>(want);
        toPause.removeAll(paused);
        Set<TopicPartition> toResume = new HashSet<>(paused);
        toResume.removeAll(want);
        toResume.retainAll(context.assignment());
        if (!toPause.isEmpty()) {
            LOG.debug("Pausing {} (buffer {} bytes, {} messages)", toPause, ingestion.writer().bufferedBytes(),
                    ingestion.writer().bufferedMessages());
            context.pause(toPause.toArray(TopicPartition[]::new));
        }
        if (!toResume.isEmpty()) {
            LOG.debug("Resuming {} (buffer {} bytes)", toResume, ingestion.writer().bufferedBytes());
            context.resume(toResume.toArray(TopicPartition[]::new));
        }
        paused.clear();
        paused.addAll(want);
        if (!want.isEmpty()) {
            // Only put() resumes a paused partition; with nothing else to fetch, the worker's next poll would
            // block until the next offset commit (offset.flush.interval.ms, 60 s by default): cap it. A full
            // buffer drains in a few bulk requests, so its pause is checked often: waiting a whole poll.timeout
            // would leave the writer idle for most of it.
            pollWithin(full ? Math.min(config.pollTimeoutMs(), BACKPRESSURE_RECHECK_MS) : config.pollTimeoutMs());
        }
    }

    /**
     * Caps the worker's next poll at {@code millis}; several reasons in one round keep the shortest (Connect's
     * context keeps only the last value given).
     */
    private void pollWithin(long millis) {
        if (millis < nextPollWithinMs) {
            nextPollWithinMs = millis;
            context.timeout(millis);
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition tp : currentOffsets.keySet()) {
            String partition = Integer.toString(tp.partition());
            Optional<Long> next = ingestion.committed(tp.topic(), partition).map(InletSinkTask::nextOffset);
            // Nothing acknowledged yet: the oldest record in flight, never the offset of a record handed back
            // (Connect would otherwise commit that one, as if everything before it were written).
            next.or(() -> ingestion.oldestPending(tp.topic(), partition).map(p -> KafkaOffset.of(p).offset()))
                    .ifPresent(o -> commit.put(tp, new OffsetAndMetadata(o)));
        }
        commit.forEach((tp, o) -> lastCommitted.put(tp, o.offset()));
        applyBackpressure(false);
        return commit;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            ingestion.close(tp.topic(), Integer.toString(tp.partition()));
            paused.remove(tp);
            skipBelow.remove(tp);
            lastCommitted.remove(tp);
        }
    }

    private static List<String> topics(Map<String, String> props) {
        return Arrays.stream(props.getOrDefault("topics", "").split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .toList();
    }

    @Override
    public void stop() {
        if (redrives != null) {
            redrives.close();
        }
        if (statePublisher != null) {
            statePublisher.close();
        }
        if (stallWatch != null) {
            stallWatch.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (ingestion != null) {
            ingestion.close();
        }
        if (initialOffsets != null) {
            initialOffsets.close();
        }
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                LOG.debug("Closing the OpenSearch client: {}", e.toString());
            }
        }
    }
}
