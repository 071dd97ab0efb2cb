package io.inlet.kinesis.kcl;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/**
 * Runs one KCL {@link Scheduler} on its own thread, from start-up to a graceful stop:
 * <ol>
 *   <li>{@link LeaseTableSchema#ensure} creates the lease table if missing;</li>
 *   <li>{@link SchedulerFactory} builds the scheduler;</li>
 *   <li>with {@link ConsumerSettings#bootstrapLeases()}, {@link LeaseBootstrap} creates the leases of a
 *       new application, so the scheduler does not wait 3–30 s first;</li>
 *   <li>the scheduler runs on a thread named {@code kcl-<application>}.</li>
 * </ol>
 * {@link #stop} asks for a graceful shutdown: every record processor gets {@code shutdownRequested}
 * (its chance to checkpoint) before its lease is given up; after the timeout the scheduler is stopped
 * hard. The clients are not closed here: they belong to the caller.
 */
public final class SchedulerRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchedulerRunner.class);

    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Scheduler scheduler;
    private final Thread thread;
    private final String applicationName;

    private SchedulerRunner(Scheduler scheduler, String applicationName) {
        this.scheduler = scheduler;
        this.applicationName = applicationName;
        this.thread = new Thread(scheduler, "kcl-" + applicationName);
    }

    /** Prepares the lease table, builds the scheduler and starts it; returns once its thread runs. */
    public static SchedulerRunner start(KinesisClients clients, ConsumerSettings settings,
                                        ShardRecordProcessorFactory processors) {
        return start(clients, settings, processors, scheduler -> { });
    }

    /**
     * As {@link #start(KinesisClients, ConsumerSettings, ShardRecordProcessorFactory)}, running
     * {@code beforeRun} after the leases are bootstrapped and before the scheduler's thread starts (to
     * seed checkpoints, for instance). If {@code beforeRun} throws, nothing is started and the exception
     * is passed on.
     */
    public static SchedulerRunner start(KinesisClients clients, ConsumerSettings settings,
                                        ShardRecordProcessorFactory processors, Consumer<Scheduler> beforeRun) {
        LeaseTableSchema.ensure(clients.dynamoDb(), settings.applicationName());
        Scheduler scheduler = SchedulerFactory.create(clients, settings, processors);
        if (settings.bootstrapLeases()) {
            try {
                LeaseBootstrap.createLeasesIfTableEmpty(scheduler);
            } catch (IllegalStateException e) {
                log.warn("{}; the KCL will create them itself after its start-up wait (3–30 s)", e.getMessage(), e);
            }
        }
        beforeRun.accept(scheduler);
        SchedulerRunner runner = new SchedulerRunner(scheduler, settings.applicationName());
        runner.thread.start();
        return runner;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    /**
     * Stops the scheduler gracefully, waiting at most {@code timeout}; then stops it hard if it is
     * still running, and waits for its thread to end.
     *
     * @return true when the graceful shutdown completed in time
     */
    public boolean stop(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean graceful = false;
        try {
            graceful = Boolean.TRUE.equals(scheduler.startGracefulShutdown().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            log.warn("KCL scheduler of {} did not shut down gracefully within {} s; stopping it now",
                    applicationName, timeout.toSeconds());
        } catch (ExecutionException e) {
            log.warn("Graceful shutdown of the KCL scheduler of {} failed: {}; stopping it now", applicationName,
                    e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!graceful) {
            scheduler.shutdown();
        }
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("KCL scheduler thread {} is still running after the stop", thread.getName());
        }
        return graceful;
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            stop(DEFAULT_STOP_TIMEOUT);
        }
    }
}
