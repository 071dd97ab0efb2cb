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
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backpressure: a small writer buffer in front of a slow OpenSearch node. While the buffer is full the
 * state API shows the partitions PAUSED, and POLLING once the backlog is written; the most bytes the
 * writer ever held (the task's {@code inlet_buffered_peak_bytes} plugin metric, read over JMX) stay within
 * {@code buffer.max.bytes}; the index equals the model.
 */
class BackpressureIT extends KafkaIT {

    private static final Logger LOG = LoggerFactory.getLogger(BackpressureIT.class);
    private static final String NAME = "backpressure";
    private static final String TOPIC = "backpressure-30k";
    private static final int MESSAGES = 30_000;
    /** Tighter than 500 messages (~210 KB of these envelopes), so the byte bound is the one that binds. */
    private static final long BUFFER_BYTES = 128 * 1024;

    @Test
    void aFullBufferPausesThePartitionsAndStaysWithinItsBound() throws Exception {
        EmbeddedKafkaConnect kc = kafka();
        ChangeStream stream = new ChangeStream(MESSAGES, 6_000, 31);
        OpenSearchNode node = slowNodeAndTopic(kc, TOPIC, stream);
        Map<String, String> config = smallBufferConfig(kc, node, TOPIC);
        // one request in flight and a state published five times a second: with a warm cluster the 30,000 envelopes
        // go in a few seconds, and the pauses have to be long and looked at often enough to be seen
        config.put("num_processor_threads", "1");
        config.put("state.publish.interval.ms", "200");
        config.put("retry.backoff.max.ms", "2000");

        AtomicInteger pausedSeen = new AtomicInteger();
        AtomicInteger statesSeen = new AtomicInteger();
        AtomicLong sampledBytes = new AtomicLong();
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        watcher.scheduleWithFixedDelay(() -> {
            try {
                metric("inlet_buffered_bytes").ifPresent(b -> sampledBytes.accumulateAndGet(b, Math::max));
                JsonNode st = ConnectTestSupport.state(kc.connectUrl(), NAME);
                if (st.path("partitions").size() == 2) {
                    statesSeen.incrementAndGet();
                    boolean allPaused = true;
                    for (JsonNode p : st.path("partitions")) {
                        allPaused &= "PAUSED".equals(p.path("poller_state").asText());
                    }
                    if (allPaused) {
                        pausedSeen.incrementAndGet();
                    }
                }
            } catch (Exception | AssertionError e) {
                LOG.debug("state poll: {}", e.toString());
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        try {
            deploy(NAME, config, node);
            Await.quietly("all 30,000 offsets committed", Duration.ofMinutes(3),
                    () -> ConnectTestSupport.sum(ConnectTestSupport.committedOffsets(kc, NAME)) == MESSAGES);
        } finally {
            watcher.shutdownNow();
            watcher.awaitTermination(10, TimeUnit.SECONDS);
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        long peak = metric("inlet_buffered_peak_bytes").orElseThrow(() -> new AssertionError("no inlet_buffered_peak_bytes metric over JMX among "
                + ManagementFactory.getPlatformMBeanServer().queryNames(null, null).stream()
                        .filter(n -> n.getDomain().equals("kafka.connect")).map(ObjectName::toString).sorted().toList()));
        String summary = "BackpressureIT: " + MESSAGES + " envelopes in " + elapsed + " ms; peak_buffered_bytes " + peak
                + " (bound " + BUFFER_BYTES + "), largest sampled buffered_bytes " + sampledBytes.get() + "; "
                + pausedSeen.get() + " of " + statesSeen.get() + " states with both partitions PAUSED";
        LOG.info(summary);
        System.out.println(summary);

        assertTrue(pausedSeen.get() > 0, "the state API showed the partitions PAUSED while the buffer was full: " + summary);
        assertTrue(peak <= BUFFER_BYTES, "the writer never held more than buffer.max.bytes: " + summary);
        assertTrue(peak > BUFFER_BYTES / 2, "the buffer was really filled: " + summary);
        ConnectTestSupport.awaitCaughtUp(kc.connectUrl(), NAME, 2, Duration.ofSeconds(30));
        Await.quietly("both partitions POLLING once the backlog is written", Duration.ofSeconds(30), () -> {
            JsonNode st = ConnectTestSupport.state(kc.connectUrl(), NAME);
            for (JsonNode p : st.path("partitions")) {
                if (!"POLLING".equals(p.path("poller_state").asText())) {
                    return false;
                }
            }
            return st.path("partitions").size() == 2;
        });
        IndexReader.assertMatches(stream.expected(), IndexReader.readAll(node, TOPIC));
        assertEquals("RUNNING", ConnectTestSupport.status(kc, NAME).path("tasks").path(0).path("state").asText());
    }

    /**
     * A rebalance while the task has its partitions paused for backpressure: a consumer joins the connector's
     * group (taking a partition away) and leaves again. Connect keeps its own record of paused partitions across
     * the rebalance; every partition must still be resumed and the whole stream committed.
     */
    @Test
    void aRebalanceWhilePausedLeavesNoPartitionPaused() throws Exception {
        String name = "backpressure-rebalance";
        String topic = "backpressure-rebalance-20k";
        int messages = 20_000;
        EmbeddedKafkaConnect kc = kafka();
        ChangeStream stream = new ChangeStream(messages, 4_000, 37);
        OpenSearchNode node = slowNodeAndTopic(kc, topic, stream);
        Map<String, String> config = smallBufferConfig(kc, node, topic);
        deploy(name, config, node);
        Await.quietly("the partitions PAUSED for backpressure", Duration.ofMinutes(1), () -> {
            JsonNode st = ConnectTestSupport.state(kc.connectUrl(), name);
            for (JsonNode p : st.path("partitions")) {
                if ("PAUSED".equals(p.path("poller_state").asText())) {
                    return true;
                }
            }
            return false;
        });
        try (var intruder = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(Map.of(
                "bootstrap.servers", kc.bootstrapServers(), "group.id", "connect-" + name,
                "enable.auto.commit", "false", "max.poll.records", "1",
                "key.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName(),
                "value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName()))) {
            intruder.subscribe(java.util.List.of(topic));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (intruder.assignment().isEmpty() && System.nanoTime() < until) {
                intruder.poll(Duration.ofMillis(200));
            }
            assertTrue(!intruder.assignment().isEmpty(), "the extra consumer joined the connector's group");
            for (int i = 0; i < 10; i++) {
                intruder.poll(Duration.ofMillis(200)); // the task writes (and drains) what it still holds meanwhile
            }
        } // leaving the group hands its partition back to the task
        Await.quietly("all " + messages + " offsets committed after the rebalances", Duration.ofMinutes(3),
                () -> ConnectTestSupport.sum(ConnectTestSupport.committedOffsets(kc, name)) == messages);
        IndexReader.assertMatches(stream.expected(), IndexReader.readAll(node, topic));
        assertEquals("RUNNING", ConnectTestSupport.status(kc, name).path("tasks").path(0).path("state").asText());
    }

    /** The slow node (started while the stream is produced to a new 2-partition topic) with the topic's index. */
    private OpenSearchNode slowNodeAndTopic(EmbeddedKafkaConnect kc, String topic, ChangeStream stream) throws Exception {
        CompletableFuture<OpenSearchNode> os = CompletableFuture.supplyAsync(SlowOpenSearch::get);
        createTopic(topic, 2);
        ConnectTestSupport.produce(kc.bootstrapServers(), topic, stream.payloads());
        OpenSearchNode node = os.join();
        Pipelines.createIndex(node, topic, null);
        return node;
    }

    /** One task with a writer buffer far smaller than the backlog, polling often so a resume is not late. */
    private static Map<String, String> smallBufferConfig(EmbeddedKafkaConnect kc, OpenSearchNode node, String topic) {
        Map<String, String> config = ConnectTestSupport.config(node, topic, topic);
        config.put("tasks.max", "1");
        config.put("max_batch_size", "100");
        config.put("buffer.max.bytes", Long.toString(BUFFER_BYTES));
        config.put("buffer.max.messages", "500");
        config.put("poll.timeout", "100");
        config.put("kafka.bootstrap.servers", kc.bootstrapServers());
        return config;
    }

    /** A plugin metric of task 0 from the worker's JMX reporter ({@code kafka.connect:type=plugins,connector=..,task=0}). */
    private static java.util.Optional<Long> metric(String name) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> names = server.queryNames(
                    new ObjectName("kafka.connect:type=plugins,connector=" + NAME + ",task=0,*"), null);
            for (ObjectName n : names) { // the task's MBean, and its partitions' and histogram buckets' ones
                Object v;
                try {
                    v = server.getAttribute(n, name);
                } catch (javax.management.AttributeNotFoundException notHere) {
                    continue;
                }
                if (v instanceof Number num) {
                    return java.util.Optional.of(num.longValue());
                }
            }
            return java.util.Optional.empty();
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }
}
