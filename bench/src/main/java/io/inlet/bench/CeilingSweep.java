package io.inlet.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The short sweep that tunes the ceiling's bulk loader: every batch size × concurrency pair writes the same
 * sample of documents into a fresh index with the comparison's settings; the fastest pair is then used for
 * the full N. The sample is small (a few seconds per pair), so the sweep only ranks the pairs.
 */
final class CeilingSweep {

    private final BulkLoader loader;
    private final Indices indices;
    private final PrintStream out;
    private final List<CeilingPair> pairs;

    /** A sweep over {@code pairs} ({@link PipelineOptions#SWEEP_PAIRS} unless {@code --sweep-pairs} or the quick preset says otherwise). */
    CeilingSweep(BulkLoader loader, Indices indices, PrintStream out, List<CeilingPair> pairs) {
        this.loader = loader;
        this.indices = indices;
        this.out = out;
        this.pairs = List.copyOf(pairs);
    }

    /**
     * A load that is not measured, into an index deleted after: OpenSearch's and this JVM's JIT would otherwise
     * penalise what loads first (the sweep's first pairs, or the ceiling when a fixed pair replaces the sweep).
     */
    void warmUp(String indexPrefix, long sample, CeilingPair pair) throws Exception {
        String warm = indexPrefix + "-warmup";
        indices.delete(warm);
        indices.create(warm);
        try {
            loader.load(warm, 0, sample, pair.batchSize(), pair.concurrency());
        } finally {
            indices.delete(warm);
        }
    }

    /** Runs every pair on {@code sample} documents and returns the trials, fastest first. */
    List<BulkLoader.Result> sweep(String indexPrefix, long sample) throws Exception {
        warmUp(indexPrefix, sample, new CeilingPair(1000, 2));
        List<BulkLoader.Result> trials = new ArrayList<>();
        for (CeilingPair pair : pairs) {
            int batch = pair.batchSize();
            int concurrency = pair.concurrency();
            String index = indexPrefix + "-b" + batch + "-c" + concurrency;
            indices.delete(index);
            indices.create(index);
            try {
                BulkLoader.Result r = loader.load(index, 0, sample, batch, concurrency);
                trials.add(r);
                out.printf(Locale.ROOT, "    sweep: batch %5d × %d in flight: %,8.0f docs/s%n", batch, concurrency, r.docsPerSecond());
            } finally {
                indices.delete(index);
            }
        }
        trials.sort(Comparator.comparingDouble(BulkLoader.Result::docsPerSecond).reversed());
        return trials;
    }
}
