package io.inlet.faults;

import io.inlet.services.FaultProxy;
import io.inlet.services.Http;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One fault run on a source's stack ({@link FaultStack}: Kafka or Kinesis): the stream is sent in steps, one per fault; each fault is injected while
 * its step is being ingested (the second half of the step is sent while the fault lasts), held, healed, and
 * followed by a wait until every message sent so far is committed. Then a checkpoint: the committed offsets or
 * checkpoints must not be ahead of the index ({@link Verdict#ahead}). At the end the index and the dead letters are
 * compared with the model ({@link Verdict#compare}).
 *
 * <p>Time to recover is measured from the end of the fault (the restart, the thaw, the lift) to the moment
 * everything sent so far is committed; 0 when the other worker had caught up before the fault ended.
 */
final class FaultRun {

    /**
     * What to run. {@code partitions}: Kafka partitions or Kinesis shards at the start; {@code hold}: how long a
     * network, 429 or block fault lasts; {@code freeze}: OpenSearch frozen.
     */
    record Options(long messages, int partitions, long seed, int kills, int perKind, Duration hold, Duration freeze,
                   Duration deadline, String command) {
    }

    /** One injected fault: when (seconds into the run), what, how long it lasted and how long recovery took. */
    record Injected(int number, FaultKind kind, String detail, double atSeconds, double faultSeconds, double recoverSeconds) {
    }

    /**
     * A checkpoint: how many messages were committed then, how many ids the check found ahead of the index, and a few of them;
     * how many deletes OpenSearch had forgotten (see {@link Verdict}).
     */
    record Checkpoint(int afterFault, long committed, int violations, List<String> examples, int forgottenTombstones,
                      List<String> forgottenExamples) {
    }

    /** Everything a report needs; {@code kinds}: the fault kinds of the stack. */
    record Result(Options options, List<FaultKind> kinds, List<Injected> faults, List<Checkpoint> checkpoints, Verdict verdict, long messagesSent,
                  long poisonMessages, long writesCounted, long answered429, long connectionsReset, double seconds,
                  String failure) {
    }

    private final FaultStack stack;
    private final OpenSearchSide side;
    private final Options options;
    private final PrintStream out;
    private final Random random;
    private final StreamModel model;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Throwable> sendError = new AtomicReference<>();
    private final WriteCounter writes;
    private long started;

    FaultRun(FaultStack stack, Options options, PrintStream out) {
        this.stack = stack;
        this.side = stack.openSearchSide();
        this.options = options;
        this.out = out;
        this.random = new Random(options.seed());
        this.model = new StreamModel(options.messages(), options.partitions(), options.seed());
        this.writes = new WriteCounter(side.openSearch(), side.index());
    }

    /** The seeded schedule: the kills and every other kind of the stack {@code perKind} times, in a random order. */
    static List<FaultKind> schedule(Options o, List<FaultKind> kinds, Random random) {
        List<FaultKind> s = new ArrayList<>();
        for (int i = 0; i < o.kills(); i++) {
            s.add(FaultKind.WORKER_KILL);
        }
        for (FaultKind k : kinds) {
            if (k != FaultKind.WORKER_KILL) {
                for (int i = 0; i < o.perKind(); i++) {
                    s.add(k);
                }
            }
        }
        Collections.shuffle(s, random);
        return s;
    }

    Result run() {
        started = System.nanoTime();
        long deadline = started + options.deadline().toNanos();
        List<FaultKind> schedule = schedule(options, stack.kinds(), random);
        List<Injected> injected = new ArrayList<>();
        List<Checkpoint> checkpoints = new ArrayList<>();
        String failure = null;
        writes.start();
        try {
            int steps = schedule.size() + 1;
            for (int i = 0; i < schedule.size(); i++) {
                if (System.nanoTime() > deadline) {
                    failure = "the deadline of " + options.deadline().toMinutes() + " min passed after " + i + " faults";
                    break;
                }
                sendTo(share(2 * i + 1, 2 * steps));
                Thread.sleep(100 + random.nextInt(900)); // the fault lands while the first half is being written
                long secondHalf = share(2 * i + 2, 2 * steps);
                Thread sender = new Thread(() -> sendTo(secondHalf), "faults-sender");
                sender.start();
                Injected f = inject(i + 1, schedule.get(i));
                sender.join();
                injected.add(f);
                checkpoints.add(checkpoint(i + 1));
                Checkpoint c = checkpoints.get(i);
                out.printf("fault %d/%d %-24s %-34s fault %5.1f s, recovered %5.1f s after; %d ids ahead, %d deletes forgotten%n",
                        i + 1, schedule.size(), f.kind().label(), f.detail(), f.faultSeconds(), f.recoverSeconds(), c.violations(),
                        c.forgottenTombstones());
            }
            if (failure == null) {
                sendTo(options.messages());
                awaitCaughtUp(Duration.ofMinutes(10));
                checkpoints.add(checkpoint(schedule.size()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } catch (RuntimeException e) {
            failure = e.toString();
        } finally {
            writes.stop();
        }
        Verdict verdict = Verdict.compare(model,
                IndexSnapshot.read(side.openSearch().client(), side.openSearch().url(), side.index()),
                IndexSnapshot.read(side.openSearch().client(), side.openSearch().url(), side.deadLetterIndex()));
        FaultProxy proxy = side.proxy();
        return new Result(options, stack.kinds(), injected, checkpoints, verdict, sent.get(), model.poisons().size(), writes.total(),
                proxy.answered429(), proxy.resets(), (System.nanoTime() - started) / 1e9, failure);
    }

    private long share(long part, long of) {
        return options.messages() * part / of;
    }

    /** Sends the stream up to message {@code upTo} (exclusive) and waits until the source has all of it. */
    private synchronized void sendTo(long upTo) {
        while (model.generated() < upTo) {
            StreamModel.Message m = model.next();
            stack.send(m, (partition, pointer) -> {
                model.landed(m, partition, pointer);
                sent.incrementAndGet();
            }, e -> sendError.compareAndSet(null, e));
        }
        stack.flush();
        Throwable error = sendError.get();
        if (error != null) {
            throw new IllegalStateException("Sending the stream failed: " + error, error);
        }
    }

    private Injected inject(int number, FaultKind kind) throws InterruptedException {
        double at = seconds(System.nanoTime());
        long begin = System.nanoTime();
        String detail;
        switch (kind) {
            case WORKER_KILL -> {
                int w = random.nextInt(stack.workers());
                Duration down = Duration.ofMillis(1_000 + random.nextInt(2_000));
                stack.killWorker(w, down);
                detail = "worker " + w + ", down " + down.toMillis() + " ms";
            }
            case WORKER_ZOMBIE -> {
                int w = random.nextInt(stack.workers());
                stack.freezeWorker(w);
                try {
                    Thread.sleep(stack.zombieAfter().toMillis()); // its partitions or shards move
                    waitQuietly(Duration.ofSeconds(40), this::caughtUp);
                } finally {
                    stack.thawWorker(w);
                }
                detail = "worker " + w + " frozen " + Math.round((System.nanoTime() - begin) / 1e9) + " s";
            }
            case OPENSEARCH_KILL -> {
                side.kill(Duration.ofSeconds(2));
                detail = "down 2 s + start";
            }
            case OPENSEARCH_FREEZE -> {
                side.freeze(options.freeze());
                detail = "frozen " + options.freeze().toSeconds() + " s";
            }
            case NETWORK_CUT -> {
                side.network(FaultProxy.Mode.BLACKHOLE, options.hold());
                detail = "black hole " + options.hold().toSeconds() + " s";
            }
            case NETWORK_SLOW -> {
                side.latency(Duration.ofMillis(250), options.hold());
                detail = "+250 ms for " + options.hold().toSeconds() + " s";
            }
            case NETWORK_RESET -> {
                Duration held = Duration.ofSeconds(Math.max(2, options.hold().toSeconds() / 3));
                side.network(FaultProxy.Mode.RESET, held);
                detail = "RST for " + held.toSeconds() + " s";
            }
            case TOO_MANY_REQUESTS -> {
                side.network(FaultProxy.Mode.TOO_MANY_REQUESTS, options.hold());
                detail = "429 for " + options.hold().toSeconds() + " s";
            }
            case FLOOD_STAGE_BLOCK -> {
                side.floodStageBlock(options.hold());
                detail = "block for " + options.hold().toSeconds() + " s";
            }
            case BROKER_RESTART, LEASE_STEAL, SHARD_SPLIT, SHARD_MERGE, LEASE_TABLE_RESTART ->
                    detail = stack.injectOwn(kind, random, options.hold());
            default -> throw new IllegalStateException("unknown fault " + kind);
        }
        long healed = System.nanoTime();
        long caughtUp = awaitCaughtUp(Duration.ofMinutes(10));
        return new Injected(number, kind, detail, at, (healed - begin) / 1e9, Math.max(0, caughtUp - healed) / 1e9);
    }

    /**
     * Waits until every message sent so far is committed; returns when (nanoTime) it first was. A moment when
     * the committed state cannot be read (the broker or the lease table restarting) counts as not caught up.
     */
    private long awaitCaughtUp(Duration timeout) throws InterruptedException {
        if (!waitQuietly(timeout, this::caughtUp)) {
            throw new IllegalStateException("Not caught up " + timeout.toMinutes() + " min after the fault: "
                    + model.committedCount(stack.committed()) + " of " + sent.get() + " messages sent are committed. Worker logs: "
                    + stack.workerLogs());
        }
        return System.nanoTime();
    }

    private boolean caughtUp() {
        return model.generated() == sent.get() && model.allCommitted(stack.committed());
    }

    /** Whether {@code condition} came true within {@code timeout}; a condition that throws is not true yet. */
    private static boolean waitQuietly(Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException e) {
                // the committed state is unreadable for a moment (broker busy, lease table restarting): look again
            }
            Thread.sleep(200);
        }
        return false;
    }

    private Checkpoint checkpoint(int afterFault) {
        Committed committed = stack.committed();
        Http http = side.openSearch().client();
        String url = side.openSearch().url();
        Verdict.Ahead ahead = Verdict.ahead(model, committed, IndexSnapshot.read(http, url, side.index()),
                IndexSnapshot.read(http, url, side.deadLetterIndex()));
        return new Checkpoint(afterFault, model.committedCount(committed), ahead.violations().size(),
                first(ahead.violations()), ahead.forgottenTombstones().size(), first(ahead.forgottenTombstones()));
    }

    private static List<String> first(List<String> lines) {
        return List.copyOf(lines.subList(0, Math.min(5, lines.size())));
    }

    private double seconds(long nanos) {
        return (nanos - started) / 1e9;
    }
}
