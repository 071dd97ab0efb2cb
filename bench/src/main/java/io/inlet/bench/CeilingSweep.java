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

    static final int[] BATCH_SIZES = {1000, 2000, 5000};
    static final int[] CONCURRENCY = {2, 4};

    private final BulkLoader loader;
    private final Indices indices;
    private final PrintStream out;

    CeilingSweep(BulkLoader loader, Indices indices, PrintStream out) {
        this.loader = loader;
        this.indices = indices;
        this.out = out;
    }

    /** Runs every pair on {@code sample} documents and returns the trials, fastest first. */
    List<BulkLoader.Result> sweep(String indexPrefix, long sample) throws Exception {
        // warm-up (not measured): OpenSearch's and this JVM's JIT would otherwise penalise the first pairs
        String warm = indexPrefix + "-warmup";
        indices.delete(warm);
        indices.create(warm);
        try {
            loader.load(warm, 0, sample, 1000, 2);
        } finally {
            indices.delete(warm);
        }
        List<BulkLoader.Result> trials = new ArrayList<>();
        for (int batch : BATCH_SIZES) {
            for (int concurrency : CONCURRENCY) {
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
        }
        trials.sort(Comparator.comparingDouble(BulkLoader.Result::docsPerSecond).reversed());
        return trials;
    }
}
