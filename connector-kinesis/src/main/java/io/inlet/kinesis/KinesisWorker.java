package io.inlet.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.client.OpenSearchClients;
import io.inlet.common.config.PointerReset;
import io.inlet.common.error.DeadLetterSink;
import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.error.OpenSearchDeadLetterSink;
import io.inlet.common.flow.StallWatch;
import io.inlet.common.ingest.Ingestion;
import io.inlet.common.ingest.IngestionFactory;
import io.inlet.common.ingest.IngestionFactory.SourceRules;
import io.inlet.common.message.Pointer;
import io.inlet.common.pointer.PartitionReset;
import io.inlet.common.redrive.RedriveConflictException;
import io.inlet.common.redrive.RedrivePipeline;
import io.inlet.common.redrive.RedriveSelection;
import io.inlet.common.redrive.Redrives;
import io.inlet.common.state.IngestionSnapshot;
import io.inlet.common.state.PartitionSnapshot;
import io.inlet.common.state.PollerState;
import io.inlet.common.writer.BulkTransport;
import io.inlet.common.writer.MemoryPool;
import io.inlet.kinesis.config.KinesisWorkerConfig;
import io.inlet.kinesis.kcl.ConsumerSettings;
import io.inlet.kinesis.kcl.KinesisClients;
import io.inlet.kinesis.kcl.SchedulerRunner;
import io.inlet.kinesis.rest.ApiAccess;
import io.inlet.kinesis.rest.ManagementApi;
import io.inlet.kinesis.rest.ResetPlan;
import io.inlet.kinesis.rest.WorkerControl;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opensearch.client.RestHighLevelClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.Lease;

/**
 * The Kinesis worker: a KCL scheduler whose record processors feed the shared {@link Ingestion}, the
 * management API, and the lifecycle that ties them: start, pause, resume (optionally rewinding shards,
 * which restarts the scheduler), and a graceful stop that checkpoints what OpenSearch acknowledged and
 * releases the leases.
 *
 * <pre>{@code
 * try (KinesisWorker worker = KinesisWorker.start(new KinesisWorkerConfig(settings))) {
 *     ... worker.managementPort() ...
 * }
 * }</pre>
 */
