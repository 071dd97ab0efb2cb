package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.inlet.common.writer.FakeBulk;
import io.inlet.common.writer.MemoryPool;
import io.inlet.common.writer.WriterOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

/**
 * The task's metrics as Connect publishes them (Kafka's own {@code PluginMetricsImpl}): the Prometheus names, a
 * partition's tags, and histogram buckets that count as Prometheus's do (cumulative, the last equal to the count).
 */
class TaskMetricsTest {

    @Test
    void pluginMetricsCarryThePrometheusNamesTagsAndCumulativeBuckets() throws Exception {
        Metrics kafka = new Metrics();
        LinkedHashMap<String, String> taskTags = new LinkedHashMap<>(Map.of("connector", "orders-sink"));
        taskTags.put("task", "0");
        FakeBulk bulk = new FakeBulk(FakeBulk::ok, true);
        try (PluginMetricsImpl plugin = new PluginMetricsImpl(kafka, taskTags);
             Ingestion ingestion = new Ingestion("unit", bulk, WriterOptions.defaults().withLinger(1).withMaxBatchSize(7),
                     MemoryPool.of(1 << 20, 1_000), Translator.toIndex(new DefaultMapper(), "orders"),
                     new ErrorPolicy(ErrorStrategy.DROP), null, new Backoff(RetryPolicy.unlimited(10, 100)))) {
            TaskMetrics metrics = TaskMetrics.of(plugin, ingestion, "orders-sink", "0");
            for (int i = 0; i < 30; i++) {
                String json = "{\"_id\":\"d" + i + "\",\"_version\":1,\"_source\":{}}";
                ingestion.accept(StreamMessage.of("orders", "3", new KafkaOffset(i), json.getBytes(StandardCharsets.UTF_8)));
            }
            assertTrue(ingestion.writer().awaitIdle(Duration.ofSeconds(10)));
            metrics.sync();
            Map<String, Double> values = new TreeMap<>();
            for (Map.Entry<MetricName, KafkaMetric> e : kafka.metrics().entrySet()) {
                MetricName n = e.getKey();
                if (n.group().equals("plugins")) {
                    values.put(n.name() + new TreeMap<>(n.tags()), ((Number) e.getValue().metricValue()).doubleValue());
                }
            }
            assertEquals(30.0, values.get("inlet_processed_total{connector=orders-sink, partition=3, source=orders, task=0}"),
                    values.toString());
            double requests = values.get("inlet_bulk_documents_count{connector=orders-sink, task=0}");
            assertTrue(requests >= 5, values.toString()); // at most 7 operations a request
            assertEquals(30.0, values.get("inlet_bulk_documents_sum{connector=orders-sink, task=0}"));
            double previous = 0;
            for (String le : new String[] {"1.0", "10.0", "50.0", "100.0", "250.0", "500.0", "1000.0", "2500.0", "5000.0",
                    "10000.0", "+Inf"}) {
                double bucket = values.get("inlet_bulk_documents_bucket{connector=orders-sink, le=" + le + ", task=0}");
                assertTrue(bucket >= previous, "cumulative at le=" + le + ": " + values);
                previous = bucket;
            }
            assertEquals(requests, values.get("inlet_bulk_documents_bucket{connector=orders-sink, le=10.0, task=0}"),
                    "every request had at most 7 operations");
            assertEquals(requests, previous, "+Inf is the count");
            metrics.close();
            assertTrue(kafka.metrics().keySet().stream().noneMatch(n -> n.group().equals("plugins")), "all removed");
        } finally {
            kafka.close();
        }
    }
}
