package io.inlet.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Waits until an index has indexed {@code n} documents, polling its indexing stats every 200 ms (no refresh
 * needed), and notes when the first document and the last arrived. Fails when nothing moves for two minutes.
 */
final class ProgressWatch {

    /** When (nanoTime) the first document was indexed and when the n-th was, and the last counters read. */
    record Timing(long firstNanos, long doneNanos, Indices.Progress last) {
    }

    private static final Duration STALL = Duration.ofMinutes(2);

    /** The longest one wait may take (0: no limit besides the stall), e.g. to keep a full run within its time. */
    static volatile long maxSeconds;

    private final Indices indices;
    private final PrintStream out;
    private final boolean nativeIngestion;

    ProgressWatch(Indices indices, PrintStream out) {
        this(indices, out, false);
    }

    private ProgressWatch(Indices indices, PrintStream out, boolean nativeIngestion) {
        this.indices = indices;
        this.out = out;
        this.nativeIngestion = nativeIngestion;
    }

    /** A watch that reads the native pull-based ingestion's own counters instead of the indexing stats. */
    ProgressWatch forNativeIngestion() {
        return new ProgressWatch(indices, out, true);
    }

    Timing await(String index, long n, long baseline, String what) throws InterruptedException {
        return await(index, n, baseline, what, () -> { });
    }

    /**
     * As {@link #await(String, long, long, String)}, running {@code healthCheck} every two seconds: it throws
     * to end the wait early (a failed task, a dead process) instead of waiting for the stall timeout.
     */
    Timing await(String index, long n, long baseline, String what, Runnable healthCheck) throws InterruptedException {
        long first = -1;
        long started = System.nanoTime();
        long lastCheck = System.nanoTime();
        long lastMove = System.nanoTime();
        long lastSeen = -1;
        long lastPrint = System.nanoTime();
        while (true) {
            Indices.Progress p;
            try {
                p = nativeIngestion ? indices.nativeProgress(index) : indices.progress(index);
            } catch (RuntimeException e) {
                p = new Indices.Progress(Math.max(lastSeen, 0), 0); // not created yet, or a slow answer
            }
            long now = System.nanoTime();
            long done = p.indexed() - baseline;
            if (done > 0 && first < 0) {
                first = now;
            }
            if (done >= n) {
                return new Timing(first, now, p);
            }
            if (p.indexed() != lastSeen) {
                lastSeen = p.indexed();
                lastMove = now;
            } else if (now - lastMove > STALL.toNanos()) {
                throw new IllegalStateException(what + ": no progress for " + STALL.toMinutes() + " minutes at " + done + " of " + n
                        + " documents");
            }
            if (maxSeconds > 0 && now - started > maxSeconds * 1_000_000_000L) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT, "%s: not done after the %d s limit"
                        + " (--measurement-timeout): %,d of %,d documents, %,.0f docs/s so far", what, maxSeconds, done, n,
                        done / ((now - started) / 1e9)));
            }
            if (now - lastCheck > 2_000_000_000L) {
                healthCheck.run();
                lastCheck = now;
            }
            if (now - lastPrint > 10_000_000_000L) {
                out.printf(Locale.ROOT, "      %s: %,d of %,d%n", what, done, n);
                lastPrint = now;
            }
            Thread.sleep(200);
        }
    }
}
