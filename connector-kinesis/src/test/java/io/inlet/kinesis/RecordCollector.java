package io.inlet.kinesis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * A test record processor factory: its processors keep every record they get, per shard and in
 * order, and checkpoint after each batch, at shard end and when a shutdown is requested.
 */
final class RecordCollector implements ShardRecordProcessorFactory {

    private static final Logger log = LoggerFactory.getLogger(RecordCollector.class);

    /** One record as the processor saw it. */
    record Received(String sequenceNumber, String data) {
    }

    private final Map<String, List<Received>> byShard = new ConcurrentHashMap<>();
    /** Shard id → the position initialize() was given (the checkpoint, or the initial position sentinel). */
    private final Map<String, String> initializedAt = new ConcurrentHashMap<>();
    private final List<String> checkpointFailures = new CopyOnWriteArrayList<>();
    private final AtomicLong firstRecordNanos = new AtomicLong();
    private final AtomicLong lastRecordNanos = new AtomicLong();

    @Override
    public ShardRecordProcessor shardRecordProcessor() {
        return new Processor();
    }

    Map<String, List<Received>> byShard() {
        Map<String, List<Received>> copy = new ConcurrentHashMap<>();
        byShard.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    int total() {
        return byShard.values().stream().mapToInt(List::size).sum();
    }

    Map<String, String> initializedAt() {
        return Map.copyOf(initializedAt);
    }

    List<String> checkpointFailures() {
        return List.copyOf(checkpointFailures);
    }

    /** System.nanoTime() of the first record, or 0. */
    long firstRecordNanos() {
        return firstRecordNanos.get();
    }

    long lastRecordNanos() {
        return lastRecordNanos.get();
    }

    private final class Processor implements ShardRecordProcessor {
        private String shardId;

        @Override
        public void initialize(InitializationInput input) {
            shardId = input.shardId();
            byShard.computeIfAbsent(shardId, k -> new CopyOnWriteArrayList<>());
            initializedAt.put(shardId, input.extendedSequenceNumber().sequenceNumber());
            log.info("Initialized {} at {}", shardId, input.extendedSequenceNumber());
        }

        @Override
        public void processRecords(ProcessRecordsInput input) {
            MDC.put("partition", shardId);
            try {
                List<Received> batch = new ArrayList<>(input.records().size());
                for (KinesisClientRecord r : input.records()) {
                    batch.add(new Received(r.sequenceNumber(), StandardCharsets.UTF_8.decode(r.data()).toString()));
                }
                if (!batch.isEmpty()) {
                    long now = System.nanoTime();
                    firstRecordNanos.compareAndSet(0, now);
                    lastRecordNanos.set(now);
                    byShard.get(shardId).addAll(batch);
                    checkpoint(() -> input.checkpointer().checkpoint());
                }
            } finally {
                MDC.remove("partition");
            }
        }

        @Override
        public void leaseLost(LeaseLostInput input) {
            log.info("Lost the lease of {}", shardId);
        }

        @Override
        public void shardEnded(ShardEndedInput input) {
            checkpoint(() -> input.checkpointer().checkpoint());
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            checkpoint(() -> input.checkpointer().checkpoint());
        }

        private void checkpoint(Checkpoint c) {
            try {
                c.run();
            } catch (Exception e) {
                // Never throw out of a processor: the KCL would skip the records. Record it for the test.
                log.warn("Checkpoint of {} failed: {}", shardId, e.toString(), e);
                checkpointFailures.add(shardId + ": " + e);
            }
        }
    }

    private interface Checkpoint {
        void run() throws Exception;
    }
}
