package io.inlet.common.metrics;

import io.inlet.common.ingest.Ingestion;
import io.inlet.common.message.Pointer;
import io.inlet.common.state.PartitionState;
import io.inlet.common.state.PollerState;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Binds one pipeline task's {@link Ingestion} (a Kafka task, or a Kinesis worker) to a Micrometer registry as the
 * {@link InletMetric}s. The task's meters are registered at once; a partition's when {@link #refresh()} first sees
 * it, and removed when it is no longer read here. Every meter reads the live state when it is read, so a scrape
 * shows now, and counting costs the message path nothing beyond the state's own counters.
 */
public final class InletMeters implements AutoCloseable {

    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30)};
    private static final double[] DOCUMENT_BUCKETS = {1, 10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000};

    private final MeterRegistry registry;
    private final Ingestion ingestion;
    private final Tags task;
    private final List<Meter> taskMeters = new ArrayList<>();
    private final Map<PartitionState, Bound> partitions = new HashMap<>();

    /** The meters of one partition, and the reasons it has a dropped counter for. */
    private static final class Bound {
        final List<Meter> meters = new ArrayList<>();
        final Set<String> reasons = new HashSet<>();
    }

    /**
     * @param pipeline the connector's name, or the worker's application name
     * @param task     the Kafka task number, or the worker id
     */
    public InletMeters(MeterRegistry registry, Ingestion ingestion, String pipeline, String task) {
        this.registry = registry;
        this.ingestion = ingestion;
        this.task = Tags.of("pipeline", pipeline, "task", task);
        var w = ingestion.writer();
        gauge(InletMetric.BUFFERED_BYTES, this.task, w, x -> x.bufferedBytes());
        gauge(InletMetric.BUFFERED_BYTES_LIMIT, this.task, w, x -> x.bufferMaxBytes());
        gauge(InletMetric.BUFFERED_BYTES_PEAK, this.task, w, x -> x.peakBufferedBytes());
        gauge(InletMetric.BUFFERED_MESSAGES, this.task, w, x -> x.bufferedMessages());
        gauge(InletMetric.BUFFERED_MESSAGES_LIMIT, this.task, w, x -> x.bufferMaxMessages());
        gauge(InletMetric.BULK_IN_FLIGHT, this.task, w, x -> x.stats().inFlight());
        gauge(InletMetric.BULK_LIMIT, this.task, w, x -> x.stats().concurrencyLimit());
        Timer latency = Timer.builder(InletMetric.BULK_LATENCY.meterName()).description(InletMetric.BULK_LATENCY.help())
                .tags(this.task).serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        DistributionSummary documents = DistributionSummary.builder(InletMetric.BULK_DOCUMENTS.meterName())
                .description(InletMetric.BULK_DOCUMENTS.help()).tags(this.task).serviceLevelObjectives(DOCUMENT_BUCKETS)
                .register(registry);
        taskMeters.add(latency);
        taskMeters.add(documents);
        ingestion.observeBulks((millis, operations) -> {
            latency.record(millis, TimeUnit.MILLISECONDS);
            documents.record(operations);
        });
        refresh();
    }

    /** Registers the meters of partitions new here, and of new dropped reasons; removes those of partitions gone. */
    public synchronized void refresh() {
        List<PartitionState> live = ingestion.state().partitions();
        Set<PartitionState> seen = new HashSet<>(live);
        for (var it = partitions.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!seen.contains(e.getKey())) {
                e.getValue().meters.forEach(registry::remove);
                it.remove();
            }
        }
        for (PartitionState p : live) {
            Bound b = partitions.computeIfAbsent(p, this::bind);
            Tags tags = partitionTags(p);
            for (String reason : p.counters().droppedByReason().keySet()) {
                if (b.reasons.add(reason)) {
                    b.meters.add(FunctionCounter.builder(InletMetric.DROPPED.meterName(), p,
                                    s -> s.counters().droppedByReason().getOrDefault(reason, 0L))
                            .description(InletMetric.DROPPED.help()).tags(tags).tag("reason", reason).register(registry));
                }
            }
        }
    }

    private Bound bind(PartitionState p) {
        Tags tags = partitionTags(p);
        Bound b = new Bound();
        b.meters.add(counter(InletMetric.PROCESSED, tags, p, s -> s.counters().snapshot().processed()));
        b.meters.add(counter(InletMetric.INDEXED, tags, p, s -> s.counters().snapshot().indexed()));
        b.meters.add(counter(InletMetric.DELETED, tags, p, s -> s.counters().snapshot().deleted()));
        b.meters.add(counter(InletMetric.STALE, tags, p, s -> s.counters().snapshot().versionConflicts()));
        b.meters.add(counter(InletMetric.FAILED, tags, p, s -> s.counters().snapshot().failed()));
        b.meters.add(counter(InletMetric.INVALID, tags, p, s -> s.counters().snapshot().invalidMessages()));
        b.meters.add(counter(InletMetric.RETRIES, tags, p, s -> s.counters().snapshot().retries()));
        b.meters.add(gauge(InletMetric.LAG_SECONDS, tags, p,
                s -> s.lagInMillis() == null ? Double.NaN : s.lagInMillis() / 1000.0));
        if (p.pointerKind() == Pointer.Kind.KAFKA_OFFSET) { // Kinesis tells no count of records behind
            b.meters.add(gauge(InletMetric.LAG_MESSAGES, tags, p,
                    s -> s.pointerBasedLag() == null ? Double.NaN : s.pointerBasedLag()));
        }
        b.meters.add(gauge(InletMetric.BLOCKED, tags, p, s -> s.pollerState() == PollerState.BLOCKED ? 1 : 0));
        b.meters.add(gauge(InletMetric.PAUSED, tags, p, s -> s.paused() ? 1 : 0));
        b.meters.add(gauge(InletMetric.COMMIT_AGE, tags, p, s -> s.commitAgeMillis(System.currentTimeMillis()) / 1000.0));
        return b;
    }

    private Tags partitionTags(PartitionState p) {
        return task.and("source", p.stream(), "partition", p.partition());
    }

    private <T> Meter counter(InletMetric m, Tags tags, T obj, ToDoubleFunction<T> value) {
        return FunctionCounter.builder(m.meterName(), obj, value).description(m.help()).tags(tags).register(registry);
    }

    private <T> Meter gauge(InletMetric m, Tags tags, T obj, ToDoubleFunction<T> value) {
        Meter g = Gauge.builder(m.meterName(), obj, value).description(m.help()).baseUnit(m.baseUnit()).tags(tags)
                .strongReference(true).register(registry);
        if (m.scope() == InletMetric.Scope.TASK) {
            taskMeters.add(g);
        }
        return g;
    }

    /** Removes every meter this bound. */
    @Override
    public synchronized void close() {
        ingestion.observeBulks((millis, operations) -> { });
        taskMeters.forEach(registry::remove);
        partitions.values().forEach(b -> b.meters.forEach(registry::remove));
        partitions.clear();
    }
}
