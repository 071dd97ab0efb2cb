package io.inlet.faults;

import java.math.BigInteger;
import java.util.Map;

/**
 * What the source holds as done, read while the run goes on: Kafka's committed offsets of the sink's consumer
 * group, or the KCL's lease checkpoints. Every message it covers must already be reflected in the index or the
 * dead letters ({@link Verdict#ahead}).
 */
@FunctionalInterface
interface Committed {

    /** Whether the message at {@code pointer} of {@code partition} (a partition number or a shard id) is committed. */
    boolean covers(String partition, BigInteger pointer);

    /** Everything: the end of the stream. */
    Committed ALL = (partition, pointer) -> true;

    /** Kafka: a committed offset is the next offset to read, so it covers every offset below it. */
    static Committed offsets(Map<Integer, Long> committed) {
        return (partition, pointer) -> pointer.compareTo(BigInteger.valueOf(committed.getOrDefault(Integer.parseInt(partition), 0L))) < 0;
    }

    /**
     * Kinesis: a lease's checkpoint is the sequence number of the last record processed, so it covers that record and
     * those before it; {@code SHARD_END} covers the whole shard; {@code TRIM_HORIZON}, {@code LATEST} and
     * {@code AT_TIMESTAMP} (nothing processed yet) and a shard without a lease cover nothing.
     */
    static Committed checkpoints(Map<String, String> checkpoints) {
        return (shard, pointer) -> {
            String c = checkpoints.get(shard);
            if (c == null) {
                return false;
            }
            if (c.equals("SHARD_END")) {
                return true;
            }
            return !c.isEmpty() && Character.isDigit(c.charAt(0)) && pointer.compareTo(new BigInteger(c)) <= 0;
        };
    }
}
