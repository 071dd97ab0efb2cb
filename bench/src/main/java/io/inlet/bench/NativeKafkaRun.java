package io.inlet.bench;

import java.util.Map;

/**
 * OpenSearch's own pull-based ingestion from the same topic: an index created with {@code ingestion_source}
 * (one shard per partition, segment replication, the same mapping and refresh interval), measured from its
 * creation until it holds every message. Deleting the index stops its consumers.
 */
final class NativeKafkaRun {

    private final BenchStack stack;
    private final Indices indices;
    private final ProgressWatch watch;

    NativeKafkaRun(BenchStack stack, Indices indices, ProgressWatch watch) {
        this.stack = stack;
        this.indices = indices;
        this.watch = watch.forNativeIngestion();
    }

    Measurement run(String topic, String index, int partitions, int run, long n) throws Exception {
        if (indices.shards() != partitions) {
            throw new IllegalArgumentException("native ingestion needs one shard per partition: " + partitions + " partitions, "
                    + indices.shards() + " shards");
        }
        indices.delete(index);
        try (CpuMeter meter = new CpuMeter(stack.pids())) {
            meter.start();
            long start = System.nanoTime();
            indices.createNative(index, topic, stack.kafka().bootstrapServers());
            ProgressWatch.Timing t = watch.await(index, n, 0, "native " + partitions + "p run " + run);
            Map<String, CpuMeter.Usage> usage = meter.stop();
            String state = indices.nativeState(index);
            long count = indices.refreshAndCount(index);
            indices.delete(index);
            if (count != n) {
                throw new IllegalStateException("Native: index " + index + " holds " + count + " documents, expected " + n);
            }
            return new Measurement("native", partitions, run, n, (t.doneNanos() - start) / 1e9, (t.doneNanos() - t.firstNanos()) / 1e9,
                    usage, null, "state " + (state.length() > 400 ? state.substring(0, 400) + "..." : state));
        }
    }
}
