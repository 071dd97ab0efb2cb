package io.inlet.kafka;

import io.inlet.common.ingest.Ingestion;
import io.inlet.common.state.CountersSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's counters as Connect plugin metrics, which the worker reports through its metrics
 * reporters (JMX: {@code kafka.connect:type=plugins,connector=<name>,task=<id>}), named as in the
 * state API ({@code total_processed_count}, …) plus the writer's buffered bytes and messages, and the most
 * bytes it ever held ({@code peak_buffered_bytes}).
 */
final class TaskMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskMetrics.class);

    private final PluginMetrics metrics;
    private final List<MetricName> names = new ArrayList<>();

    private TaskMetrics(PluginMetrics metrics) {
        this.metrics = metrics;
    }

    static TaskMetrics register(SinkTaskContext context, Ingestion ingestion) {
        PluginMetrics pm;
        try {
            pm = context.pluginMetrics();
        } catch (RuntimeException | NoSuchMethodError e) {
            LOG.info("This Connect worker offers no plugin metrics; Inlet's counters are in the state API only");
            return new TaskMetrics(null);
        }
        TaskMetrics m = new TaskMetrics(pm);
        m.counter(ingestion, "total_processed_count", "Messages acknowledged (written, stale or dead-lettered)", CountersSnapshot::processed);
        m.counter(ingestion, "total_indexed_count", "Documents indexed, created or updated", CountersSnapshot::indexed);
        m.counter(ingestion, "total_deleted_count", "Documents deleted", CountersSnapshot::deleted);
        m.counter(ingestion, "total_version_conflicts_count", "Stale messages absorbed by the version check", CountersSnapshot::versionConflicts);
        m.counter(ingestion, "total_invalid_message_count", "Messages the mapper refused", CountersSnapshot::invalidMessages);
        m.counter(ingestion, "total_failed_count", "Writes OpenSearch refused", CountersSnapshot::failed);
        m.counter(ingestion, "total_dropped_count", "Messages sent to the dead-letter destination", CountersSnapshot::dropped);
        m.counter(ingestion, "total_retries", "Retries after retriable failures and while blocked", CountersSnapshot::retries);
        m.gauge("buffered_bytes", "Bytes held by the writer", () -> ingestion.writer().bufferedBytes());
        m.gauge("buffered_messages", "Messages held by the writer", () -> ingestion.writer().bufferedMessages());
        m.gauge("peak_buffered_bytes", "The most bytes the writer held at once since the task started (bounded by"
                + " buffer.max.bytes)", () -> ingestion.writer().peakBufferedBytes());
        m.gauge("concurrency_limit", "Bulk requests the adaptive limit allows in flight now (1 to"
                + " num_processor_threads)", () -> ingestion.writer().stats().concurrencyLimit());
        m.gauge("requests_in_flight", "Bulk requests in flight now", () -> ingestion.writer().stats().inFlight());
        m.gauge("total_requests", "Bulk requests sent since the task started (first tries)",
                () -> ingestion.writer().stats().requests());
        m.gauge("avg_request_bytes", "Average bytes of a bulk request since the task started",
                () -> ingestion.writer().stats().avgRequestBytes());
        m.gauge("last_request_bytes", "Bytes of the last bulk request", () -> ingestion.writer().stats().lastRequestBytes());
        return m;
    }

    private void counter(Ingestion ingestion, String name, String doc, ToLongFunction<CountersSnapshot> value) {
        gauge(name, doc, () -> value.applyAsLong(ingestion.state().snapshot().totals()));
    }

    private void gauge(String name, String doc, java.util.function.LongSupplier value) {
        MetricName n = metrics.metricName(name, doc, new LinkedHashMap<>());
        metrics.addMetric(n, (Gauge<Long>) (config, now) -> value.getAsLong());
        names.add(n);
    }

    @Override
    public void close() {
        if (metrics != null) {
            names.forEach(metrics::removeMetric);
        }
    }
}
