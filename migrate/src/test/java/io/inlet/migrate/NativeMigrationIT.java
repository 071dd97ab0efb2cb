package io.inlet.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static io.inlet.migrate.MigrationKit.JSON;
import static io.inlet.migrate.MigrationKit.model;
import static io.inlet.migrate.MigrationKit.run;
import static io.inlet.migrate.MigrationKit.versions;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.services.Await;
import io.inlet.services.Http;
import io.inlet.services.KafkaProcesses;
import io.inlet.services.NativeIngestionPlugin;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.OpenSearchSpec;
import io.inlet.services.Ports;
import io.inlet.migrate.MigrationKit.Message;
import io.inlet.services.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaving native pull-based ingestion: OpenSearch 3.8.0 with its {@code ingestion-kafka} plugin ingests the first
 * part of a topic into an index created with {@code ingestion_source}; the README's two {@code inlet-migrate.jar}
 * commands (with this stack's URLs for {@code localhost:9200} and {@code localhost:8083}) first show the plan with
 * {@code --dry-run} and change nothing, then pause the native ingestion, create a
 * regular index with the same mappings and documents, and creates Inlet's connector on Connect, stopped, at the
 * native pointers. The rest of the topic is produced, the connector resumed, and the new index equals the model of
 * the whole stream while the native index stays where it was paused.
 */
class NativeMigrationIT {

    private static final String TOPIC = "orders";
    private static final String NATIVE = "orders";
    private static final String TARGET = "orders-inlet";
    private static final int MESSAGES = 3_000;
    private static final int FIRST_PART = 1_800;
    private static final int IDS = 400;

    @Test
    void nativeIngestsPartOfATopicThenInletFinishesItFromTheNativePointers(@TempDir Path work) throws Exception {
        Workspace ws = Workspace.detect();
        Path dir = ws.work().resolve("migrate-it");
        Path plugin = NativeIngestionPlugin.KAFKA.prepare(dir.resolve("plugins"));
        CompletableFuture<OpenSearchNode> os = CompletableFuture.supplyAsync(
                () -> OpenSearchNode.start(OpenSearchSpec.v3().withPlugin(plugin)));
        Path connectPlugin = ws.root().resolve("connector-kafka/target/plugin");
        Path jar = ws.root().resolve("migrate/target/inlet-migrate.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built by 'mvn package'");
        Http http = Http.plain();
        List<Message> stream = MigrationKit.stream(MESSAGES, IDS, FIRST_PART);

        try (KafkaProcesses kafka = KafkaProcesses.startBroker(dir.resolve("kafka"), Ports.free(), "512m");
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
             OpenSearchNode node = os.join()) {
            kafka.startWorker(Ports.free(), connectPlugin, "512m", Map.of("plugin.discovery", "service_load"));
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            produce(kafka.bootstrapServers(), stream.subList(0, FIRST_PART));

            Http.Response created = http.put(node.url() + "/" + NATIVE, "{\"settings\":{\"index\":{"
                    + "\"number_of_shards\":2,\"number_of_replicas\":0,\"replication.type\":\"SEGMENT\",\"gc_deletes\":\"1h\","
                    + "\"ingestion_source\":{\"type\":\"kafka\",\"pointer.init.reset\":\"earliest\",\"error_strategy\":\"DROP\","
                    + "\"poll.max_batch_size\":100,\"internal_queue_size\":5000,"
                    + "\"param\":{\"topic\":\"" + TOPIC + "\",\"bootstrap_servers\":\"" + kafka.bootstrapServers() + "\"}}}},"
                    + "\"mappings\":{\"properties\":{\"n\":{\"type\":\"integer\"},\"part\":{\"type\":\"keyword\"}}}}");
            assertTrue(created.ok(), created.body());
            Map<String, Long> firstPart = model(stream.subList(0, FIRST_PART));
            Await.quietly("the native ingestion to take the first " + FIRST_PART + " messages", Duration.ofMinutes(2),
                    () -> versions(node, NATIVE).equals(firstPart));

            // the plan, and nothing changed
            List<List<String>> commands = MigrationKit.readmeCommands(ws, NATIVE, Map.of(
                    "http://localhost:9200", node.url(), "http://localhost:8083", kafka.connectUrl()));
            String plan = run(jar, work, commands.get(0));
            assertTrue(plan.contains("kafka topic " + TOPIC + ", 2 shards"), plan);
            assertTrue(plan.contains("index.ingestion_source.internal_queue_size = 5000: Inlet bounds what it holds"), plan);
            assertTrue(plan.contains("index.replication.type = SEGMENT"), plan);
            assertTrue(plan.contains("poll.max_batch_size = 100"), "carried over: " + plan);
            assertTrue(plan.contains("dry run, nothing changed"), plan);
            assertFalse(http.get(node.url() + "/" + TARGET).ok(), "a dry run creates nothing");
            assertEquals(404, http.get(kafka.connectUrl() + "/connectors/orders").status());
            JsonNode state = JSON.readTree(http.get(node.url() + "/" + NATIVE + "/ingestion/_state").body());
            assertFalse(state.path("ingestion_state").path(NATIVE).get(0).path("poller_paused").asBoolean(), state.toString());

            String done = run(jar, work, commands.get(1));
            assertTrue(done.contains("Paused the native ingestion of " + NATIVE), done);
            assertTrue(done.contains("Created connector orders on " + kafka.connectUrl() + ", STOPPED"), done);
            JsonNode status = JSON.readTree(http.get(kafka.connectUrl() + "/connectors/orders/status").body());
            assertEquals("STOPPED", status.path("connector").path("state").asText(), status.toString());
            JsonNode written = JSON.readTree(work.resolve("orders-connector.json").toFile());
            assertEquals(TARGET, written.path("config").path("index").asText());
            assertEquals(TARGET + "-dead-letters", written.path("config").path("dlq.index").asText(),
                    "native DROP discards; Inlet keeps refused messages");
            Map<String, Long> atPause = versions(node, NATIVE);
            assertEquals(firstPart, atPause);
            assertEquals(atPause, versions(node, TARGET), "the documents copied with their versions");
            JsonNode offsets = JSON.readTree(http.get(kafka.connectUrl() + "/connectors/orders/offsets").body());
            assertEquals(2, offsets.path("offsets").size(), "both partitions start at the native pointer: " + offsets);

            produce(kafka.bootstrapServers(), stream.subList(FIRST_PART, MESSAGES));
            assertTrue(http.put(kafka.connectUrl() + "/connectors/orders/resume", null).ok());
            Map<String, Long> whole = model(stream);
            Await.quietly("Inlet to finish the topic into " + TARGET, Duration.ofMinutes(2),
                    () -> versions(node, TARGET).equals(whole));
            assertEquals(atPause, versions(node, NATIVE), "the native index stays where it was paused");
            System.out.println("NativeMigrationIT: " + done.replace('\n', ' '));
        }
    }

    private static void produce(String bootstrap, List<Message> messages) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (Message m : messages) {
                producer.send(new ProducerRecord<>(TOPIC, m.key(), m.value()));
            }
            producer.flush();
        }
    }
}
