package io.inlet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recovery: the connector ingests the topic; when about 40% of it is indexed the Connect worker's JVM gets a
 * SIGKILL, and one second later (once the requests it had in flight are answered) it is started again on the
 * same port. Measured: seconds from the restart to the first write OpenSearch performs for the restarted
 * worker (any index operation, a re-applied one included) and to the first new document; messages re-applied
 * (the restarted tasks' version conflicts, from the state API, and the index's failed-operation count as a
 * cross-check); and that the index still ends with exactly N documents.
 */
final class RecoveryRun {

    /** What one crash and restart cost. */
    record Result(int partitions, int run, long messages, long indexedAtKill, double workerUpSeconds, double firstWriteSeconds,
                  double firstNewDocSeconds, long reappliedByState, long reappliedByIndex, long maxBatchSize, double totalSeconds) {
    }

    private final BenchStack stack;
    private final Indices indices;
    private final InletKafkaRun inlet;
    private final ProgressWatch watch;
    private final PrintStream out;

    RecoveryRun(BenchStack stack, Indices indices, InletKafkaRun inlet, ProgressWatch watch, PrintStream out) {
        this.stack = stack;
        this.indices = indices;
        this.inlet = inlet;
        this.watch = watch;
        this.out = out;
    }

    Result run(String name, String topic, String index, int partitions, int run, long n) throws Exception {
        indices.delete(index);
        indices.create(index);
        ObjectNode config = inlet.config(topic, index);
        long start = System.nanoTime();
        LogWindow before = new LogWindow(stack.workerLog());
        inlet.deploy(name, config);
        long killAt = (long) (n * 0.4);
        watch.await(index, killAt, 0, "recovery run " + run + " before the kill", () -> inlet.healthy(name, before));
        stack.killWorker();
        Thread.sleep(1_000);
        Indices.Progress atRestart = indices.progress(index);
        AtomicLong firstWrite = new AtomicLong(-1);
        AtomicLong firstNew = new AtomicLong(-1);
        long restart = System.nanoTime();
        Thread poller = new Thread(() -> {
            while (firstNew.get() < 0 && !Thread.currentThread().isInterrupted()) {
                try {
                    Indices.Progress p = indices.progress(index);
                    long now = System.nanoTime();
                    if (firstWrite.get() < 0 && p.indexed() + p.failed() > atRestart.indexed() + atRestart.failed()) {
                        firstWrite.set(now);
                    }
                    if (p.indexed() > atRestart.indexed()) {
                        firstWrite.compareAndSet(-1, now);
                        firstNew.set(now);
                    }
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // a slow answer: poll again
                }
            }
        }, "bench-recovery-poller");
        poller.setDaemon(true);
        poller.start();
        stack.startWorker();
        long up = System.nanoTime();
        LogWindow after = new LogWindow(stack.workerLog());
        ProgressWatch.Timing t = watch.await(index, n, 0, "recovery run " + run + " after the restart", () -> inlet.healthy(name, after));
        poller.join(5_000);
        poller.interrupt();
        long count = indices.refreshAndCount(index);
        JsonNode counters = inlet.counters(name);
        Indices.Progress end = t.last();
        inlet.remove(name);
        indices.delete(index);
        indices.delete(index + "-dlq");
        if (count != n) {
            throw new IllegalStateException("Recovery: index " + index + " holds " + count + " documents after the restart, expected " + n);
        }
        long maxBatch = config.path("max_batch_size").asLong(1000);
        Result r = new Result(partitions, run, n, atRestart.indexed(), (up - restart) / 1e9,
                firstWrite.get() < 0 ? Double.NaN : (firstWrite.get() - restart) / 1e9,
                firstNew.get() < 0 ? Double.NaN : (firstNew.get() - restart) / 1e9,
                counters.path("total_version_conflicts_count").asLong(-1), end.failed() - atRestart.failed(), maxBatch,
                (t.doneNanos() - start) / 1e9);
        out.printf(Locale.ROOT, "    recovery: killed at %,d indexed; worker REST up %.1f s after restart, first write %.1f s,"
                        + " first new document %.1f s; re-applied %,d (state API) / %,d (index failed ops)%n",
                r.indexedAtKill(), r.workerUpSeconds(), r.firstWriteSeconds(), r.firstNewDocSeconds(), r.reappliedByState(),
                r.reappliedByIndex());
        return r;
    }
}
