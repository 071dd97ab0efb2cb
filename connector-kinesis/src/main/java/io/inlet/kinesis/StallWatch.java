package io.inlet.kinesis;

import io.inlet.common.ingest.Ingestion;
import io.inlet.common.ingest.PartitionHandle;
import io.inlet.common.state.CountersSnapshot;
import io.inlet.common.state.LastError;
import io.inlet.common.state.PartitionState;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Says so in the log when a shard has records in flight and none was acknowledged for a whole period
 * (a record blocked under {@code error_strategy=BLOCK}, OpenSearch refusing or not answering): with the
 * shard, how many records wait, and the last error, so an operator sees it without polling the state API.
 */
final class StallWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StallWatch.class);

    private final Ingestion ingestion;
    private final Duration period;
    private final ScheduledExecutorService timer;
    private final Map<String, Long> processedAtLastLook = new ConcurrentHashMap<>();

    StallWatch(Ingestion ingestion, Duration period) {
        this.ingestion = ingestion;
        this.period = period;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inlet-stall-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::look, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void look() {
        try {
            for (PartitionState s : ingestion.state().partitions()) {
                String shard = s.partition();
                CountersSnapshot c = s.counters().snapshot();
                Long before = processedAtLastLook.put(shard, c.processed());
                int pending = ingestion.find(s.stream(), shard).map(PartitionHandle::pending).orElse(0);
                if (before != null && before == c.processed() && pending > 0) {
                    LastError e = s.lastError();
                    MDC.put("shard", shard);
                    LOG.warn("Shard {}: {} records in flight and none acknowledged in the last {} s (poller_state {}{});"
                                    + " the checkpoint stays at {}", shard, pending, period.toSeconds(), s.pollerState(),
                            e == null ? "" : ", last error " + e.reason() + " at " + (e.pointer() == null ? "-"
                                    : e.pointer().asString()) + ": " + e.message(),
                            s.committedPointer() == null ? "its last value" : s.committedPointer().asString());
                    MDC.remove("shard");
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Stall watch: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
