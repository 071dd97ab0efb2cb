package io.inlet.common.redrive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.common.ingest.IngestionFactory;
import io.inlet.common.retry.Backoff;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.opensearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The re-drives one process runs: started by the management API, resumed when a run was interrupted. A run holds a
 * lease in its pipeline's ledger document, renewed every {@value #HEARTBEAT_MILLIS} ms; a run whose lease is older
 * than {@value #LEASE_MILLIS} ms was interrupted (its worker crashed or stopped) and is resumed by the first worker
 * that looks: one where the pipeline runs ({@link #resumeWhenInterrupted}), or the next {@code _redrive} call.
 */
public final class Redrives implements AutoCloseable {

    static final long LEASE_MILLIS = 15_000;
    static final long HEARTBEAT_MILLIS = 3_000;

    private static final Logger LOG = LoggerFactory.getLogger(Redrives.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String owner;
    private final ExecutorService runs;
    private final ScheduledExecutorService heartbeats;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** {@code owner}: who this process is in the ledger (a worker id, host and port). */
    public Redrives(String owner) {
        this.owner = owner;
        AtomicInteger n = new AtomicInteger();
        this.runs = Executors.newCachedThreadPool(r -> daemon(r, "inlet-redrive-" + n.incrementAndGet()));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "inlet-redrive-heartbeat"));
    }

    /**
     * Starts a re-drive of {@code pipeline}'s dead letters selected by {@code selection}. When the pipeline's last
     * run was interrupted and {@code selection} is null (a request without a body), that run is resumed instead.
     *
     * @param release called once the run is over (e.g. to close a client made for it)
     * @param wait    whether to return only when the run is over
     * @return the run's progress: at its start, or at its end with {@code wait}
     * @throws RedriveConflictException when a run of the pipeline holds its lease
     * @throws IllegalArgumentException when the pipeline has no dead-letter index to read
     */
    public ObjectNode start(RedrivePipeline pipeline, RestClient client, RedriveSelection selection, Runnable release,
                            boolean wait) throws RedriveConflictException, IOException, InterruptedException {
        pipeline.deadLetterIndices();
        RedriveLedger ledger = new RedriveLedger(client, pipeline.config().redriveIndex(), pipeline.name());
        long now = System.currentTimeMillis();
        Optional<ObjectNode> last = ledger.read();
        if (last.isPresent() && RedriveProgress.isLive(last.get(), now, LEASE_MILLIS)) {
            ObjectNode d = last.get();
            throw new RedriveConflictException("a re-drive of " + pipeline.name() + " is running on "
                    + d.path("owner").asText() + ": " + d.path("processed").asLong() + " of " + d.path("selected").asLong()
                    + " dead letters done; its progress is under redrive in the state API");
        }
        RedriveProgress progress = last.isPresent() && selection == null
                && RedriveProgress.isInterrupted(last.get(), now, LEASE_MILLIS)
                ? RedriveProgress.resume(last.get(), owner, now)
                : RedriveProgress.start(pipeline.name(), selection == null ? RedriveSelection.all() : selection, owner, now);
        if (!ledger.write(progress.toJson())) {
            throw new RedriveConflictException("another worker started a re-drive of " + pipeline.name()
                    + " at the same moment; its progress is under redrive in the state API");
        }
        Future<ObjectNode> done = runs.submit(() -> run(pipeline, client, ledger, progress, release));
        if (!wait) {
            return progress.toJson();
        }
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw new IOException("re-drive of " + pipeline.name() + " failed: " + e.getCause(), e.getCause());
        }
    }

    private ObjectNode run(RedrivePipeline pipeline, RestClient client, RedriveLedger ledger, RedriveProgress progress,
                           Runnable release) {
        try {
            return runLeased(pipeline, client, ledger, progress);
        } finally {
            release.run();
        }
    }

    /**
     * The run under its lease: finished (done or failed, recorded in the ledger), or stopped first (the worker
     * stops, the lease is lost), which leaves the ledger saying running for the next worker to resume.
     */
    private ObjectNode runLeased(RedrivePipeline pipeline, RestClient client, RedriveLedger ledger,
                                 RedriveProgress progress) {
        AtomicBoolean leaseLost = new AtomicBoolean();
        ScheduledFuture<?> heartbeat = heartbeats.scheduleWithFixedDelay(() -> {
            progress.heartbeatAt = System.currentTimeMillis();
            try {
                if (!ledger.write(progress.toJson())) {
                    LOG.warn("Re-drive {} of {} lost its lease in {} to another worker: stopping", progress.runId,
                            pipeline.name(), ledger.index());
                    leaseLost.set(true);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Couldn't renew the lease of re-drive {} of {}: {}", progress.runId, pipeline.name(), e.toString());
            }
        }, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
        try {
            Redrive redrive = new Redrive(pipeline, client, progress,
                    () -> closed.get() || leaseLost.get() || Thread.currentThread().isInterrupted());
            Backoff backoff = IngestionFactory.backoff(pipeline.config());
            int attempt = 0;
            while (true) {
                try {
                    if (!redrive.run()) {
                        LOG.info("Re-drive {} of {} stopped after {} of {} dead letters; the next worker resumes it",
                                progress.runId, pipeline.name(), progress.processed(), progress.selected.get());
                        return progress.toJson();
                    }
                    progress.status = RedriveProgress.DONE;
                    break;
                } catch (IOException e) {
                    // OpenSearch restarting, a node down: go on where the marks say, as ingestion would
                    LOG.warn("Re-drive {} of {}: {}; retrying", progress.runId, pipeline.name(), e.toString());
                    backoff.pause(attempt++);
                    if (closed.get() || leaseLost.get()) {
                        return progress.toJson();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return progress.toJson();
        } catch (RuntimeException e) {
            LOG.error("Re-drive {} of {} failed", progress.runId, pipeline.name(), e);
            progress.status = RedriveProgress.FAILED;
            progress.error = e.getMessage();
        } finally {
            heartbeat.cancel(false);
        }
        return finish(pipeline, ledger, progress);
    }

    private static ObjectNode finish(RedrivePipeline pipeline, RedriveLedger ledger, RedriveProgress progress) {
        progress.finishedAt = System.currentTimeMillis();
        progress.heartbeatAt = progress.finishedAt;
        try {
            if (!ledger.write(progress.toJson())) {
                LOG.warn("Re-drive {} of {} finished, but another worker had taken it over", progress.runId, pipeline.name());
            }
        } catch (IOException e) {
            LOG.warn("Couldn't record the end of re-drive {} of {}: {}", progress.runId, pipeline.name(), e.toString());
        }
        LOG.info("Re-drive {} of {} {}: {}", progress.runId, pipeline.name(), progress.status, progress.toJson());
        return progress.toJson();
    }

    /**
     * Resumes {@code pipeline}'s re-drive whenever one is interrupted: watches its ledger document in the background
     * until this is closed (every {@value #LEASE_MILLIS} ms while no run is in progress, and just after a running
     * one's lease would expire), and takes over a run whose lease expired. A pipeline calls it where it runs (task 0
     * of a connector, every Kinesis worker): a run whose worker crashed or was stopped is then resumed within about
     * two leases, wherever the pipeline runs.
     */
    public void resumeWhenInterrupted(RedrivePipeline pipeline, RestClient client) {
        if (pipeline.config().dlqIndex() == null) {
            return;
        }
        runs.submit(() -> {
            RedriveLedger ledger = new RedriveLedger(client, pipeline.config().redriveIndex(), pipeline.name());
            while (!closed.get() && !Thread.currentThread().isInterrupted()) {
                long wait;
                try {
                    Optional<ObjectNode> doc = ledger.read();
                    long now = System.currentTimeMillis();
                    if (doc.isEmpty() || !RedriveProgress.RUNNING.equals(doc.get().path("status").asText())) {
                        wait = LEASE_MILLIS;
                    } else if (RedriveProgress.isInterrupted(doc.get(), now, LEASE_MILLIS)) {
                        LOG.info("Resuming the interrupted re-drive {} of {} (last seen on {})",
                                doc.get().path("run_id").asText(), pipeline.name(), doc.get().path("owner").asText());
                        start(pipeline, client, null, () -> { }, false);
                        wait = LEASE_MILLIS;
                    } else {
                        wait = Math.max(1_000, LEASE_MILLIS - (now - doc.get().path("heartbeat_at").asLong()) + 500);
                    }
                } catch (RedriveConflictException e) {
                    wait = HEARTBEAT_MILLIS;
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Couldn't read the re-drive ledger of {}: {}; trying again", pipeline.name(), e.toString());
                    wait = 5_000;
                }
                Thread.sleep(wait);
            }
            return null;
        });
    }

    /**
     * The pipeline's re-drive as the state API shows it under {@code redrive}: the ledger document, its status
     * {@code interrupted} when its lease expired unfinished; {@code {"status":"none"}} when it never re-drove.
     */
    public static ObjectNode state(String pipeline, RestClient client, String redriveIndex) throws IOException {
        Optional<ObjectNode> doc = new RedriveLedger(client, redriveIndex, pipeline).read();
        if (doc.isEmpty()) {
            return JSON.createObjectNode().put("status", "none");
        }
        ObjectNode d = doc.get();
        if (RedriveProgress.isInterrupted(d, System.currentTimeMillis(), LEASE_MILLIS)) {
            d.put("status", "interrupted");
        }
        return d;
    }

    /** Stops the runs and watchers of this process; a stopped run keeps its place and is resumed by the next worker. */
    @Override
    public void close() {
        closed.set(true);
        runs.shutdownNow();
        heartbeats.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
