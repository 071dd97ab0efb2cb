package io.inlet.common.flow;

/**
 * When a runtime commits what OpenSearch acknowledged: a Kafka task asks Connect for an offset commit, a Kinesis
 * shard processor checkpoints. Committing after every batch would load the source (a Kafka commit is a request to
 * the group coordinator, a checkpoint a conditional write to DynamoDB); committing rarely makes a crash replay more.
 * A commit is due when {@code batch} messages were acknowledged past the last one and {@code batchInterval} has
 * passed since it, or when anything was acknowledged past it, nothing is in flight (the tail of a slow stream, or
 * with {@code tailOnlyWhenSettled} false anything) and {@code tailInterval} has passed. Not thread-safe: one per
 * task or shard processor.
 */
public final class CommitCadence {

    private final long batch;
    private final long batchIntervalMillis;
    private final long tailIntervalMillis;
    private final boolean tailOnlyWhenSettled;
    private long lastMillis = Long.MIN_VALUE / 2;

    private CommitCadence(long batch, long batchIntervalMillis, long tailIntervalMillis, boolean tailOnlyWhenSettled) {
        this.batch = batch;
        this.batchIntervalMillis = batchIntervalMillis;
        this.tailIntervalMillis = tailIntervalMillis;
        this.tailOnlyWhenSettled = tailOnlyWhenSettled;
    }

    /**
     * A Kafka task's: a batch of {@code maxBatchSize} acknowledged at most every 200 ms (a partition at ~6,000
     * messages a second then runs no more than a batch ahead of its commit), a settled tail at most once a second.
     */
    public static CommitCadence perBatch(int maxBatchSize) {
        return new CommitCadence(maxBatchSize, 200, 1_000, true);
    }

    /** A Kinesis shard's: whatever was acknowledged, at most every {@code intervalMillis} ({@code checkpoint.interval.ms}). */
    public static CommitCadence every(long intervalMillis) {
        return new CommitCadence(1, intervalMillis, intervalMillis, false);
    }

    /**
     * Whether a commit is due for a partition with {@code ahead} messages acknowledged past its last commit
     * (Kinesis: 1 when its committed pointer moved, else 0) and {@code settled} when none of it is in flight.
     */
    public boolean due(long ahead, boolean settled, long nowMillis) {
        long since = nowMillis - lastMillis;
        return ahead >= batch && since >= batchIntervalMillis
                || ahead > 0 && (settled || !tailOnlyWhenSettled) && since >= tailIntervalMillis;
    }

    /** A commit was made (or asked for) at {@code nowMillis}. */
    public void committed(long nowMillis) {
        lastMillis = nowMillis;
    }

    /** The longest a partition with something acknowledged waits for its commit: how soon to look again. */
    public long tailIntervalMillis() {
        return tailIntervalMillis;
    }
}
