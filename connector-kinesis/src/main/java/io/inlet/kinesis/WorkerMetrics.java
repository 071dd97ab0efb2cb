package io.inlet.kinesis;

import io.inlet.common.ingest.Ingestion;
import io.inlet.common.metrics.InletMeters;
import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code GET /metrics}: the worker's {@link io.inlet.common.metrics.InletMetric}s (labels {@code pipeline} = the
 * application, {@code task} = the worker id, and per shard {@code source} = the stream and {@code partition} = the
 * shard id) from Micrometer's Prometheus registry, with the JVM and process metrics of the Prometheus client
 * ({@code jvm_*}, {@code process_*}: the same names the JMX exporter agent gives a Connect worker).
 */
public final class WorkerMetrics implements AutoCloseable {

    /** The Content-Type of the text format served. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final InletMeters meters;

    WorkerMetrics(Ingestion ingestion, String application, String workerId) {
        PrometheusRegistry prometheus = new PrometheusRegistry();
        JvmMetrics.builder().register(prometheus);
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, prometheus, Clock.SYSTEM);
        meters = new InletMeters(registry, ingestion, application, workerId);
    }

    /** Every metric now, shards taken or given up since the last scrape included. */
    String scrape() {
        meters.refresh();
        return registry.scrape(CONTENT_TYPE);
    }

    @Override
    public void close() {
        meters.close();
        registry.close();
    }
}
