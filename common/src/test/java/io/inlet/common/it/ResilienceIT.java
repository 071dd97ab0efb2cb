package io.inlet.common.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.ingest.Ingestion;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.Pointer;
import io.inlet.common.state.CountersSnapshot;
import io.inlet.common.writer.WriterOptions;
import io.inlet.services.Await;
import io.inlet.services.Http;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.OpenSearchSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opensearch.client.RestHighLevelClient;

/**
 * A cluster under stress: a 429 storm (one write thread, a write queue of one), a write block, and an
 * outage of 20 s (tens of retries, backing off up to 1 s, of every request in flight). The writer waits and retries; nothing
 * is lost, nothing fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceIT {

    private static OpenSearchNode node;

    @BeforeAll
    static void start() {
        node = OpenSearchNode.start(OpenSearchSpec.v3()
                .with("thread_pool.write.size", "1")
                .with("thread_pool.write.queue_size", "1"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static List<byte[]> docs(int n, String prefix) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(("{\"_id\":\"" + prefix + i + "\",\"_version\":1,\"_source\":{\"n\":" + i + ",\"seq\":" + i + "}}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Ingestion ingestion(RestHighLevelClient client, String index) {
        return Pipelines.ingestion(client, index, WriterOptions.defaults().withMaxInFlight(4).withMaxBatchSize(50),
                new ErrorPolicy(ErrorStrategy.DROP), null);
    }

    @Test
    @Order(1)
    void a429StormLosesNothingAndRaisesNothing() throws Exception {
        String index = "storm";
        Pipelines.createIndex(node, index, null);
        List<byte[]> payloads = docs(5_000, "s");
        try (RestHighLevelClient client = Pipelines.client(node); Ingestion ingestion = ingestion(client, index)) {
            Pipelines.feed(ingestion, "orders", "0", payloads, 0, payloads.size());
            Pipelines.awaitIdle(ingestion, Duration.ofMinutes(3));
            CountersSnapshot c = ingestion.state().snapshot().totals();
            assertTrue(c.retries() > 0, "the tiny write queue answered 429s, and they were retried: " + c);
            assertEquals(0, c.dropped());
            assertEquals(0, c.failed());
            assertEquals(5_000, c.processed());
            assertEquals(new KafkaOffset(4_999), ingestion.committed("orders", "0").orElseThrow());
        }
        assertEquals(5_000, IndexReader.count(node, index));
    }

    @Test
    @Order(2)
    void aWriteBlockPausesAcknowledgementsInsteadOfFailing() throws Exception {
        String index = "blocked";
        Pipelines.createIndex(node, index, null);
        Http http = node.client();
        assertTrue(http.put(node.url() + "/" + index + "/_settings", "{\"index.blocks.write\":true}").ok());
        List<byte[]> payloads = docs(200, "b");
        try (RestHighLevelClient client = Pipelines.client(node); Ingestion ingestion = ingestion(client, index)) {
            Pipelines.feed(ingestion, "orders", "0", payloads, 0, payloads.size());
            Thread.sleep(3_000);
            assertEquals(Optional.empty(), ingestion.committed("orders", "0"), "nothing is acknowledged while writes are blocked");
            CountersSnapshot blocked = ingestion.state().snapshot().totals();
            assertEquals(0, blocked.failed());
            assertEquals(0, blocked.dropped());
            assertTrue(blocked.retries() > 0, "the block is retried: " + blocked);

            assertTrue(http.put(node.url() + "/" + index + "/_settings", "{\"index.blocks.write\":null}").ok());
            Pipelines.awaitIdle(ingestion, Duration.ofMinutes(1));
            assertEquals(new KafkaOffset(199), ingestion.committed("orders", "0").orElseThrow());
        }
        assertEquals(200, IndexReader.count(node, index));
    }

    @Test
    @Order(3)
    void anOutageOfTwentySecondsIsWaitedOut() throws Exception {
        String index = "outage";
        Pipelines.createIndex(node, index, null);
        List<byte[]> payloads = docs(4_000, "o");
        try (RestHighLevelClient client = Pipelines.client(node); Ingestion ingestion = ingestion(client, index)) {
            CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < payloads.size(); i += 100) {
                        Pipelines.feed(ingestion, "orders", "0", payloads, i, i + 100);
                        Thread.sleep(20);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Await.until("500 offsets committed before the outage", Duration.ofSeconds(60),
                    () -> ingestion.committed("orders", "0").map(p -> ((KafkaOffset) p).offset()).orElse(-1L) >= 500);
            node.stop();
            Pointer atStop = ingestion.committed("orders", "0").orElseThrow();
            Thread.sleep(20_000);
            assertEquals(atStop, ingestion.committed("orders", "0").orElseThrow(), "nothing is acknowledged while OpenSearch is down");
            node.restart();
            feeding.get();
            Pipelines.awaitIdle(ingestion, Duration.ofMinutes(3));
            assertEquals(new KafkaOffset(3_999), ingestion.committed("orders", "0").orElseThrow());
            CountersSnapshot c = ingestion.state().snapshot().totals();
            assertEquals(0, c.dropped());
            assertEquals(0, c.failed());
        }
        assertEquals(4_000, IndexReader.count(node, index));
    }
}
