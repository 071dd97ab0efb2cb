package io.inlet.kafka;

import io.inlet.common.ingest.Ingestion;
import io.inlet.common.metrics.InletMeters;
import io.inlet.common.metrics.InletMetric;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's {@link InletMetric}s as Connect plugin metrics, which the worker reports through its metrics reporters:
 * over JMX each is an attribute named as in Prometheus ({@code inlet_processed_total}) of the MBean
 * {@code kafka.connect:type=plugins,connector=<name>,task=<id>} plus, for a partition's metrics,
 * {@code source=<topic>,partition=<n>} (and {@code reason} for dropped messages). A histogram is published as its
 * {@code _bucket} attributes (with {@code le}), {@code _count} and {@code _sum}. The Prometheus JMX exporter config in
 * {@code config-examples/monitoring/} turns them into the names and labels the Kinesis worker serves.
 *
 * <p>The meters live in a Micrometer registry of the task's own ({@link InletMeters}); every two seconds the plugin
 * metrics follow it, for partitions assigned or revoked since and new dropped reasons.
 */
final class TaskMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskMetrics.class);
    private static final Map<String, InletMetric> BY_METER = new HashMap<>();

    static {
        for (InletMetric m : InletMetric.values()) {
            BY_METER.put(m.meterName(), m);
        }
    }

    private final PluginMetrics metrics;
    /** Prometheus's registry, so that histograms count as the worker's do (cumulative buckets that never expire). */
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final InletMeters meters;
    private final Map<String, MetricName> published = new HashMap<>();
    private final ScheduledExecutorService follower;

    private TaskMetrics(PluginMetrics metrics, Ingestion ingestion, String connector, String task) {
        this.metrics = metrics;
        this.meters = new InletMeters(registry, ingestion, connector, task);
        this.follower = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inlet-metrics-" + connector + "-" + task);
            t.setDaemon(true);
            return t;
        });
        sync();
        follower.scheduleWithFixedDelay(this::syncQuietly, 2, 2, TimeUnit.SECONDS);
    }

    /** Publishes the task's metrics, or returns null when the worker offers no plugin metrics (state API only). */
    static TaskMetrics register(SinkTaskContext context, Ingestion ingestion, String connector, String task) {
        PluginMetrics pm;
        try {
            pm = context.pluginMetrics();
        } catch (RuntimeException | NoSuchMethodError e) {
            LOG.info("This Connect worker offers no plugin metrics; Inlet's counters are in the state API only");
            return null;
        }
        return of(pm, ingestion, connector, task);
    }

    /** Publishes the task's metrics into {@code metrics}. */
    static TaskMetrics of(PluginMetrics metrics, Ingestion ingestion, String connector, String task) {
        return new TaskMetrics(metrics, ingestion, connector, task);
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.warn("Could not update the task's plugin metrics", e);
        }
    }

    /** Makes the plugin metrics what the registry holds now. */
    synchronized void sync() {
        meters.refresh();
        Set<String> live = new HashSet<>();
        for (Meter meter : registry.getMeters()) {
            InletMetric m = BY_METER.get(meter.getId().getName());
            if (m == null) {
                continue;
            }
            LinkedHashMap<String, String> tags = new LinkedHashMap<>();
            for (String label : m.labels()) {
                if (!InletMetric.TASK_LABELS.contains(label)) { // connector and task are in the MBean name already
                    tags.put(label, meter.getId().getTag(label));
                }
            }
            if (meter instanceof FunctionCounter c) {
                publish(live, m.prometheusName(), m.help(), tags, c::count);
            } else if (meter instanceof Gauge g) {
                publish(live, m.prometheusName(), m.help(), tags, g::value);
            } else if (meter instanceof Timer t) {
                histogram(live, m, tags, () -> t.takeSnapshot().histogramCounts(), t::count,
                        () -> t.totalTime(TimeUnit.SECONDS), true);
            } else if (meter instanceof DistributionSummary d) {
                histogram(live, m, tags, () -> d.takeSnapshot().histogramCounts(), d::count, d::totalAmount, false);
            }
        }
        for (var it = published.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!live.contains(e.getKey())) {
                metrics.removeMetric(e.getValue());
                it.remove();
            }
        }
    }

    private void histogram(Set<String> live, InletMetric m, LinkedHashMap<String, String> tags,
            java.util.function.Supplier<CountAtBucket[]> buckets, java.util.function.LongSupplier count,
            DoubleSupplier sum, boolean seconds) {
        CountAtBucket[] now = buckets.get();
        for (int i = 0; i < now.length; i++) {
            int index = i;
            double le = seconds ? now[i].bucket(TimeUnit.SECONDS) : now[i].bucket();
            LinkedHashMap<String, String> withLe = new LinkedHashMap<>(tags);
            withLe.put("le", Double.toString(le));
            publish(live, m.prometheusName() + "_bucket", m.help(), withLe, () -> buckets.get()[index].count());
        }
        LinkedHashMap<String, String> inf = new LinkedHashMap<>(tags);
        inf.put("le", "+Inf");
        publish(live, m.prometheusName() + "_bucket", m.help(), inf, count::getAsLong);
        publish(live, m.prometheusName() + "_count", m.help(), tags, count::getAsLong);
        publish(live, m.prometheusName() + "_sum", m.help(), tags, sum);
    }

    private void publish(Set<String> live, String name, String help, LinkedHashMap<String, String> tags,
            DoubleSupplier value) {
        String key = name + tags;
        live.add(key);
        if (!published.containsKey(key)) {
            MetricName n = metrics.metricName(name, help, tags);
            metrics.addMetric(n, (org.apache.kafka.common.metrics.Gauge<Double>) (config, now) -> value.getAsDouble());
            published.put(key, n);
        }
    }

    @Override
    public synchronized void close() {
        follower.shutdownNow();
        published.values().forEach(metrics::removeMetric);
        published.clear();
        meters.close();
        registry.close();
    }
}
