package io.inlet.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.kinesis.config.AwsSettings;
import io.inlet.kinesis.config.KclTimings;
import io.inlet.kinesis.kcl.ConsumerSettings;
import io.inlet.kinesis.kcl.InitialPosition;
import io.inlet.kinesis.kcl.KinesisClients;
import io.inlet.kinesis.kcl.LeaseTable;
import io.inlet.kinesis.kcl.SchedulerRunner;
import io.inlet.services.Await;
import io.inlet.services.NodeService;
import io.inlet.services.Services;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The KCL 3.5 scheduler, as Inlet builds it, against the real kinesis-local and dynalite: every record
 * arrives once and in order per shard, checkpoints land in the lease table, a restart resumes after
 * them, LATEST skips what was put before the start, and enhanced fan-out works over kinesis-local's TLS
 * port (which refuses clients that check its self-signed certificate).
 */
class KclEmulatorIT {

    private static final Logger log = LoggerFactory.getLogger(KclEmulatorIT.class);
    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static NodeService kinesis;
    private static NodeService dynamo;
    private static KinesisClients plain;

    /** One record as put: the shard Kinesis chose, its sequence number and its data. */
    record Put(String shardId, String sequenceNumber, String data) {
    }

    @BeforeAll
    static void services() {
        Services.warmUp(Services.Kind.KINESIS, Services.Kind.DYNAMODB);
        kinesis = Services.kinesis();
        dynamo = Services.dynamo();
        plain = KinesisClients.create(AwsSettings.forEmulators(URI.create(kinesis.endpoint()), URI.create(dynamo.endpoint())));
    }

    @AfterAll
    static void closeClients() {
        if (plain != null) {
            plain.close();
        }
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                .forEach(t -> log.info("Non-daemon thread still alive after the tests: {}", t.getName()));
    }

    @Test
    void pollingDeliversEveryRecordInOrderAndCheckpointsTheLastOfEachShard() throws Exception {
        String stream = unique("poll");
        createStream(plain.kinesis(), stream, 2);
        List<Put> puts = put(plain.kinesis(), stream, "a", 200);

        ConsumerSettings settings = fast(stream, unique("app-poll"), "worker-1");
        RecordCollector collector = new RecordCollector();
        long start = System.nanoTime();
        SchedulerRunner runner = SchedulerRunner.start(plain, settings, collector);
        try {
            Await.until("200 records", RECEIVE_TIMEOUT, () -> collector.total() >= puts.size());
            long allAt = System.nanoTime();
            report("polling, new application", start, collector.firstRecordNanos(), allAt);
            Thread.sleep(300); // a late duplicate would show up here
            assertEquals(byShard(puts), received(collector));
        } finally {
            long stopStart = System.nanoTime();
            assertTrue(runner.stop(STOP_TIMEOUT), "graceful shutdown completed");
            report("polling, graceful shutdown", stopStart);
        }
        assertEquals(List.of(), collector.checkpointFailures());
        assertEquals(lastSequenceNumbers(puts), LeaseTable.checkpoints(plain.dynamoDb(), settings.applicationName()));

        String app = settings.applicationName();
        plain.dynamoDb().scan(b -> b.tableName(app)).join().items().forEach(item -> log.info("Lease table item: {}", item));
        List<String> tables = plain.dynamoDb().listTables().join().tableNames().stream().filter(t -> t.startsWith(app)).toList();
        assertEquals(List.of(app), tables,
                "KCL 3.5 keeps coordinator state and worker metrics in the lease table: no -CoordinatorState or -WorkerMetricStats table");
    }

