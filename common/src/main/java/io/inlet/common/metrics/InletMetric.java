package io.inlet.common.metrics;

import java.util.List;

/**
 * Every metric Inlet publishes, defined once for both runtimes: the Kinesis worker serves them at {@code /metrics}
 * from Micrometer's Prometheus registry, the Kafka sink publishes them as Connect plugin metrics (JMX), which the
 * Prometheus JMX exporter turns into the same names and labels ({@code config-examples/monitoring/}).
 *
 * <p>Labels: every metric has {@code pipeline} (the connector's name, or the worker's {@code application.name}) and
 * {@code task} (the Kafka task number, or the worker id); a partition's metrics also {@code source} (the topic or
 * stream) and {@code partition} (the partition number or shard id). {@code docs/metrics.md} is rendered from here.
 */
public enum InletMetric {

    PROCESSED("inlet.processed", "inlet_processed_total", Type.COUNTER, Scope.PARTITION,
            "Messages finished with: written, stale or dead-lettered (their pointer may be committed)."),
    INDEXED("inlet.indexed", "inlet_indexed_total", Type.COUNTER, Scope.PARTITION,
            "Documents written by index, create or update."),
    DELETED("inlet.deleted", "inlet_deleted_total", Type.COUNTER, Scope.PARTITION, "Documents deleted."),
    STALE("inlet.stale", "inlet_stale_total", Type.COUNTER, Scope.PARTITION,
            "Stale messages absorbed by the version check (a version conflict: the index held that version or a"
                    + " newer one). Expected after a replay."),
    DROPPED("inlet.dropped", "inlet_dropped_total", Type.COUNTER, Scope.PARTITION,
            "Messages given up under DROP and dead-lettered, by reason code (label reason).", "reason"),
    FAILED("inlet.failed", "inlet_failed_total", Type.COUNTER, Scope.PARTITION,
            "Writes OpenSearch refused (mapping or parse errors, other 4xx)."),
    INVALID("inlet.invalid.messages", "inlet_invalid_messages_total", Type.COUNTER, Scope.PARTITION,
            "Messages that could not be turned into a write (malformed JSON, bad version, missing id)."),
    RETRIES("inlet.retries", "inlet_retries_total", Type.COUNTER, Scope.PARTITION,
            "Writes retried after a passing failure (429, 5xx, I/O, a cluster block) or while blocked."),
    LAG_SECONDS("inlet.lag", "inlet_lag_seconds", Type.GAUGE, Scope.PARTITION,
            "How far behind the newest message reading is, in seconds (Kinesis: millisBehindLatest; Kafka: the age"
                    + " of the newest acknowledged message while messages are left, else 0). NaN while unknown."),
    LAG_MESSAGES("inlet.lag.messages", "inlet_lag_messages", Type.GAUGE, Scope.PARTITION,
            "Messages between the committed offset and the end of the partition (Kafka only; pointer-based)."),
    BLOCKED("inlet.blocked", "inlet_blocked", Type.GAUGE, Scope.PARTITION,
            "1 while the partition is stopped at a refused message under error_strategy=BLOCK, else 0."),
    PAUSED("inlet.paused", "inlet_paused", Type.GAUGE, Scope.PARTITION,
            "1 while reading the partition is paused through the management API, else 0."),
    COMMIT_AGE("inlet.commit.age", "inlet_commit_age_seconds", Type.GAUGE, Scope.PARTITION,
            "Seconds the committed pointer (Kafka offset, Kinesis checkpoint) has stood still while the partition is"
                    + " behind; 0 when nothing is left to commit."),
    BUFFERED_BYTES("inlet.buffered", "inlet_buffered_bytes", Type.GAUGE, Scope.TASK,
            "Bytes of messages held by the writer, not yet finished."),
    BUFFERED_BYTES_LIMIT("inlet.buffered.limit", "inlet_buffered_limit_bytes", Type.GAUGE, Scope.TASK,
            "The bound on those bytes (buffer.max.bytes)."),
    BUFFERED_BYTES_PEAK("inlet.buffered.peak", "inlet_buffered_peak_bytes", Type.GAUGE, Scope.TASK,
            "The most bytes the writer held at once since the task or worker started."),
    BUFFERED_MESSAGES("inlet.buffered.messages", "inlet_buffered_messages", Type.GAUGE, Scope.TASK,
            "Messages held by the writer, not yet finished."),
    BUFFERED_MESSAGES_LIMIT("inlet.buffered.messages.limit", "inlet_buffered_messages_limit", Type.GAUGE, Scope.TASK,
            "The bound on those messages (buffer.max.messages)."),
    BULK_IN_FLIGHT("inlet.bulk.in.flight", "inlet_bulk_in_flight", Type.GAUGE, Scope.TASK,
            "Bulk requests in flight now."),
    BULK_LIMIT("inlet.bulk.concurrency.limit", "inlet_bulk_concurrency_limit", Type.GAUGE, Scope.TASK,
            "Bulk requests the adaptive limit allows in flight now (1 to num_processor_threads)."),
    BULK_LATENCY("inlet.bulk.latency", "inlet_bulk_latency_seconds", Type.HISTOGRAM, Scope.TASK,
            "Time from sending a _bulk request to its answer, every attempt (buckets: label le)."),
    BULK_DOCUMENTS("inlet.bulk.documents", "inlet_bulk_documents", Type.HISTOGRAM, Scope.TASK,
            "Operations per _bulk request (buckets: label le).");

    /** How a metric behaves. */
    public enum Type { COUNTER, GAUGE, HISTOGRAM }

    /** Per partition or shard, or per task or worker. */
    public enum Scope { PARTITION, TASK }

    /** The labels of every metric. */
    public static final List<String> TASK_LABELS = List.of("pipeline", "task");
    /** The labels a partition's metrics add. */
    public static final List<String> PARTITION_LABELS = List.of("source", "partition");

    private final String meterName;
    private final String prometheusName;
    private final Type type;
    private final Scope scope;
    private final String help;
    private final List<String> extraLabels;

    InletMetric(String meterName, String prometheusName, Type type, Scope scope, String help, String... extraLabels) {
        this.meterName = meterName;
        this.prometheusName = prometheusName;
        this.type = type;
        this.scope = scope;
        this.help = help;
        this.extraLabels = List.of(extraLabels);
    }

    /** Micrometer's name (dotted); Prometheus's is {@link #prometheusName()}. */
    public String meterName() {
        return meterName;
    }

    /** The name operators query, e.g. {@code inlet_processed_total}; a histogram adds _bucket, _count, _sum. */
    public String prometheusName() {
        return prometheusName;
    }

    /** The base unit Micrometer appends to the name, or null. */
    public String baseUnit() {
        if (type == Type.GAUGE && prometheusName.endsWith("_seconds")) {
            return "seconds";
        }
        return type == Type.GAUGE && prometheusName.endsWith("_bytes") ? "bytes" : null;
    }

    public Type type() {
        return type;
    }

    public Scope scope() {
        return scope;
    }

    public String help() {
        return help;
    }

    /** Every label of this metric, in order. */
    public List<String> labels() {
        List<String> all = new java.util.ArrayList<>(TASK_LABELS);
        if (scope == Scope.PARTITION) {
            all.addAll(PARTITION_LABELS);
        }
        all.addAll(extraLabels);
        return List.copyOf(all);
    }
}
