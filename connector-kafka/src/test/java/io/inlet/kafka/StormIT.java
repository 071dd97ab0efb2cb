package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.it.ChangeStream;
import io.inlet.common.it.IndexReader;
import io.inlet.common.it.Pipelines;
import io.inlet.services.Await;
import io.inlet.services.EmbeddedKafkaConnect;
import io.inlet.services.OpenSearchNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 429 storm: an OpenSearch node with one write thread and a write queue of one, and a task with 4
 * writer lanes. Rejections are retried with backoff: the task never fails, nothing is lost, and the
 * state API counts the retries.
 */
class StormIT extends KafkaIT {

    private static final Logger LOG = LoggerFactory.getLogger(StormIT.class);
    private static final String NAME = "storm";
    private static final String TOPIC = "storm-50k";
    private static final int MESSAGES = 50_000;

    @Test
    void aFourTwentyNineStormNeitherFailsTheTaskNorLosesAMessage() throws Exception {
        CompletableFuture<OpenSearchNode> os = CompletableFuture.supplyAsync(SlowOpenSearch::get);
        EmbeddedKafkaConnect kc = kafka();
        createTopic(TOPIC, 2);
        ChangeStream stream = new ChangeStream(MESSAGES, 10_000, 29);
        ConnectTestSupport.produce(kc.bootstrapServers(), TOPIC, stream.payloads());
        OpenSearchNode node = os.join();
        Pipelines.createIndex(node, TOPIC, null);
        Map<String, String> config = ConnectTestSupport.config(node, TOPIC, TOPIC);
        config.put("tasks.max", "1");
        config.put("num_processor_threads", "4");
        config.put("max_batch_size", "200");
        config.put("retry.backoff.max.ms", "2000");
        config.put("kafka.bootstrap.servers", kc.bootstrapServers());

        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger runningSeen = new AtomicInteger();
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        watcher.scheduleWithFixedDelay(() -> {
            try {
                JsonNode s = ConnectTestSupport.status(kc, NAME);
                if ("FAILED".equals(s.path("connector").path("state").asText())) {
                    failures.add("connector: " + s);
                }
                for (JsonNode t : s.path("tasks")) {
                    switch (t.path("state").asText()) {
                        case "FAILED" -> failures.add("task " + t.path("id").asText() + ": " + t.path("trace").asText());
                        case "RUNNING" -> runningSeen.incrementAndGet();
                        default -> { }
                    }
                }
            } catch (Exception | AssertionError e) {
                LOG.debug("status poll: {}", e.toString());
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        try {
            long start = System.nanoTime();
            deploy(NAME, config, node);
            Await.quietly("all 50,000 offsets committed", Duration.ofMinutes(4),
                    () -> ConnectTestSupport.sum(ConnectTestSupport.committedOffsets(kc, NAME)) == MESSAGES);
            LOG.info("StormIT: {} envelopes through the storm in {} ms", MESSAGES, (System.nanoTime() - start) / 1_000_000);
        } finally {
            watcher.shutdownNow();
            watcher.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of(), failures, "the task never FAILED during the storm");
        assertTrue(runningSeen.get() > 10, "the status was watched while the task ran: " + runningSeen.get() + " polls");
        IndexReader.assertMatches(stream.expected(), IndexReader.readAll(node, TOPIC));

        JsonNode state = ConnectTestSupport.awaitCaughtUp(kc.connectUrl(), NAME, 2, Duration.ofSeconds(30));
        long retries = ConnectTestSupport.total(state, "total_retries");
        LOG.info("StormIT: state after the storm {}", state);
        assertTrue(retries > 0, "the 429s were retried and counted: " + state);
        assertEquals(0, ConnectTestSupport.total(state, "total_dropped_count"), state.toString());
        assertEquals(0, ConnectTestSupport.total(state, "total_failed_count"), state.toString());
        assertEquals("RUNNING", ConnectTestSupport.status(kc, NAME).path("tasks").path(0).path("state").asText());
        System.out.println("StormIT: total_retries " + retries + " over " + MESSAGES + " envelopes");
    }
}