    @Test
    void restartWithSameWorkerResumesAfterTheCheckpoint() throws Exception {
        String stream = unique("restart");
        createStream(plain.kinesis(), stream, 2);
        List<Put> before = put(plain.kinesis(), stream, "before", 60);
        ConsumerSettings settings = fast(stream, unique("app-restart"), "worker-1");

        RecordCollector first = new RecordCollector();
        try (SchedulerRunner runner = SchedulerRunner.start(plain, settings, first)) {
            Await.until("the first 60 records", RECEIVE_TIMEOUT, () -> first.total() >= before.size());
            assertTrue(runner.stop(STOP_TIMEOUT), "graceful shutdown completed");
        }
        Map<String, String> checkpoints = LeaseTable.checkpoints(plain.dynamoDb(), settings.applicationName());
        assertEquals(lastSequenceNumbers(before), checkpoints);

        RecordCollector second = new RecordCollector();
        long start = System.nanoTime();
        try (SchedulerRunner runner = SchedulerRunner.start(plain, settings, second)) {
            Await.until("both shards initialized", RECEIVE_TIMEOUT, () -> second.initializedAt().size() == 2);
            long initializedAt = System.nanoTime();
            assertEquals(checkpoints, second.initializedAt(), "each shard resumes at its checkpoint");
            Thread.sleep(1_000); // polls at least 4 times per shard: nothing already checkpointed may come back
            assertEquals(0, second.total(), "records delivered again after the restart");

            List<Put> after = put(plain.kinesis(), stream, "after", 40);
            long putAt = System.nanoTime();
            Await.until("the 40 new records", RECEIVE_TIMEOUT, () -> second.total() >= after.size());
            report("polling, restart: start -> all shards initialized", start, initializedAt);
            report("polling, restart: put -> all new records", putAt, second.lastRecordNanos());
            Thread.sleep(300);
            assertEquals(byShard(after), received(second));
            assertTrue(runner.stop(STOP_TIMEOUT), "graceful shutdown completed");
            assertEquals(lastSequenceNumbers(after), LeaseTable.checkpoints(plain.dynamoDb(), settings.applicationName()));
        }
    }

    @Test
    void enhancedFanOutOverTheTlsPort() throws Exception {
        AwsSettings tls = AwsSettings.forEmulators(URI.create(kinesis.tlsEndpoint()), URI.create(dynamo.endpoint()));
        try (KinesisClients clients = KinesisClients.create(tls)) {
            String stream = unique("efo");
            createStream(clients.kinesis(), stream, 2);
            List<Put> puts = put(clients.kinesis(), stream, "efo", 100);
            ConsumerSettings settings = fast(stream, unique("app-efo"), "worker-1").withFanOut(null);
            RecordCollector collector = new RecordCollector();
            long start = System.nanoTime();
            try (SchedulerRunner runner = SchedulerRunner.start(clients, settings, collector)) {
                Await.until("100 records over fan-out", RECEIVE_TIMEOUT, () -> collector.total() >= puts.size());
                report("fan-out, new application", start, collector.firstRecordNanos(), System.nanoTime());
                Thread.sleep(300);
                assertEquals(byShard(puts), received(collector));
                long stopStart = System.nanoTime();
                assertTrue(runner.stop(STOP_TIMEOUT), "graceful shutdown completed");
                report("fan-out, graceful shutdown", stopStart);
            }
            assertEquals(List.of(), collector.checkpointFailures());
            assertEquals(lastSequenceNumbers(puts), LeaseTable.checkpoints(clients.dynamoDb(), settings.applicationName()));
            String consumers = clients.kinesis().listStreamConsumers(b -> b.streamARN(streamArn(clients.kinesis(), stream)))
                    .join().consumers().stream().map(c -> c.consumerName()).collect(Collectors.joining(","));
            assertEquals(settings.applicationName(), consumers, "the KCL registered one consumer named after the application");
        }
    }

    @Test
    void latestSkipsRecordsPutBeforeTheShardsWereInitialized() throws Exception {
        String stream = unique("latest");
        createStream(plain.kinesis(), stream, 2);
        put(plain.kinesis(), stream, "old", 20);
        ConsumerSettings settings = fast(stream, unique("app-latest"), "worker-1").withInitialPosition(InitialPosition.LATEST);
        RecordCollector collector = new RecordCollector();
        long start = System.nanoTime();
        try (SchedulerRunner runner = SchedulerRunner.start(plain, settings, collector)) {
            // LATEST means "after the shard iterator is first taken": records put before initialize() are skipped
            Await.until("both shards initialized", RECEIVE_TIMEOUT, () -> collector.initializedAt().size() == 2);
            report("LATEST, new application: start -> all shards initialized", start, System.nanoTime());
            assertEquals(Map.of("shardId-000000000000", "LATEST", "shardId-000000000001", "LATEST"), collector.initializedAt());
            Thread.sleep(500); // let the first GetRecords of each shard take its LATEST iterator
            List<Put> fresh = put(plain.kinesis(), stream, "new", 30);
            Await.until("the 30 new records", RECEIVE_TIMEOUT, () -> collector.total() >= fresh.size());
            Thread.sleep(300);
            assertEquals(byShard(fresh), received(collector));
            assertTrue(runner.stop(STOP_TIMEOUT), "graceful shutdown completed");
        }
    }

