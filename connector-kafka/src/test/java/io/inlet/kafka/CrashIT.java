package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.it.ChangeStream;
import io.inlet.common.it.IndexReader;
import io.inlet.common.it.Pipelines;
import io.inlet.services.Await;
import io.inlet.services.KafkaProcesses;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.Ports;
import io.inlet.services.Services;
import io.inlet.services.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crashes: 200,000 envelopes over 4 partitions through a Connect worker in a JVM of its own, killed
 * with SIGKILL three times at random points and started again on the same port. After each kill the
 * committed offsets (read from Kafka with an Admin client) are never ahead of the index
 * ({@link CommittedPrefix}); at the end the index equals the model: nothing lost, nothing extra, every
 * version right. {@code -Dinlet.crash.seed=<n>} replays a run (kill points and data).
 */
class CrashIT {

    private static final Logger LOG = LoggerFactory.getLogger(CrashIT.class);
    private static final String NAME = "crash";
    private static final String TOPIC = "crash-200k";
    private static final int MESSAGES = 200_000;
    private static final int KILLS = 3;

    @Test
    void killNineTheWorkerThreeTimesWhileIngesting() throws Exception {
        long seed = Long.getLong("inlet.crash.seed", System.currentTimeMillis());
        LOG.info("CrashIT seed {} (-Dinlet.crash.seed={} replays this run)", seed, seed);
        Random random = new Random(seed);
        CompletableFuture<OpenSearchNode> os = CompletableFuture.supplyAsync(Services::openSearch3);
        Workspace ws = Workspace.detect();
        Path pluginPath = ws.root().resolve("connector-kafka/target/plugin");
        assertTrue(pluginPath.resolve("inlet-kafka-connect/lib").toFile().isDirectory(),
                "the plugin folder " + pluginPath + " is built by 'mvn package'");
        int workerPort = Ports.free();
        Map<String, String> worker = ConnectTestSupport.killableWorker();
        // Connect's default commit cadence (KafkaProcesses sets 1 s for the other tests): the task asks for a commit
        // itself once a batch is acknowledged, so the stream is committed to its end long before a 60 s flush
        worker.put("offset.flush.interval.ms", "60000");

        try (KafkaProcesses kafka = KafkaProcesses.startBroker(ws.work().resolve("crash-it"), Ports.free(), "512m");
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            kafka.startWorker(workerPort, pluginPath, "512m", worker);
            ConnectTestSupport.createTopic(admin, TOPIC, 4);
            ChangeStream stream = new ChangeStream(MESSAGES, 40_000, seed);
            ConnectTestSupport.produce(kafka.bootstrapServers(), TOPIC, stream.payloads());
            List<ConsumerRecord<byte[], byte[]>> records = ConnectTestSupport.readTopic(kafka.bootstrapServers(), TOPIC);
            assertEquals(MESSAGES, records.size());
            CommittedPrefix prefix = CommittedPrefix.of(records);

            OpenSearchNode node = os.join();
            Pipelines.createIndex(node, TOPIC, null); // gc_deletes 1h: tombstones outlive the replays
            Map<String, String> config = ConnectTestSupport.config(node, TOPIC, TOPIC);
            config.put("tasks.max", "2");
            config.put("max_batch_size", "1000");
            config.put("num_processor_threads", "2");
            config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            long started = System.nanoTime();
            ConnectTestSupport.deploy(kafka.connectUrl(), NAME, config);

            Map<Integer, Long> previous = Map.of();
            List<String> restarts = new ArrayList<>();
            for (int kill = 1; kill <= KILLS; kill++) {
                // small steps: offsets are committed about once a second, and on an idle machine a second is tens of
                // thousands of messages, so each kill must still come well before the end of the stream
                long target = ConnectTestSupport.sum(previous) + 5_000 + random.nextInt(10_000);
                Await.until(target + " offsets committed before kill " + kill, Duration.ofMinutes(2),
                        () -> committed(admin) >= target);
                Thread.sleep(random.nextInt(300));
                kafka.worker().kill();
                Map<Integer, Long> atKill = ConnectTestSupport.groupOffsets(admin, NAME);
                Map<String, IndexReader.Doc> index = IndexReader.readAll(node, TOPIC);
                CommittedPrefix.Result check = prefix.check(atKill, index);
                LOG.info("Kill {}: committed {} (sum {}); {} ids covered by the committed prefix, {} ahead of the index",
                        kill, atKill, ConnectTestSupport.sum(atKill), check.idsChecked(), check.violations().size());
                assertTrue(check.violations().isEmpty(), "after kill " + kill + ", offsets " + atKill
                        + " are ahead of the index for " + check.violations().size() + " ids, e.g. "
                        + check.violations().subList(0, Math.min(5, check.violations().size())));
                assertTrue(check.idsChecked() > 0, "the check covered nothing");
                assertTrue(!prefix.check(Map.of(0, (long) MESSAGES, 1, (long) MESSAGES, 2, (long) MESSAGES, 3, (long) MESSAGES),
                        index).violations().isEmpty(), "the check has teeth: offsets at the end would be ahead of this index");
                assertTrue(ConnectTestSupport.sum(atKill) < MESSAGES, "killed mid-stream, not after the end");
                for (Map.Entry<Integer, Long> e : previous.entrySet()) {
                    assertTrue(atKill.getOrDefault(e.getKey(), 0L) >= e.getValue(), "committed offsets never go back: "
                            + previous + " then " + atKill);
                }

                long restart = System.nanoTime();
                kafka.startWorker(workerPort, pluginPath, "512m", worker);
                long up = System.nanoTime();
                Await.until("a new commit after restart " + kill, Duration.ofMinutes(1), () -> {
                    Map<Integer, Long> now = offsets(admin);
                    return atKill.entrySet().stream().anyMatch(e -> now.getOrDefault(e.getKey(), 0L) > e.getValue())
                            || now.keySet().stream().anyMatch(p -> !atKill.containsKey(p));
                });
                long committedAgain = System.nanoTime();
                String line = String.format("restart %d: worker REST up after %d ms, first new commit after %d ms",
                        kill, (up - restart) / 1_000_000, (committedAgain - restart) / 1_000_000);
                restarts.add(line);
                LOG.info(line);
                previous = atKill;
            }

            Await.quietly("the index holds the whole stream", Duration.ofMinutes(2), () -> {
                IndexReader.assertMatches(stream.expected(), IndexReader.readAll(node, TOPIC));
                return true;
            });
            // the worker flushes offsets every 60 s; the task asks for a commit once its partitions are acknowledged
            Await.until("all 200,000 offsets committed soon after the last write, not at the next 60 s flush",
                    Duration.ofSeconds(15), () -> committed(admin) == MESSAGES);
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            IndexReader.assertMatches(stream.expected(), IndexReader.readAll(node, TOPIC));
            JsonNode status = ConnectTestSupport.status(kafka.connectUrl(), NAME);
            assertEquals(2, status.path("tasks").size(), status.toString());
            for (JsonNode t : status.path("tasks")) {
                assertEquals("RUNNING", t.path("state").asText(), status.toString());
            }
            String summary = "CrashIT: " + MESSAGES + " envelopes, " + KILLS + " kill -9s, ingested in " + elapsed
                    + " ms; " + String.join("; ", restarts);
            LOG.info(summary);
            System.out.println(summary);
        }
    }

    private static long committed(Admin admin) {
        return ConnectTestSupport.sum(offsets(admin));
    }

    private static Map<Integer, Long> offsets(Admin admin) {
        try {
            return ConnectTestSupport.groupOffsets(admin, NAME);
        } catch (Exception e) {
            return Map.of();
        }
    }
}
