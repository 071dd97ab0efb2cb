package io.inlet.kafka;

import io.inlet.common.ingest.Ingestion;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.state.PartitionState;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one task's state to the {@code state.index} every {@code state.publish.interval.ms}, where the REST
 * extension of any worker reads it: first the partitions' end offsets (when {@code kafka.bootstrap.servers} lets
 * the task look them up) and the lag they give, then the snapshot. On close the task's entry is removed.
 */
final class StatePublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatePublisher.class);

    private final Ingestion ingestion;
    private final StateStore store;
    private final InitialOffsets offsets;
    private final String connector;
    private final int taskId;
    private final ScheduledExecutorService timer;

    /** @param offsets where end offsets are looked up, or null when the task has no consumer of its own */
    StatePublisher(Ingestion ingestion, StateStore store, InitialOffsets offsets, String connector, int taskId,
                   long intervalMillis) {
        this.ingestion = ingestion;
        this.store = store;
        this.offsets = offsets;
        this.connector = connector;
        this.taskId = taskId;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inlet-state-" + connector + "-" + taskId);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::publish, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void publish() {
        try {
            if (offsets != null) {
                updateEndOffsets();
            }
            long now = System.currentTimeMillis();
            ingestion.state().partitions().forEach(s -> s.updateLagFromAcknowledged(now));
            store.publish(connector, taskId, ingestion.state().snapshot());
        } catch (IOException | RuntimeException e) {
            LOG.debug("Couldn't publish the state of {}-{}: {}", connector, taskId, e.toString());
        }
    }

    private void updateEndOffsets() {
        Map<TopicPartition, PartitionState> byTp = new HashMap<>();
        for (PartitionState s : ingestion.state().partitions()) {
            byTp.put(new TopicPartition(s.stream(), Integer.parseInt(s.partition())), s);
        }
        if (byTp.isEmpty()) {
            return;
        }
        offsets.endOffsets(byTp.keySet()).forEach((tp, end) -> {
            if (end != null && end > 0) {
                byTp.get(tp).setLatestPointerIfNewer(new KafkaOffset(end - 1));
            }
        });
    }

    /** Stops publishing and removes the task's entry (its partitions are shown by their next owner). */
    @Override
    public void close() {
        timer.shutdownNow();
        store.remove(connector, taskId);
    }
}
