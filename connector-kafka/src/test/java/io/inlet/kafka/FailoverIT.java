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
import io.inlet.services.Services;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failover: two Connect workers share 4 tasks over 4 partitions; one worker is stopped mid-stream, its
 * tasks move to the other, and the index still equals the model. The state API of the surviving worker
 * lists all 4 partitions caught up.
 */
class FailoverIT {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverIT.class);
    private static final String NAME = "failover";
    private static final String TOPIC = "failover-100k";
    private static final int MESSAGES = 100_000;

    @Test
    void tasksOfAStoppedWorkerMoveToTheOtherAndNothingIsLost() throws Exception {
        CompletableFuture<OpenSearchNode> os = CompletableFuture.supplyAsync(Services::openSearch3);
        try (EmbeddedKafkaConnect kc = KafkaTestCluster.start(2)) {
            kc.cluster().kafka().createTopic(TOPIC, 4);
            ChangeStream stream = new ChangeStream(MESSAGES, 20_000, 23);
            ConnectTestSupport.produce(kc.bootstrapServers(), TOPIC, stream.payloads());
            OpenSearchNode node = os.join();
            Pipelines.createIndex(node, TOPIC, null);
            Map<String, String> config = ConnectTestSupport.config(node, TOPIC, TOPIC);
            config.put("tasks.max", "4");
            config.put("kafka.bootstrap.servers", kc.bootstrapServers());
            ConnectTestSupport.deploy(kc, NAME, config);

            Await.until("4 tasks RUNNING on 2 workers", Duration.ofMinutes(1), () -> {
                JsonNode s = status(kc.connectUrl());
                return running(s) == 4 && workersOf(s).size() == 2;
            });
            Await.until("15,000 offsets committed", Duration.ofMinutes(1), () -> committed(kc) >= 15_000);
            long atStop = committed(kc);
            assertTrue(atStop < MESSAGES, "stopped mid-stream, not after the end: " + atStop);

            JsonNode before = status(kc.connectUrl());
            String victimId = before.path("tasks").path(0).path("worker_id").asText();
            WorkerHandle victim = kc.cluster().workers().stream().filter(w -> workerId(w).equals(victimId)).findFirst()
                    .orElseThrow(() -> new AssertionError("no worker " + victimId + " among " + kc.cluster().workers()));
            WorkerHandle survivor = kc.cluster().workers().stream().filter(w -> w != victim).findFirst().orElseThrow();
            String survivorUrl = url(survivor);
            LOG.info("Stopping worker {} (runs tasks {}) at {} committed offsets", victimId, before.path("tasks"), atStop);
            long stop = System.nanoTime();
            kc.cluster().removeWorker(victim);
            long stopped = System.nanoTime();

            Await.until("all 4 tasks RUNNING on the surviving worker", Duration.ofMinutes(2), () -> {
                JsonNode s = status(survivorUrl);
                return running(s) == 4 && workersOf(s).equals(Set.of(workerId(survivor)));
            });
            long moved = System.nanoTime();
            Await.until("all 100,000 offsets committed", Duration.ofMinutes(3), () -> committed(kc) == MESSAGES);
            IndexReader.assertMatches(stream.expected(), IndexReader.readAll(node, TOPIC));

            JsonNode st = ConnectTestSupport.awaitCaughtUp(survivorUrl, NAME, 4, Duration.ofMinutes(1));
            Set<Integer> partitions = new HashSet<>();
            long latest = 0;
            for (JsonNode p : st.path("partitions")) {
                partitions.add(p.path("partition").asInt());
                assertEquals(TOPIC, p.path("stream").asText(), p.toString());
                assertEquals(0, p.path("pointer_based_lag").asLong(), p.toString());
                latest += p.path("latest_pointer").asLong() + 1;
            }
            assertEquals(Set.of(0, 1, 2, 3), partitions, st.toString());
            assertEquals(MESSAGES, latest, "the latest pointers account for every message: " + st);
            assertEquals("RUNNING", st.path("connector_state").asText(), st.toString());
            String summary = String.format("FailoverIT: worker stopped in %d ms at %d committed offsets; all 4 tasks RUNNING"
                    + " on the other worker %d ms after the stop began", (stopped - stop) / 1_000_000, atStop, (moved - stop) / 1_000_000);
            LOG.info("{}; state after failover {}", summary, st);
            System.out.println(summary);
            ConnectTestSupport.delete(kc, NAME);
        }
    }

    private static JsonNode status(String connectUrl) {
        try {
            return ConnectTestSupport.status(connectUrl, NAME);
        } catch (Exception e) {
            return ConnectTestSupport.object();
        }
    }

    private static int running(JsonNode status) {
        int n = 0;
        for (JsonNode t : status.path("tasks")) {
            n += "RUNNING".equals(t.path("state").asText()) ? 1 : 0;
        }
        return n;
    }

    private static Set<String> workersOf(JsonNode status) {
        Set<String> ids = new HashSet<>();
        status.path("tasks").forEach(t -> ids.add(t.path("worker_id").asText()));
        return ids;
    }

    /** The id a worker has in the status API: the host and port it advertises. */
    private static String workerId(WorkerHandle w) {
        return w.url().getHost() + ":" + w.url().getPort();
    }

    private static String url(WorkerHandle w) {
        String u = w.url().toString();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    private static long committed(EmbeddedKafkaConnect kc) {
        try {
            return ConnectTestSupport.sum(ConnectTestSupport.committedOffsets(kc, NAME));
        } catch (Exception e) {
            return 0;
        }
    }
}
