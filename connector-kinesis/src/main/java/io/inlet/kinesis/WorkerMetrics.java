package io.inlet.kinesis;

import io.inlet.common.state.CountersSnapshot;
import io.inlet.common.state.IngestionSnapshot;
import io.inlet.common.state.PartitionSnapshot;
import io.inlet.common.state.PollerState;
import io.inlet.kinesis.rest.WorkerControl;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * {@code GET /metrics}: the worker's counters in the Prometheus text exposition format (version 0.0.4),
 * one series per shard with the labels {@code application}, {@code stream} and {@code shard}:
 * <pre>
 * inlet_processed_total{application="orders-app",stream="orders",shard="shardId-000000000000"} 1234
 * </pre>
 * Counters: {@code inlet_processed_total}, {@code inlet_indexed_total}, {@code inlet_deleted_total},
 * {@code inlet_version_conflicts_total}, {@code inlet_invalid_messages_total}, {@code inlet_failed_total},
 * {@code inlet_dropped_total}, {@code inlet_retries_total}. Gauges: {@code inlet_lag_millis} (Kinesis
 * {@code millisBehindLatest}), {@code inlet_paused}, {@code inlet_blocked}, and per worker
 * {@code inlet_scheduler_running}, {@code inlet_buffered_messages}, {@code inlet_buffered_bytes}. Counters
 * of a shard start again from zero when this worker takes its lease again.
 */
public final class WorkerMetrics {

    /** The Content-Type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private WorkerMetrics() {
    }

    public static String render(IngestionSnapshot state, WorkerControl.WorkerStatus status) {
        StringBuilder out = new StringBuilder();
        List<PartitionSnapshot> shards = state.partitions();
        counter(out, shards, status, "inlet_processed_total",
                "Records finished with: written, stale or dead-lettered.", CountersSnapshot::processed);
        counter(out, shards, status, "inlet_indexed_total", "Documents written by index, create or update.",
                CountersSnapshot::indexed);
        counter(out, shards, status, "inlet_deleted_total", "Documents deleted.", CountersSnapshot::deleted);
        counter(out, shards, status, "inlet_version_conflicts_total",
                "Stale records: the index already held that version or a newer one.", CountersSnapshot::versionConflicts);
        counter(out, shards, status, "inlet_invalid_messages_total",
                "Records that could not be turned into a write (malformed JSON, bad version...).",
                CountersSnapshot::invalidMessages);
        counter(out, shards, status, "inlet_failed_total", "Writes OpenSearch refused (mapping or parse errors).",
                CountersSnapshot::failed);
        counter(out, shards, status, "inlet_dropped_total", "Records given up under DROP and dead-lettered.",
                CountersSnapshot::dropped);
        counter(out, shards, status, "inlet_retries_total", "Write attempts retried after a passing failure.",
                CountersSnapshot::retries);
        header(out, "inlet_lag_millis", "gauge", "How far behind the newest record of the shard reading is (ms).");
        for (PartitionSnapshot p : shards) {
            if (p.lagInMillis() != null) {
                sample(out, "inlet_lag_millis", status, p, p.lagInMillis());
            }
        }
        header(out, "inlet_paused", "gauge", "1 while reading the shard is paused through the API.");
        shards.forEach(p -> sample(out, "inlet_paused", status, p, p.paused() ? 1 : 0));
        header(out, "inlet_blocked", "gauge", "1 while the shard is stopped at a record under error_strategy=BLOCK.");
        shards.forEach(p -> sample(out, "inlet_blocked", status, p, p.pollerState() == PollerState.BLOCKED ? 1 : 0));
        header(out, "inlet_scheduler_running", "gauge", "1 while the KCL scheduler of this worker runs.");
        worker(out, "inlet_scheduler_running", status, status.schedulerRunning() ? 1 : 0);
        header(out, "inlet_buffered_messages", "gauge", "Records in the writer, not yet acknowledged by OpenSearch.");
        worker(out, "inlet_buffered_messages", status, status.bufferedMessages());
        header(out, "inlet_buffered_bytes", "gauge", "Bytes held by the writer.");
        worker(out, "inlet_buffered_bytes", status, status.bufferedBytes());
        if (status.writer() != null) {
            var w = status.writer();
            header(out, "inlet_writer_concurrency_limit", "gauge", "Bulk requests the adaptive limit allows in flight now.");
            worker(out, "inlet_writer_concurrency_limit", status, w.concurrencyLimit());
            header(out, "inlet_writer_requests_in_flight", "gauge", "Bulk requests in flight now.");
            worker(out, "inlet_writer_requests_in_flight", status, w.inFlight());
            header(out, "inlet_writer_requests_total", "counter", "Bulk requests sent (first tries).");
            worker(out, "inlet_writer_requests_total", status, w.requests());
            header(out, "inlet_writer_request_bytes_avg", "gauge", "Average bytes of a bulk request since start.");
            worker(out, "inlet_writer_request_bytes_avg", status, w.avgRequestBytes());
            header(out, "inlet_writer_last_request_bytes", "gauge", "Bytes of the last bulk request.");
            worker(out, "inlet_writer_last_request_bytes", status, w.lastRequestBytes());
        }
        return out.toString();
    }

    private static void counter(StringBuilder out, List<PartitionSnapshot> shards, WorkerControl.WorkerStatus status,
                                String name, String help, ToLongFunction<CountersSnapshot> value) {
        header(out, name, "counter", help);
        for (PartitionSnapshot p : shards) {
            sample(out, name, status, p, value.applyAsLong(p.counters()));
        }
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, WorkerControl.WorkerStatus status, PartitionSnapshot p,
                               long value) {
        out.append(name).append("{application=\"").append(escape(status.application()))
                .append("\",stream=\"").append(escape(p.stream()))
                .append("\",shard=\"").append(escape(p.partition())).append("\"} ").append(value).append('\n');
    }

    private static void worker(StringBuilder out, String name, WorkerControl.WorkerStatus status, long value) {
        out.append(name).append("{application=\"").append(escape(status.application()))
                .append("\",worker=\"").append(escape(status.workerId())).append("\"} ").append(value).append('\n');
    }

    /** Escapes a label value: backslash, double quote and line feed. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
