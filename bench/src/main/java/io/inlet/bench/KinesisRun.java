package io.inlet.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.services.Http;
import io.inlet.services.LocalProcess;
import io.inlet.services.NodeService;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.Ports;
import io.inlet.services.Workspace;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The Kinesis path on kinesis-local: per run a fresh stream (the emulator slows down as a stream grows) with
 * K envelopes, read first by a raw GetRecords loop (one thread per shard: the emulator's own read ceiling),
 * (a second pass, after a warm-up pass), then by Inlet's KCL worker jar (started as a process with {@code config-examples/kinesis/polling-local.json},
 * endpoints, stream, index and application replaced) into a fresh index. The worker's figure is taken from
 * its first document to its last (the KCL's start-up, with its random first lease sync, is reported apart).
 */
final class KinesisRun implements AutoCloseable {

    /** One run: the raw loop's and the worker's records/s, and the worker's seconds from process start to the first document. */
    record Result(int run, long records, int shards, double rawPerSecond, double workerPerSecond, double workerStartupSeconds,
                  double workerTotalSeconds) {
    }

    /** Records per GetRecords call, for the raw loop and the worker ({@code polling.max.records}) alike. */
    static final int MAX_RECORDS = 1000;

    private final OpenSearchNode openSearch;
    private final Indices indices;
    private final ProgressWatch watch;
    private final PrintStream out;
    private final Envelopes envelopes;
    private NodeService kinesis;
    private NodeService dynamo;

    KinesisRun(OpenSearchNode openSearch, Indices indices, ProgressWatch watch, Envelopes envelopes, PrintStream out) {
        this.openSearch = openSearch;
        this.indices = indices;
        this.watch = watch;
        this.envelopes = envelopes;
        this.out = out;
    }

    void startEmulators() {
        kinesis = NodeService.kinesis();
        dynamo = NodeService.dynamo();
    }

    private KinesisClient client() {
        return KinesisClient.builder().endpointOverride(URI.create(kinesis.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"))).build();
    }

    Result run(int run, long records, int shards) throws Exception {
        String stream = "bench-stream-" + run;
        String index = "bench-kinesis-" + run;
        try (KinesisClient k = client()) {
            k.createStream(b -> b.streamName(stream).shardCount(shards));
            while (k.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
                Thread.sleep(100);
            }
            put(k, stream, records);
            rawRead(k, stream, records); // warm-up pass: the emulator's first reads of a stream are slower
            double raw = rawRead(k, stream, records);
            out.printf(Locale.ROOT, "    kinesis run %d: raw GetRecords loop %,.0f records/s%n", run, raw);
            indices.delete(index);
            indices.create(index);
            Result r = worker(run, stream, index, records, shards, raw);
            indices.delete(index);
            k.deleteStream(b -> b.streamName(stream).enforceConsumerDeletion(true));
            return r;
        }
    }

    private void put(KinesisClient k, String stream, long records) {
        for (long i = 0; i < records; i += 500) {
            List<PutRecordsRequestEntry> batch = new ArrayList<>();
            for (long j = i; j < Math.min(records, i + 500); j++) {
                batch.add(PutRecordsRequestEntry.builder().partitionKey(Envelopes.id(j)).data(SdkBytes.fromByteArray(envelopes.envelope(j))).build());
            }
            while (!batch.isEmpty()) {
                List<PutRecordsRequestEntry> send = batch;
                PutRecordsResponse r = k.putRecords(b -> b.streamName(stream).records(send));
                List<PutRecordsRequestEntry> failed = new ArrayList<>();
                for (int j = 0; j < r.records().size(); j++) {
                    if (r.records().get(j).errorCode() != null) {
                        failed.add(send.get(j));
                    }
                }
                batch = failed;
            }
        }
    }

    /**
     * Reads every shard from TRIM_HORIZON with GetRecords ({@link #MAX_RECORDS} per call), one thread per shard;
     * records/s from the first record received to the last (the worker's figure also starts at its first record).
     */
    private double rawRead(KinesisClient k, String stream, long records) throws Exception {
        List<Shard> shardList = k.listShards(b -> b.streamName(stream)).shards();
        AtomicLong read = new AtomicLong();
        AtomicLong firstRecord = new AtomicLong(-1);
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (Shard s : shardList) {
            Thread t = new Thread(() -> {
                try {
                    String it = k.getShardIterator(b -> b.streamName(stream).shardId(s.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                    while (it != null && read.get() < records && System.nanoTime() < deadline) {
                        String current = it;
                        GetRecordsResponse r = k.getRecords(b -> b.shardIterator(current).limit(MAX_RECORDS));
                        if (!r.records().isEmpty()) {
                            firstRecord.compareAndSet(-1, System.nanoTime());
                        }
                        read.addAndGet(r.records().size());
                        it = r.nextShardIterator();
                        if (r.records().isEmpty() && r.millisBehindLatest() != null && r.millisBehindLatest() == 0) {
                            break; // this shard is read to its end
                        }
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "bench-getrecords-" + s.shardId());
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - firstRecord.get()) / 1e9;
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        if (read.get() != records) {
            throw new IllegalStateException("The GetRecords loop read " + read.get() + " records of " + records);
        }
        return records / seconds;
    }

    private Result worker(int run, String stream, String index, long records, int shards, double raw) throws Exception {
        Workspace ws = Workspace.detect();
        Path jar = ws.root().resolve("connector-kinesis/target/inlet-kinesis-worker.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The Kinesis worker jar is not built (" + jar + "): run bin/bench (it builds)");
        }
        Path example = ws.root().resolve("config-examples/kinesis/polling-local.json");
        ObjectNode config = (ObjectNode) Indices.JSON.readTree(Files.readString(example));
        int port = Ports.free();
        config.put("opensearch.hosts", openSearch.url());
        config.put("stream", stream);
        config.put("index", index);
        config.put("dlq.index", index + "-dlq");
        config.put("region", "us-east-1");
        config.put("kinesis.endpoint", kinesis.endpoint());
        config.put("dynamodb.endpoint", dynamo.endpoint());
        config.put("application.name", "bench-app-" + run);
        config.put("polling.max.records", MAX_RECORDS);
        config.put("management.bind", "127.0.0.1");
        config.put("management.port", port);
        Path file = ws.work().resolve("bench/kinesis-worker-" + run + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, config.toPrettyString());
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                jar.toString(), "--config", file.toString());
        long start = System.nanoTime();
        LocalProcess worker = LocalProcess.start("inlet kinesis worker (bench run " + run + ")", cmd, ws.work(),
                Map.of("AWS_ACCESS_KEY_ID", "bench", "AWS_SECRET_ACCESS_KEY", "bench", "AWS_REGION", "us-east-1"),
                ws.work().resolve("bench/kinesis-worker-" + run + ".log"));
        try {
            worker.awaitReady(() -> Http.plain().get("http://127.0.0.1:" + port + "/health").ok(), Duration.ofSeconds(120));
            ProgressWatch.Timing t = watch.await(index, records, 0, "kinesis worker run " + run);
            long count = indices.refreshAndCount(index);
            if (count != records) {
                throw new IllegalStateException("Kinesis: index " + index + " holds " + count + " documents, expected " + records);
            }
            double fromFirst = (t.doneNanos() - t.firstNanos()) / 1e9;
            Result r = new Result(run, records, shards, raw, records / fromFirst, (t.firstNanos() - start) / 1e9,
                    (t.doneNanos() - start) / 1e9);
            out.printf(Locale.ROOT, "    kinesis run %d: worker %,.0f records/s from its first document (start-up %.1f s)%n", run,
                    r.workerPerSecond(), r.workerStartupSeconds());
            return r;
        } finally {
            worker.stop(Duration.ofSeconds(30));
        }
    }

    @Override
    public void close() {
        for (NodeService s : new NodeService[] {kinesis, dynamo}) {
            if (s != null) {
                s.close();
            }
        }
    }
}