public final class KinesisWorker implements WorkerControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisWorker.class);

    private final KinesisWorkerConfig config;
    private final ConsumerSettings settings;
    private final KinesisClients clients;
    private final RestHighLevelClient openSearch;
    private final ErrorPolicy policy;
    private final Ingestion ingestion;
    private final PauseGate gate = new PauseGate();
    private final ShardLedger ledger = new ShardLedger();
    private final StallWatch stallWatch;
    private final Object lifecycle = new Object();
    private volatile Generation current;
    private volatile boolean restarting;
    private volatile boolean stopped;
    private volatile boolean failed;
    private ManagementApi api;
    private final Redrives redrives;
    private final WorkerMetrics metrics;

    /** One scheduler run: a restart (resume with reset) makes a new one. */
    private record Generation(SchedulerRunner runner, AtomicBoolean stopping) {
    }

    private KinesisWorker(KinesisWorkerConfig config, KinesisClients clients, RestHighLevelClient openSearch) {
        this.config = config;
        this.settings = ConsumerSettings.from(config);
        this.clients = clients;
        this.openSearch = openSearch;
        this.policy = new ErrorPolicy(config.errorStrategy());
        DeadLetterSink dlq = config.dlqIndex() == null ? null
                : new OpenSearchDeadLetterSink(openSearch.getLowLevelClient(), config.dlqIndex());
        this.ingestion = IngestionFactory.ingestion(config.applicationName(), config, SourceRules.kinesis(),
                BulkTransport.openSearch(openSearch.getLowLevelClient(), config.updateVersionField()),
                IngestionFactory.targetCheck(config, openSearch.getLowLevelClient()), MemoryPool.of(config.bufferMaxBytes(), config.bufferMaxMessages()), policy, dlq);
        this.stallWatch = new StallWatch(ingestion, Duration.ofSeconds(30), "shard");
        this.metrics = new WorkerMetrics(ingestion, config.applicationName(), settings.workerId());
        this.redrives = new Redrives("kinesis-worker " + config.workerId());
    }

    /**
     * Starts a worker: checks {@code pointer.init.reset=none}, connects to AWS and OpenSearch, starts the
     * KCL scheduler (seeding a {@code reset_by_offset} checkpoint first) and the management API.
     *
     * @throws IllegalStateException when it can't start, saying why; nothing is left running then
     */
    public static KinesisWorker start(KinesisWorkerConfig config) {
        ApiAccess access = ApiAccess.from(config, System::getenv); // a bad credential stops the start before anything runs
        KinesisClients clients = KinesisClients.create(config.awsSettings());
        RestHighLevelClient openSearch = null;
        KinesisWorker worker = null;
        try {
            if (config.pointerReset() == PointerReset.NONE) {
                InitialPositions.requireCommitted(clients, config.applicationName());
            }
            openSearch = OpenSearchClients.create(IngestionFactory.connection(config));
            worker = new KinesisWorker(config, clients, openSearch);
            worker.current = worker.startScheduler(true);
            worker.api = ManagementApi.start(config.managementBind(), config.managementPort(), worker, access);
            // a re-drive interrupted by a crash goes on where a worker of its application comes back
            worker.redrives.resumeWhenInterrupted(worker.redrivePipeline(), openSearch.getLowLevelClient());
            LOG.info("Kinesis worker {} started: stream {}, application {}, {} retrieval, error_strategy {}, index {},"
                            + " management API on port {}", config.workerId(), config.stream(), config.applicationName(),
                    config.retrieval(), config.errorStrategy(), config.index(), worker.api.port());
            return worker;
        } catch (RuntimeException e) {
            if (worker != null) {
                worker.stop(Duration.ofSeconds(5));
            } else {
                closeQuietly(openSearch);
                clients.close();
            }
            throw e;
        }
    }

    private Generation startScheduler(boolean firstStart) {
        AtomicBoolean stopping = new AtomicBoolean();
        Duration flush = flushTimeout();
        ProcessorContext ctx = new ProcessorContext(ingestion, config.streamName(), settings.workerId(), gate,
                stopping::get, config.checkpointInterval(), flush, ledger);
        SchedulerRunner runner = SchedulerRunner.start(clients, settings, new InletProcessorFactory(ctx), scheduler -> {
            if (firstStart && config.pointerReset() == PointerReset.BY_OFFSET) {
                InitialPositions.seedOffsets(clients, config.stream(), config.applicationName(),
                        config.pointerResetOffsets().stream().map(BigInteger::toString).toList());
            }
        });
        return new Generation(runner, stopping);
    }

    /** Time a shard may wait for OpenSearch at shutdown: the shutdown timeout less room for the rest of the stop. */
    private Duration flushTimeout() {
        long ms = config.shutdownTimeout().toMillis();
        return Duration.ofMillis(Math.max(500, ms - Math.min(5_000, ms / 3)));
    }

    /** The port the management API listens on. */
    public int managementPort() {
        return api.port();
    }

    public KinesisWorkerConfig config() {
        return config;
    }

    @Override
    public void pause() {
        gate.pause();
        showPaused(true);
        LOG.info("Paused: no shard is read until POST /ingestion/_resume");
    }

    @Override
    public Map<String, String> resume(List<PartitionReset> resets) {
        if (resets.isEmpty()) {
            gate.resume();
            showPaused(false);
            LOG.info("Resumed");
            return Map.of();
        }
        synchronized (lifecycle) {
            if (stopped) {
                throw new IllegalStateException("the worker is stopping");
            }
            ResetPlan plan = ResetPlan.prepare(clients, config, settings.workerId(), resets);
            restarting = true;
            try {
                Generation old = current;
                LOG.info("Resume with reset_settings {}: stopping the scheduler to rewrite checkpoints",
                        resets.stream().map(r -> r.partition() + " " + r.describe()).toList());
                old.stopping().set(true);
                boolean graceful = old.runner().stop(config.shutdownTimeout());
                if (!graceful) {
                    LOG.warn("The scheduler did not stop gracefully; rewriting the checkpoints anyway");
                }
                Map<String, String> written;
                try {
                    written = plan.apply();
                } finally {
                    ledger.clearFinished();
                    gate.resume();
                    showPaused(false);
                    restart();
                }
                LOG.info("Resumed with new checkpoints {}", written);
                return written;
            } finally {
                restarting = false;
            }
        }
    }

    /** Shows the user's pause in every shard's state at once (each shard's processor sees the gate when it next reads). */
    private void showPaused(boolean paused) {
        ingestion.state().partitions().forEach(s -> s.setPaused(paused));
    }

    /** Starts a new scheduler; if that fails, the worker counts as stopped unexpectedly (its main exits). */
    private void restart() {
        try {
            current = startScheduler(false);
        } catch (RuntimeException e) {
            LOG.error("Couldn't start the scheduler again: {}", e.getMessage(), e);
            failed = true;
            throw e;
        }
    }

    @Override
    public IngestionSnapshot state() {
        IngestionSnapshot live = ingestion.state().snapshot();
        boolean paused = gate.isPaused();
        List<PartitionSnapshot> out = new ArrayList<>();
        for (PartitionSnapshot p : live.partitions()) {
            out.add(new PartitionSnapshot(p.stream(), p.partition(), p.pointerKind(), p.pollerState(), p.errorPolicy(), paused,
                    ledger.checkpoint(p.partition()).orElse(null), p.lastAcknowledgedPointer(), p.latestPointer(),
                    p.pointerBasedLag(), p.lagInMillis(), p.counters(), p.lastError(), p.owner()));
        }
        for (PartitionSnapshot f : ledger.finishedShards()) {
            if (live.find(f.stream(), f.partition()).isEmpty()) {
                out.add(new PartitionSnapshot(f.stream(), f.partition(), f.pointerKind(), PollerState.CLOSED,
                        policy.current(), paused, f.committedPointer(), f.lastAcknowledgedPointer(), f.latestPointer(),
                        f.pointerBasedLag(), f.lagInMillis(), f.counters(), f.lastError(), f.owner()));
            }
        }
        out.sort(PartitionSnapshot.ORDER);
        return new IngestionSnapshot(live.name(), out);
    }

    @Override
    public ErrorStrategy switchErrorStrategy(ErrorStrategy next) {
        ErrorStrategy previous = policy.switchTo(next);
        LOG.info("error_strategy switched from {} to {}", previous, next);
        return previous;
    }

    @Override
    public JsonNode redrive(RedriveSelection selection, boolean wait)
            throws RedriveConflictException, IOException, InterruptedException {
        return redrives.start(redrivePipeline(), openSearch.getLowLevelClient(), selection, () -> { }, wait);
    }

    @Override
    public JsonNode redriveState() throws IOException {
        return config.dlqIndex() == null ? null
                : Redrives.state(config.applicationName(), openSearch.getLowLevelClient(), config.redriveIndex());
    }

    private RedrivePipeline redrivePipeline() {
        return new RedrivePipeline(config.applicationName(), config, SourceRules.kinesis(), Pointer.Kind.SEQUENCE_NUMBER,
                List.of(config.streamName()));
    }

    @Override
    public String metrics() {
        return metrics.scrape();
    }

    @Override
    public WorkerStatus status() {
        Generation g = current;
        boolean running = g != null && g.runner().isRunning();
        return new WorkerStatus(settings.workerId(), config.applicationName(), config.streamName(), running,
                gate.isPaused(), ingestion.writer().bufferedMessages(), ingestion.writer().bufferedBytes(),
                ingestion.writer().stats());
    }

    /**
     * Waits until the scheduler stops without being asked to (it gave up, e.g. the stream was deleted)
     * or the worker is stopped; true in the first case.
     */
    public boolean awaitUnexpectedStop() throws InterruptedException {
        while (!stopped) {
            if (failed) {
                return true;
            }
            Generation g = current;
            if (!restarting && g != null && !g.runner().isRunning() && !g.stopping().get() && !stopped) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    /**
     * Stops the worker: the management API, then the scheduler gracefully (each shard flushes what it has in
     * flight and checkpoints), then the leases are released so other workers take them at once, then the
     * clients. Idempotent.
     *
     * @return true when everything stopped in time and cleanly
     */
    public boolean stop(Duration timeout) {
        synchronized (lifecycle) {
            if (stopped) {
                return true;
            }
            stopped = true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        if (api != null) {
            api.close();
        }
        boolean clean = true;
        Generation g = current;
        if (g != null) {
            g.stopping().set(true);
            Duration budget = Duration.ofNanos(Math.max(Duration.ofSeconds(1).toNanos(),
                    deadline - System.nanoTime() - Duration.ofSeconds(2).toNanos()));
            clean = g.runner().stop(budget);
            if (clean) {
                releaseLeases(g.runner().scheduler());
            }
        }
        stallWatch.close();
        metrics.close();
        redrives.close();
        ingestion.close();
        closeQuietly(openSearch);
        clients.close();
        LOG.info("Kinesis worker {} stopped{}", settings.workerId(), clean ? "" : " (not cleanly: what was not"
                + " checkpointed is replayed by the next owner)");
        return clean;
    }

    /** Gives up this worker's leases so the others take them without waiting for them to expire. */
    private void releaseLeases(Scheduler scheduler) {
        try {
            int released = 0;
            for (Lease lease : scheduler.leaseRefresher().listLeases()) {
                if (settings.workerId().equals(lease.leaseOwner()) && scheduler.leaseRefresher().evictLease(lease)) {
                    released++;
                }
            }
            LOG.info("Released {} leases of worker {}", released, settings.workerId());
        } catch (Exception e) {
            LOG.warn("Couldn't release the leases of worker {} ({}); they expire after {} ms", settings.workerId(),
                    e.toString(), settings.timings().failoverTimeMillis());
        }
    }

    @Override
    public void close() {
        stop(config.shutdownTimeout());
    }

    private static void closeQuietly(RestHighLevelClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("Closing the OpenSearch client: {}", e.toString());
        }
    }
}