    @Test
    void tlsPortIsRefusedWithoutTrustAllCertificates() {
        AwsSettings strict = AwsSettings.forEmulators(URI.create(kinesis.tlsEndpoint()), URI.create(dynamo.endpoint()))
                .withTrustAllCertificates(false);
        try (KinesisClients clients = KinesisClients.create(strict)) {
            // Over HTTP/2 the handshake failure (PKIX path building failed) is only logged by Netty; the request
            // itself waits for a connection until it times out. A short call timeout keeps this test quick.
            CompletionException e = assertThrows(CompletionException.class, () -> clients.kinesis()
                    .listStreams(b -> b.overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(3)))).join());
            assertTrue(causes(e).anyMatch(c -> c instanceof SSLException || c instanceof ApiCallTimeoutException),
                    "an SSL failure or a timeout waiting for a connection, got " + e);
        }
    }

    private static Stream<Throwable> causes(Throwable t) {
        return Stream.iterate(t, Objects::nonNull, Throwable::getCause);
    }

    private static ConsumerSettings fast(String stream, String app, String worker) {
        return ConsumerSettings.of(stream, app, worker)
                .withTimings(KclTimings.fast())
                .withPolling(200, 1_000);
    }

    private static String unique(String prefix) {
        return "it-" + prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    static void createStream(KinesisAsyncClient client, String name, int shards) throws InterruptedException {
        client.createStream(b -> b.streamName(name).shardCount(shards)).join();
        Await.until("stream " + name + " ACTIVE", Duration.ofSeconds(30), () -> client
                .describeStreamSummary(b -> b.streamName(name)).join().streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
    }

    private static String streamArn(KinesisAsyncClient client, String name) {
        return client.describeStreamSummary(b -> b.streamName(name)).join().streamDescriptionSummary().streamARN();
    }

    /** Puts {@code n} JSON records in batches of 50, in order; returns where each one landed. */
    static List<Put> put(KinesisAsyncClient client, String stream, String prefix, int n) {
        List<Put> out = new ArrayList<>(n);
        for (int from = 0; from < n; from += 50) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 50); i++) {
                String data = "{\"id\":\"" + prefix + "-" + i + "\"}";
                entries.add(PutRecordsRequestEntry.builder().partitionKey(prefix + "-" + i)
                        .data(SdkBytes.fromString(data, StandardCharsets.UTF_8)).build());
            }
            PutRecordsResponse r = client.putRecords(b -> b.streamName(stream).records(entries)).join();
            assertEquals(0, r.failedRecordCount(), "failed puts");
            for (int i = 0; i < entries.size(); i++) {
                PutRecordsResultEntry e = r.records().get(i);
                out.add(new Put(e.shardId(), e.sequenceNumber(), entries.get(i).data().asUtf8String()));
            }
        }
        return out;
    }

    private static Map<String, List<RecordCollector.Received>> byShard(List<Put> puts) {
        Map<String, List<RecordCollector.Received>> out = new TreeMap<>();
        for (Put p : puts) {
            out.computeIfAbsent(p.shardId(), k -> new ArrayList<>()).add(new RecordCollector.Received(p.sequenceNumber(), p.data()));
        }
        return out;
    }

    /** What the collector got, without shards that got nothing (as {@link #byShard} has none). */
    private static Map<String, List<RecordCollector.Received>> received(RecordCollector c) {
        Map<String, List<RecordCollector.Received>> out = new TreeMap<>();
        c.byShard().forEach((shard, records) -> {
            if (!records.isEmpty()) {
                out.put(shard, records);
            }
        });
        return out;
    }

    private static Map<String, String> lastSequenceNumbers(List<Put> puts) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Put p : puts) {
            out.put(p.shardId(), p.sequenceNumber());
        }
        return new TreeMap<>(out);
    }

    private static void report(String phase, long start, long... marks) {
        StringBuilder sb = new StringBuilder("TIMING ").append(phase).append(':');
        if (marks.length == 0) {
            sb.append(' ').append(millis(start, System.nanoTime())).append(" ms");
        } else if (marks.length == 1) {
            sb.append(' ').append(millis(start, marks[0])).append(" ms");
        } else {
            sb.append(" start -> first record ").append(millis(start, marks[0])).append(" ms, start -> all records ")
                    .append(millis(start, marks[1])).append(" ms");
        }
        log.info("{}", sb);
        System.out.println(sb);
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
