package io.inlet.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.ingest.Ingestion;
import io.inlet.common.ingest.Translator;
import io.inlet.common.mapper.DefaultMapper;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.StreamMessage;
import io.inlet.common.retry.Backoff;
import io.inlet.common.retry.RetryPolicy;
import io.inlet.common.writer.BulkItemResult;
import io.inlet.common.writer.FakeBulk;
import io.inlet.common.writer.MemoryPool;
import io.inlet.common.writer.WriterOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a scrape shows for a partition that wrote, absorbed a stale message and dead-lettered one: the counts by their
 * Prometheus names and labels, the bulk histograms, every {@link InletMetric} under the name the docs give, and
 * nothing left of a partition once it is closed.
 */
class InletMetersTest {

    private static StreamMessage message(long offset, String id) {
        String json = "{\"_id\":\"" + id + "\",\"_version\":" + (offset + 1) + ",\"_source\":{\"n\":" + offset + "}}";
        return StreamMessage.of("orders", "0", new KafkaOffset(offset), json.getBytes(StandardCharsets.UTF_8));
    }

    private static BulkItemResult answer(io.inlet.common.writer.Pending.Write w) {
        return switch (w.op().id()) {
            case "stale" -> new BulkItemResult(409, null, "version_conflict_engine_exception", "older");
            case "bad" -> new BulkItemResult(400, null, "mapper_parsing_exception", "failed to parse field [n]");
            default -> FakeBulk.ok(w);
        };
    }

    @Test
    void aScrapeShowsEachMetricByItsDocumentedNameAndLabels() throws Exception {
        FakeBulk bulk = new FakeBulk(InletMetersTest::answer, true);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Ingestion ingestion = new Ingestion("unit", bulk, WriterOptions.defaults().withLinger(1),
                MemoryPool.of(1 << 20, 1_000), Translator.toIndex(new DefaultMapper(), "orders"),
                new ErrorPolicy(ErrorStrategy.DROP), null, new Backoff(RetryPolicy.unlimited(10, 100)));
             InletMeters meters = new InletMeters(registry, ingestion, "orders-sink", "0")) {
            ingestion.accept(message(0, "a"));
            ingestion.accept(message(1, "stale"));
            ingestion.accept(message(2, "bad"));
            ingestion.accept(message(3, "b"));
            assertTrue(ingestion.writer().awaitIdle(Duration.ofSeconds(10)));
            meters.refresh();
            String text = registry.scrape();
            String partition = "partition=\"0\",pipeline=\"orders-sink\",source=\"orders\",task=\"0\"";
            assertTrue(text.contains("inlet_processed_total{" + partition + "} 4.0"), text);
            assertTrue(text.contains("inlet_indexed_total{" + partition + "} 2.0"), text);
            assertTrue(text.contains("inlet_stale_total{" + partition + "} 1.0"), text);
            assertTrue(text.contains("inlet_failed_total{" + partition + "} 1.0"), text);
            assertTrue(text.contains("inlet_dropped_total{partition=\"0\",pipeline=\"orders-sink\","
                    + "reason=\"mapper_parsing_exception\",source=\"orders\",task=\"0\"} 1.0"), text);
            assertTrue(text.contains("inlet_blocked{" + partition + "} 0.0"), text);
            assertTrue(text.contains("inlet_buffered_limit_bytes{pipeline=\"orders-sink\",task=\"0\"} 1048576.0"), text);
            assertTrue(text.contains("inlet_bulk_latency_seconds_bucket{pipeline=\"orders-sink\",task=\"0\",le=\"+Inf\"}"),
                    text);
            assertTrue(text.contains("inlet_bulk_documents_count{pipeline=\"orders-sink\",task=\"0\"}"), text);
            for (InletMetric m : InletMetric.values()) {
                String type = m.type() == InletMetric.Type.HISTOGRAM ? "histogram"
                        : m.type() == InletMetric.Type.COUNTER ? "counter" : "gauge";
                assertTrue(text.contains("# TYPE " + m.prometheusName() + " " + type), m + " is exposed as " + m.prometheusName()
                        + ": " + text);
            }

            ingestion.close("orders", "0");
            ingestion.state().remove("orders", "0");
            meters.refresh();
            assertFalse(registry.scrape().contains("source=\"orders\""), "a partition gone leaves no series");
        }
    }
}
