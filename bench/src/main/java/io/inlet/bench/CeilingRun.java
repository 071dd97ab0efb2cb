package io.inlet.bench;

import java.util.Map;

/** The ceiling over the full N: the tuned bulk loader into a fresh index with the comparison's settings. */
final class CeilingRun {

    private final BenchStack stack;
    private final Indices indices;
    private final BulkLoader loader;

    CeilingRun(BenchStack stack, Indices indices, BulkLoader loader) {
        this.stack = stack;
        this.indices = indices;
        this.loader = loader;
    }

    Measurement run(String index, int partitions, int run, long n, int batchSize, int concurrency) throws Exception {
        indices.delete(index);
        indices.create(index);
        long writes = indices.writeTasksCompleted();
        try (CpuMeter meter = new CpuMeter(stack.pids())) {
            meter.start();
            BulkLoader.Result r = loader.load(index, 0, n, batchSize, concurrency);
            Map<String, CpuMeter.Usage> usage = meter.stop();
            writes = indices.writeTasksCompleted() - writes;
            long count = indices.refreshAndCount(index);
            indices.delete(index);
            if (count != n) {
                throw new IllegalStateException("Ceiling: index " + index + " holds " + count + " documents, expected " + n);
            }
            return new Measurement("ceiling", partitions, run, n, r.seconds(), r.seconds(), usage, null,
                    String.format(java.util.Locale.ROOT, "batch %d × %d in flight; %,d shard bulk requests (%.0f docs each)", batchSize,
                            concurrency, writes, n / (double) Math.max(1, writes)));
        }
    }
}
