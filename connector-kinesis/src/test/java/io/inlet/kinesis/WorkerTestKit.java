package io.inlet.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.kinesis.config.AwsSettings;
import io.inlet.kinesis.config.KclTimings;
import io.inlet.kinesis.config.KinesisWorkerConfig;
import io.inlet.kinesis.kcl.KinesisClients;
import io.inlet.kinesis.kcl.LeaseTable;
import io.inlet.services.Await;
import io.inlet.services.Http;
import io.inlet.services.LocalProcess;
import io.inlet.services.NodeService;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.Services;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Shared set-up of the worker's integration tests: the real services (OpenSearch 3.x, kinesis-local,
 * dynalite), a worker configuration pointing at them with fast KCL timings, streams, puts, the
 * management API, and the worker run as a separate JVM from the shaded jar.
 */
final class WorkerTestKit implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final NodeService kinesis;
    final NodeService dynamo;
    final OpenSearchNode openSearch;
    final KinesisClients aws;
    final Http http = Http.plain();

    /** One record as put: its shard, sequence number and data. */
    record Put(String shardId, String sequenceNumber, byte[] data, long putAtMillis) {
        BigInteger sequence() {
            return new BigInteger(sequenceNumber);
        }
    }

    WorkerTestKit() {
        Services.warmUp(Services.Kind.KINESIS, Services.Kind.DYNAMODB, Services.Kind.OPENSEARCH_3);
        kinesis = Services.kinesis();
        dynamo = Services.dynamo();
        openSearch = Services.openSearch3();
        aws = KinesisClients.create(AwsSettings.forEmulators(URI.create(kinesis.endpoint()), URI.create(dynamo.endpoint())));
    }

    static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    /** A worker configuration for {@code stream} → {@code index} with the emulators' endpoints and fast timings. */
    Map<String, String> config(String stream, String application, String index) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("opensearch.hosts", openSearch.url());
        c.put("index", index);
        c.put("stream", stream);
        c.put("region", "us-east-1");
        c.put("kinesis.endpoint", kinesis.endpoint());
        c.put("dynamodb.endpoint", dynamo.endpoint());
        c.put("aws.access.key.id", "emulator");
        c.put("aws.secret.access.key", "emulator");
        c.put("application.name", application);
        c.put("worker.id", "worker-1");
        c.put("management.port", "0");
        c.put("checkpoint.interval.ms", "300");
        c.put("polling.idle.ms", "200");
        c.put("polling.max.records", "1000");
        c.put("shutdown.timeout.ms", "20000");
        c.put("max_batch_size", "500");
        c.putAll(KclTimings.fast().asSettings());
        return c;
    }

    KinesisWorker startInProcess(Map<String, String> config) {
        return KinesisWorker.start(new KinesisWorkerConfig(config));
    }

    void createStream(String name, int shards) throws InterruptedException {
        aws.kinesis().createStream(b -> b.streamName(name).shardCount(shards)).join();
        Await.quietly("stream " + name + " ACTIVE", Duration.ofSeconds(30), () -> aws.kinesis()
                .describeStreamSummary(b -> b.streamName(name)).join().streamDescriptionSummary().streamStatus()
                == StreamStatus.ACTIVE);
    }

    /** Puts the payloads in order, in batches of 500, keyed by {@code key}; checks each shard got them in order. */
    List<Put> put(String stream, List<byte[]> payloads, Function<byte[], String> key) {
        List<Put> out = new ArrayList<>(payloads.size());
        for (int from = 0; from < payloads.size(); from += 500) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(payloads.size(), from + 500); i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(key.apply(payloads.get(i)))
                        .data(SdkBytes.fromByteArray(payloads.get(i))).build());
            }
            PutRecordsResponse r = aws.kinesis().putRecords(b -> b.streamName(stream).records(entries)).join();
            assertEquals(0, r.failedRecordCount(), "failed puts");
            long now = System.currentTimeMillis();
            for (int i = 0; i < entries.size(); i++) {
                PutRecordsResultEntry e = r.records().get(i);
                out.add(new Put(e.shardId(), e.sequenceNumber(), entries.get(i).data().asByteArray(), now));
            }
        }
        Map<String, BigInteger> last = new TreeMap<>();
        for (Put p : out) {
            BigInteger prev = last.put(p.shardId(), p.sequence());
            assertTrue(prev == null || prev.compareTo(p.sequence()) < 0, "sequence numbers of " + p.shardId() + " in put order");
        }
        return out;
    }

    /** The envelope's {@code _id}, or "no-id" (the partition key for records without one). */
    static String idOf(byte[] payload) {
        try {
            JsonNode n = JSON.readTree(payload);
            return n.hasNonNull("_id") ? n.get("_id").asText() : "no-id";
        } catch (IOException e) {
            return "not-json";
        }
    }

    /** The last sequence number put in each shard. */
    static Map<String, String> lastSequenceNumbers(List<Put> puts) {
        Map<String, String> out = new TreeMap<>();
        for (Put p : puts) {
            out.put(p.shardId(), p.sequenceNumber());
        }
        return out;
    }

    Map<String, String> checkpoints(String application) {
        return new TreeMap<>(LeaseTable.checkpoints(aws.dynamoDb(), application));
    }

    /** {@code GET /ingestion/_state} of a worker's management API. */
    JsonNode state(int port) {
        Http.Response r = http.get("http://127.0.0.1:" + port + "/ingestion/_state");
        assertEquals(200, r.status(), r.body());
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One shard's entry of a state. */
    static JsonNode shard(JsonNode state, String shardId) {
        for (JsonNode p : state.path("partitions")) {
            if (p.path("partition").asText().equals(shardId)) {
                return p;
            }
        }
        return JSON.missingNode();
    }

    /** A counter summed over every shard of a state. */
    static long total(JsonNode state, String counter) {
        long sum = 0;
        for (JsonNode p : state.path("partitions")) {
            sum += p.path("counters").path(counter).asLong();
        }
        return sum;
    }

    Http.Response call(int port, String method, String path, String body) {
        return http.send(method, "http://127.0.0.1:" + port + path, body);
    }

    /** Writes {@code config} as a worker JSON file with a comment line, as the config examples look. */
    static Path writeConfig(Path dir, String name, Map<String, String> config) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("comment", "written by a test");
        config.forEach(o::put);
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o), StandardCharsets.UTF_8);
        return file;
    }

    /** The worker run as its own JVM from the shaded jar, logging to target/worker-logs/{name}.log. */
    static LocalProcess startProcess(String name, Path configFile) {
        Path moduleDir = moduleDir();
        Path jar = moduleDir.resolve("target/inlet-kinesis-worker.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn package first");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = moduleDir.resolve("target/worker-logs/" + name + ".log");
        try {
            Files.deleteIfExists(log); // LocalProcess appends: an old run's lines would be read as this one's
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return LocalProcess.start("worker " + name, List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dinlet.log.level=DEBUG",
                        "-jar", jar.toString(), "--config", configFile.toAbsolutePath().toString()), moduleDir, Map.of(), log);
    }

    static Path moduleDir() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("connector-kinesis")) ? here.resolve("connector-kinesis") : here;
    }

    /** The port a worker process's management API listens on, from its log. */
    static int managementPort(LocalProcess p) {
        String marker = "Management API listening on http"; // http:// or https://
        Await.quietly("the management API of " + p.name(), Duration.ofSeconds(60), () -> p.tail(400).contains(marker));
        String tail = p.tail(400);
        String line = tail.substring(tail.lastIndexOf(marker) + marker.length());
        line = line.substring(line.indexOf("://") + 3);
        line = line.substring(line.indexOf(':') + 1);
        int end = 0;
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
            end++;
        }
        return Integer.parseInt(line.substring(0, end));
    }

    /**
     * What a failed wait on a worker process adds to its message: where a thread dump of the process was
     * written (beside its log), and the last lines of its log.
     */
    static Supplier<String> diagnostics(LocalProcess worker) {
        return () -> "threads of " + worker.name() + " in " + dumpThreads(worker) + "; last lines of " + worker.log() + ":\n"
                + worker.tail(40);
    }

    private static String dumpThreads(LocalProcess worker) {
        Path out = worker.log().resolveSibling(worker.log().getFileName() + ".threads-" + System.currentTimeMillis() + ".txt");
        try {
            Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
            new ProcessBuilder(jstack.toString(), Long.toString(worker.pid())).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start().waitFor();
            return out.toString();
        } catch (IOException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    @Override
    public void close() {
        aws.close();
    }
}
