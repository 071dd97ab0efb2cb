package io.inlet.kinesis;

import io.inlet.kinesis.config.KinesisWorkerConfig;
import io.inlet.kinesis.config.WorkerConfigCheck;
import io.inlet.kinesis.config.WorkerConfigFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's command line:
 * <pre>
 * java -jar inlet-kinesis-worker.jar --config worker.json [--check]
 * </pre>
 * Reads the JSON configuration ({@link WorkerConfigFile}), prints every problem in it and exits with 2
 * when it is invalid; with {@code --check} it stops there (0 when valid). Otherwise it starts the
 * {@link KinesisWorker} and runs until SIGTERM (or Ctrl-C), on which it stops the management API,
 * lets each shard flush and checkpoint, releases its leases, and exits with 0 within
 * {@code shutdown.timeout.ms} (1 if the graceful stop did not complete in time). Exit codes: 0 stopped
 * cleanly, 1 failed to start or stopped unexpectedly, 2 invalid command line or configuration.
 */
public final class WorkerMain {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private WorkerMain() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != OK || !isRunMode(args)) {
            System.exit(code);
        }
    }

    private static boolean isRunMode(String[] args) {
        return !List.of(args).contains("--check");
    }

    /**
     * Runs the command line. In run mode, returns only when the worker stopped by itself (then FAILED);
     * a SIGTERM ends the JVM from the shutdown hook.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        boolean check = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config", "-c" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, "--config needs a file");
                    }
                    file = Path.of(args[++i]);
                }
                case "--check" -> check = true;
                case "--help", "-h" -> {
                    usage(out, null);
                    return OK;
                }
                default -> {
                    return usage(err, "unknown argument " + args[i]);
                }
            }
        }
        if (file == null) {
            return usage(err, "give the configuration file with --config");
        }
        KinesisWorkerConfig config;
        try {
            Map<String, String> props = WorkerConfigFile.read(file);
            List<String> problems = WorkerConfigCheck.problems(props);
            if (!problems.isEmpty()) {
                err.println("Invalid configuration in " + file + " (" + problems.size() + " problem"
                        + (problems.size() == 1 ? "" : "s") + "):");
                problems.forEach(p -> err.println("  - " + p));
                return USAGE;
            }
            config = new KinesisWorkerConfig(props);
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        if (check) {
            out.println("Configuration " + file + " is valid: stream " + config.stream() + ", application "
                    + config.applicationName() + ", index " + config.index());
            return OK;
        }
        return runWorker(config, err);
    }

    private static int runWorker(KinesisWorkerConfig config, PrintStream err) {
        KinesisWorker worker;
        try {
            worker = KinesisWorker.start(config);
        } catch (RuntimeException e) {
            LOG.error("The worker could not start: {}", e.getMessage(), e);
            err.println("The worker could not start: " + e.getMessage());
            return FAILED;
        }
        Duration timeout = config.shutdownTimeout();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutting down (signal received): flushing, checkpointing and releasing leases within {} ms",
                    timeout.toMillis());
            watchdog(timeout.plusSeconds(2));
            boolean clean = worker.stop(timeout);
            // a JVM ended by SIGTERM exits with 143; a clean stop is a success, so say so
            Runtime.getRuntime().halt(clean ? OK : FAILED);
        }, "inlet-shutdown"));
        try {
            if (worker.awaitUnexpectedStop()) {
                LOG.error("The KCL scheduler stopped by itself (see the errors above); exiting");
                worker.stop(timeout);
                return FAILED;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    /** Halts the JVM if the shutdown takes longer than {@code limit}. */
    private static void watchdog(Duration limit) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
                LOG.error("Shutdown took longer than {} ms; halting", limit.toMillis());
                Runtime.getRuntime().halt(FAILED);
            } catch (InterruptedException ignored) {
                // the JVM is ending anyway
            }
        }, "inlet-shutdown-watchdog");
        t.setDaemon(true);
        t.start();
    }

    private static int usage(PrintStream to, String problem) {
        if (problem != null) {
            to.println(problem);
        }
        to.println("Usage: java -jar inlet-kinesis-worker.jar --config worker.json [--check]");
        to.println("  --config FILE  the worker's JSON configuration (settings: docs/settings-kinesis-worker.md)");
        to.println("  --check        validate the configuration and exit (0 valid, 2 invalid)");
        return problem == null ? OK : USAGE;
    }
}
