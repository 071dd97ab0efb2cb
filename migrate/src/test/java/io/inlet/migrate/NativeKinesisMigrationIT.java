package io.inlet.migrate;

import static io.inlet.migrate.MigrationKit.JSON;
import static io.inlet.migrate.MigrationKit.model;
import static io.inlet.migrate.MigrationKit.run;
import static io.inlet.migrate.MigrationKit.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.kinesis.config.AwsSettings;
import io.inlet.kinesis.config.KclTimings;
import io.inlet.kinesis.kcl.KinesisClients;
import io.inlet.migrate.MigrationKit.Message;
import io.inlet.services.Await;
import io.inlet.services.Http;
import io.inlet.services.LocalProcess;
import io.inlet.services.NativeIngestionPlugin;
import io.inlet.services.NodeService;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.OpenSearchSpec;
import io.inlet.services.Workspace;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Leaving native pull-based ingestion from Kinesis: OpenSearch 3.8.0 with its {@code ingestion-kinesis} plugin reads
 * the first part of a two-shard stream on kinesis-local into an index created with {@code ingestion_source}; the
 * README's two {@code inlet-migrate.jar} lines for it (this stack's URLs for the localhost ones) show the plan and
 * change nothing, then pause the native ingestion, copy the documents into a regular index and write the worker
 * config, each shard starting at its native pointer. The rest of the stream is written, the worker started as the
 * migration says (with a test's KCL timings added to the config), and the new index equals the model of the whole stream while the native index stays at the pause.
 */
class NativeKinesisMigrationIT {

    private static final String STREAM = "clicks";
    private static final String NATIVE = "clicks";
    private static final String TARGET = "clicks-inlet";
    private static final int MESSAGES = 2_000;
    private static final int FIRST_PART = 1_200;
    private static final int IDS = 300;

    @Test
    void nativeReadsPartOfAStreamThenTheWorkerFinishesItFromTheNativePointers(@TempDir Path work) throws Exception {
        Workspace ws = Workspace.detect();
        Path plugin = NativeIngestionPlugin.KINESIS.prepare(ws.work().resolve("migrate-kinesis-it/plugins"));
        CompletableFuture<OpenSearchNode> os = CompletableFuture.supplyAsync(
                () -> OpenSearchNode.start(OpenSearchSpec.v3().withPlugin(plugin)));
        Path jar = ws.root().resolve("migrate/target/inlet-migrate.jar");
        Path workerJar = ws.root().resolve("connector-kinesis/target/inlet-kinesis-worker.jar");
        assertTrue(Files.isRegularFile(jar) && Files.isRegularFile(workerJar), "built by 'mvn package'");
        Http http = Http.plain();
        List<Message> stream = MigrationKit.stream(MESSAGES, IDS, FIRST_PART);

        try (NodeService kinesis = NodeService.kinesis();
             NodeService dynamo = NodeService.dynamo();
             KinesisClients aws = KinesisClients.create(AwsSettings.forEmulators(URI.create(kinesis.endpoint()),
                     URI.create(dynamo.endpoint())));
             OpenSearchNode node = os.join()) {
            aws.kinesis().createStream(b -> b.streamName(STREAM).shardCount(2)).join();
            Await.quietly("stream " + STREAM + " ACTIVE", Duration.ofSeconds(30), () -> aws.kinesis()
                    .describeStreamSummary(b -> b.streamName(STREAM)).join().streamDescriptionSummary().streamStatus()
                    == StreamStatus.ACTIVE);
            Map<String, String> shardOfSequence = put(aws, stream.subList(0, FIRST_PART));

            Http.Response created = http.put(node.url() + "/" + NATIVE, "{\"settings\":{\"index\":{"
                    + "\"number_of_shards\":2,\"number_of_replicas\":0,\"replication.type\":\"SEGMENT\",\"gc_deletes\":\"1h\","
                    + "\"ingestion_source\":{\"type\":\"kinesis\",\"pointer.init.reset\":\"earliest\",\"error_strategy\":\"DROP\","
                    + "\"poll.max_batch_size\":100,"
                    + "\"param\":{\"stream\":\"" + STREAM + "\",\"region\":\"us-east-1\",\"access_key\":\"local\","
                    + "\"secret_key\":\"local-secret\",\"endpoint_override\":\"" + kinesis.endpoint() + "\"}}}},"
                    + "\"mappings\":{\"properties\":{\"n\":{\"type\":\"integer\"},\"part\":{\"type\":\"keyword\"}}}}");
            assertTrue(created.ok(), created.body());
            Map<String, Long> firstPart = model(stream.subList(0, FIRST_PART));
            Await.quietly("the native ingestion to take the first " + FIRST_PART + " messages", Duration.ofMinutes(2),
                    () -> versions(node, NATIVE).equals(firstPart));

            List<List<String>> commands = MigrationKit.readmeCommands(ws, NATIVE, Map.of(
                    "http://localhost:9200", node.url(), "http://localhost:4568", dynamo.endpoint()));
            String plan = run(jar, work, commands.get(0));
            assertTrue(plan.contains("kinesis stream " + STREAM + ", 2 shards"), plan);
            assertTrue(plan.contains("aws.secret.access.key = (not shown)"), plan);
            assertFalse(plan.contains("local-secret"), plan);
            assertTrue(plan.contains("index.replication.type = SEGMENT"), plan);
            assertTrue(plan.contains("dry run, nothing changed"), plan);
            assertFalse(http.get(node.url() + "/" + TARGET).ok(), "a dry run creates nothing");
            assertFalse(Files.exists(work.resolve("clicks-worker.json")), "a dry run writes nothing");

            String done = run(jar, work, commands.get(1));
            assertTrue(done.contains("Paused the native ingestion of " + NATIVE), done);
            assertTrue(done.contains("java -jar connector-kinesis/target/inlet-kinesis-worker.jar --config clicks-worker.json"),
                    done);
            Map<String, Long> atPause = versions(node, NATIVE);
            assertEquals(firstPart, atPause);
            assertEquals(atPause, versions(node, TARGET), "the documents copied with their versions");
            Path config = work.resolve("clicks-worker.json");
            JsonNode written = JSON.readTree(config.toFile());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)),
                    "it holds the secret key");
            assertEquals(TARGET, written.path("index").asText());
            assertEquals(STREAM, written.path("stream").asText());
            assertEquals(kinesis.endpoint(), written.path("kinesis.endpoint").asText());
            assertEquals(dynamo.endpoint(), written.path("dynamodb.endpoint").asText());
            assertEquals(TARGET + "-dead-letters", written.path("dlq.index").asText(),
                    "native DROP discards; Inlet keeps refused messages");
            assertEquals("reset_by_offset", written.path("pointer.init.reset").asText());
            Set<String> shards = new TreeSet<>();
            for (String sequence : written.path("pointer.init.reset.value").asText().split(",")) {
                assertTrue(shardOfSequence.containsKey(sequence), sequence + " is the sequence number of a record put");
                shards.add(shardOfSequence.get(sequence));
            }
            assertEquals(2, shards.size(), "one starting point per shard: " + written);

            put(aws, stream.subList(FIRST_PART, MESSAGES));
            // the config as written, plus a test's KCL timings (the first lease assignment in about a second rather than
            // up to 30) and a free management port
            ObjectNode timed = ((ObjectNode) written.deepCopy()).put("management.port", "0");
            KclTimings.fast().asSettings().forEach(timed::put);
            Path timedConfig = Files.writeString(work.resolve("clicks-worker-timed.json"), timed.toPrettyString());
            Map<String, Long> whole = model(stream);
            try (LocalProcess worker = LocalProcess.start("migrated worker", List.of(
                    ProcessHandle.current().info().command().orElse("java"), "-Xmx384m", "-jar", workerJar.toString(),
                    "--config", timedConfig.getFileName().toString()), work, Map.of(),
                    ws.work().resolve("logs/migrate-kinesis-worker.log"))) {
                Await.quietly("the worker to finish the stream into " + TARGET, Duration.ofMinutes(3),
                        () -> versions(node, TARGET).equals(whole));
                assertTrue(worker.tail(2000).contains("starts at sequence number"), "the native pointers were seeded");
            }
            assertEquals(atPause, versions(node, NATIVE), "the native index stays where it was paused");
            System.out.println("NativeKinesisMigrationIT: " + done.replace('\n', ' '));
        }
    }

    /** Puts the messages in order, keyed by id; the shard of each sequence number returned. */
    private static Map<String, String> put(KinesisClients aws, List<Message> messages) {
        Map<String, String> out = new HashMap<>();
        for (int from = 0; from < messages.size(); from += 500) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (Message m : messages.subList(from, Math.min(messages.size(), from + 500))) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(m.key()).data(SdkBytes.fromUtf8String(m.value()))
                        .build());
            }
            PutRecordsResponse r = aws.kinesis().putRecords(b -> b.streamName(STREAM).records(entries)).join();
            assertEquals(0, r.failedRecordCount(), "failed puts");
            r.records().forEach(e -> out.put(e.sequenceNumber(), e.shardId()));
        }
        return out;
    }
}
