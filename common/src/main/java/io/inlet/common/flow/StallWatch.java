package io.inlet.common.flow;

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
 * Says so in the log when a partition or shard has messages in flight and none was acknowledged for a whole period
 * (a message blocked under {@code error_strategy=BLOCK}, OpenSearch refusing or not answering): with the partition,
 * how many messages wait, and the last error, so an operator sees it without polling the state API. Both runtimes
 * run one per ingestion; {@code noun} ("partition", "shard") names the partition in the log and is its MDC key.
 */
public final class StallWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StallWatch.class);

    private final Ingestion ingestion;
    private final Duration period;
    private final String noun;
    private final ScheduledExecutorService timer;
    private final Map<String, Long> processedAtLastLook = new ConcurrentHashMap<>();

    public StallWatch(Ingestion ingestion, Duration period, String noun) {
        this.ingestion = ingestion;
        this.period = period;
        this.noun = noun;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inlet-stall-watch-" + ingestion.state().name());
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::look, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Looks at every partition once: warns about those in flight with no acknowledgement since the last look. */
    void look() {
        try {
            for (PartitionState s : ingestion.state().partitions()) {
                String key = s.stream() + "-" + s.partition();
                CountersSnapshot c = s.counters().snapshot();
                Long before = processedAtLastLook.put(key, c.processed());
                int pending = ingestion.find(s.stream(), s.partition()).map(PartitionHandle::pending).orElse(0);
                if (before != null && before == c.processed() && pending > 0) {
                    warn(s, pending);
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Stall watch: {}", e.toString());
        }
    }

    private void warn(PartitionState s, int pending) {
        LastError e = s.lastError();
        MDC.put(noun, s.partition());
        try {
            LOG.warn("{} {} of {}: {} messages in flight and none acknowledged in the last {} s (poller_state {}{});"
                            + " its committed pointer stays at {}", capitalized(), s.partition(), s.stream(), pending,
                    period.toSeconds(), s.pollerState(),
                    e == null ? "" : ", last error " + e.reason() + " at "
                            + (e.pointer() == null ? "-" : e.pointer().asString()) + ": " + e.message(),
                    s.committedPointer() == null ? "its last value" : s.committedPointer().asString());
        } finally {
            MDC.remove(noun);
        }
    }

    private String capitalized() {
        return Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
