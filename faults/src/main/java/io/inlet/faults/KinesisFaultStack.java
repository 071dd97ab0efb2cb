package io.inlet.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.kinesis.config.AwsSettings;
import io.inlet.kinesis.kcl.KinesisClients;
import io.inlet.kinesis.kcl.LeaseTable;
import io.inlet.services.LocalProcess;
import io.inlet.services.NodeService;
import io.inlet.services.Trees;
import io.inlet.services.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The Kinesis side of a fault run, every part a process of its own: the {@link OpenSearchSide} (OpenSearch 3.x
 * behind a {@link io.inlet.services.FaultProxy}, the only way the workers reach it), kinesis-local with a stream
 * of four shards, dynalite holding the lease table on disk (so it can be killed and started again), and two
 * workers of one application, each Inlet's worker jar in its own JVM, with {@code error_strategy=DROP} and a
 * dead-letter index.
 *
 * <p>The KCL timings are those of {@code config-examples/kinesis/polling-local.json} with a lease failover time of
 * 5 s: a dead or frozen worker's shards move within seconds, and a worker on a busy machine does not lose its
 * leases by missing one renewal. The leader's lock lasts 6 s ({@code kcl.leader.lease.ms}, renewed every 2 s; that
 * example has 10 s and the KCL's default is 120 s): only the leader hands out leases, so when the leader is killed
 * or frozen, expired leases and the children of a split or merge wait that long for a new leader. Retries of a failed bulk request
 * wait at most 3 s ({@code retry.backoff.max.ms}; the default is 30 s), so a worker finds OpenSearch back within
 * seconds of its restart rather than half a minute.
 *
 * <p>What is committed is what the lease table holds. A completed shard's lease says {@code SHARD_END} until the
 * KCL deletes it, once its children are being read; the stack remembers which shards ended, and which shards it
 * split or merged into which, so a deleted parent lease still counts as read to its end.
 */
final class KinesisFaultStack implements FaultStack {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WORKERS = 2;
    private static final int PUT_BATCH = 500;
    private static final String SHARD_END = "SHARD_END";

    private final OpenSearchSide side;
    private final NodeService kinesis;
    private final NodeService dynamo;
    private final Path dataDir;
    private final KinesisClients aws;
    private final String stream;
    private final String application;
    private final Path jar;
    private final Path logs;
    private final Path[] configs = new Path[WORKERS];
    private final LocalProcess[] workers = new LocalProcess[WORKERS];
    private final List<PutRecordsRequestEntry> batch = new ArrayList<>();
    private final List<Landing> batchLandings = new ArrayList<>();
    private final Set<String> ended = new HashSet<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private Consumer<Exception> batchFailed;

    private KinesisFaultStack(OpenSearchSide side, NodeService kinesis, NodeService dynamo, Path dataDir, String stream, Path jar) {
        this.side = side;
        this.kinesis = kinesis;
        this.dynamo = dynamo;
        this.dataDir = dataDir;
        this.stream = stream;
        this.application = stream + "-app";
        this.jar = jar;
        this.logs = Workspace.detect().work().resolve("logs");
        this.aws = KinesisClients.create(AwsSettings.forEmulators(URI.create(kinesis.endpoint()), URI.create(dynamo.endpoint())));
    }

    /** Starts everything, creates the stream and the index, and starts the workers. */
    static KinesisFaultStack start(int shards, String stream) {
        Workspace ws = Workspace.detect();
        Path jar = ws.root().resolve("connector-kinesis/target/inlet-kinesis-worker.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The Kinesis worker jar " + jar + " is missing: run 'mvn package' first");
        }
        Path dataDir = ws.work().resolve("faults-kinesis/" + stream);
        try {
            Trees.delete(dataDir);
            Files.createDirectories(dataDir.resolve("dynalite"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // OpenSearch takes longest to start: the emulators start and the stream is created meanwhile
        CompletableFuture<OpenSearchSide> openSearch = CompletableFuture.supplyAsync(() -> OpenSearchSide.start(stream));
        NodeService kinesis = null;
        NodeService dynamo = null;
        OpenSearchSide side;
        try {
            kinesis = NodeService.kinesis();
            dynamo = NodeService.dynamo(dataDir.resolve("dynalite"));
            side = openSearch.join();
        } catch (RuntimeException e) {
            for (NodeService started : new NodeService[] {kinesis, dynamo}) {
                if (started != null) {
                    started.close();
                }
            }
            openSearch.handle((up, failed) -> { // wait for OpenSearch to be up or down, and leave nothing running
                if (up != null) {
                    up.close();
                }
                return null;
            }).join();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException r ? r : e;
        }
        KinesisFaultStack stack = new KinesisFaultStack(side, kinesis, dynamo, dataDir, stream, jar);
        stack.createStream(shards);
        for (int w = 0; w < WORKERS; w++) {
            stack.configs[w] = stack.writeConfig(w);
            try {
                Files.deleteIfExists(stack.log(w)); // a log is appended to across restarts, not across runs
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stack.startWorker(w);
        }
        stack.awaitLeasesOwned(shards);
        return stack;
    }

    /** Waits until every shard's lease has an owner: the workers are up and reading, and the lease table exists. */
    private void awaitLeasesOwned(int shards) {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                if (LeaseTable.leases(aws.dynamoDb(), application).values().stream().filter(l -> l.owner() != null).count() >= shards) {
                    return;
                }
            } catch (RuntimeException e) {
                // no lease table yet: the workers are starting
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("The workers do not own the " + shards + " shards' leases 120 s after they started;"
                        + " see " + workerLogs());
            }
            sleep(250);
        }
    }

    private void createStream(int shards) {
        aws.kinesis().createStream(b -> b.streamName(stream).shardCount(shards)).join();
        awaitActive();
    }

    private void awaitActive() {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (aws.kinesis().describeStreamSummary(b -> b.streamName(stream)).join().streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("The stream " + stream + " is not ACTIVE after 60 s");
            }
            sleep(100);
        }
    }

    private Path writeConfig(int w) {
        ObjectNode c = JSON.createObjectNode();
        c.put("comment", "written by bin/faults kinesis");
        c.put("opensearch.hosts", side.workerUrl());
        c.put("index", side.index());
        c.put("error_strategy", "DROP");
        c.put("dlq.index", side.deadLetterIndex());
        c.put("stream", stream);
        c.put("region", "us-east-1");
        c.put("kinesis.endpoint", kinesis.endpoint());
        c.put("dynamodb.endpoint", dynamo.endpoint());
        c.put("aws.access.key.id", "faults");
        c.put("aws.secret.access.key", "faults");
        c.put("application.name", application);
        c.put("worker.id", "worker-" + w);
        c.put("pointer.init.reset", "earliest");
        c.put("polling.idle.ms", 250);
        c.put("polling.max.records", 1000);
        c.put("checkpoint.interval.ms", 1000);
        c.put("retry.backoff.max.ms", 3000);
        c.put("kcl.failover.time.ms", 5000);
        c.put("kcl.shard.sync.interval.ms", 1000);
        c.put("kcl.lease.assignment.interval.ms", 1000);
        c.put("kcl.parent.shard.poll.interval.ms", 1000);
        c.put("kcl.leader.lease.ms", 6000);
        c.put("kcl.leader.heartbeat.ms", 2000);
        c.put("management.bind", "127.0.0.1");
        c.put("management.port", 0);
        c.put("shutdown.timeout.ms", 20000);
        Path file = dataDir.resolve("worker-" + w + ".json");
        try {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private void startWorker(int w) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        workers[w] = LocalProcess.start("inlet kinesis worker " + w, List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-jar",
                jar.toString(), "--config", configs[w].toString()), dataDir, Map.of(), log(w));
    }

    private Path log(int w) {
        return logs.resolve(stream + "-worker-" + w + ".log");
    }

    @Override
    public String source() {
        return "kinesis";
    }

    @Override
    public String describe() {
        return "kinesis-local, dynalite and two KCL workers (Inlet's worker jar); the lease table's checkpoints";
    }

    @Override
    public List<FaultKind> kinds() {
        return List.of(FaultKind.WORKER_KILL, FaultKind.WORKER_ZOMBIE, FaultKind.OPENSEARCH_KILL, FaultKind.OPENSEARCH_FREEZE,
                FaultKind.NETWORK_CUT, FaultKind.NETWORK_SLOW, FaultKind.NETWORK_RESET, FaultKind.TOO_MANY_REQUESTS,
                FaultKind.FLOOD_STAGE_BLOCK, FaultKind.LEASE_STEAL, FaultKind.SHARD_SPLIT, FaultKind.SHARD_MERGE,
                FaultKind.LEASE_TABLE_RESTART);
    }

    @Override
    public OpenSearchSide openSearchSide() {
        return side;
    }

    /** Adds the message to the next PutRecords call (the id is the partition key); a full batch is put at once. */
    @Override
    public synchronized void send(StreamModel.Message m, Landing landed, Consumer<Exception> failed) {
        batch.add(PutRecordsRequestEntry.builder().partitionKey(m.id()).data(SdkBytes.fromByteArray(m.payload())).build());
        batchLandings.add(landed);
        batchFailed = failed;
        if (batch.size() >= PUT_BATCH) {
            putBatch();
        }
    }

    @Override
    public synchronized void flush() {
        putBatch();
    }

    /**
     * Puts the batch; entries Kinesis refuses are put again, in order, in the next call. Each landing is reported in
     * the order of the response, so per shard in sequence-number order.
     */
    private void putBatch() {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(batch);
        List<Landing> landings = new ArrayList<>(batchLandings);
        batch.clear();
        batchLandings.clear();
        int attempts = 0;
        while (!entries.isEmpty()) {
            List<PutRecordsRequestEntry> send = entries;
            PutRecordsResponse r;
            try {
                r = aws.kinesis().putRecords(b -> b.streamName(stream).records(send)).join();
            } catch (CompletionException e) {
                if (++attempts > 100) {
                    batchFailed.accept(e);
                    return;
                }
                sleep(200); // the stream updating after a split or merge: put again
                continue;
            }
            List<PutRecordsRequestEntry> again = new ArrayList<>();
            List<Landing> againLandings = new ArrayList<>();
            for (int i = 0; i < send.size(); i++) {
                PutRecordsResultEntry e = r.records().get(i);
                if (e.errorCode() != null) {
                    again.add(send.get(i));
                    againLandings.add(landings.get(i));
                } else {
                    landings.get(i).landed(e.shardId(), new BigInteger(e.sequenceNumber()));
                }
            }
            entries = again;
            landings = againLandings;
        }
    }

    /**
     * The lease table's checkpoints, with every shard known to be read to its end as {@code SHARD_END}: seen so
     * before, or split or merged by this run and with a child being read already (the KCL reads children only
     * after their parents' ends, and deletes a parent's lease once they are read).
     */
    @Override
    public Committed committed() {
        Map<String, String> checkpoints = new HashMap<>(LeaseTable.checkpoints(aws.dynamoDb(), application));
        synchronized (ended) {
            checkpoints.forEach((shard, c) -> {
                if (c.equals(SHARD_END)) {
                    ended.add(shard);
                }
            });
            boolean more = true;
            while (more) {
                more = false;
                for (Map.Entry<String, List<String>> e : children.entrySet()) {
                    if (!ended.contains(e.getKey()) && e.getValue().stream().anyMatch(child -> started(checkpoints.get(child)))) {
                        ended.add(e.getKey());
                        more = true;
                    }
                }
            }
            ended.forEach(shard -> checkpoints.put(shard, SHARD_END));
        }
        return Committed.checkpoints(checkpoints);
    }

    private static boolean started(String checkpoint) {
        return checkpoint != null && (checkpoint.equals(SHARD_END) || Character.isDigit(checkpoint.charAt(0)));
    }

    // --- the faults -------------------------------------------------------------------------------------------

    @Override
    public int workers() {
        return WORKERS;
    }

    @Override
    public void killWorker(int w, Duration down) throws InterruptedException {
        workers[w].kill();
        Thread.sleep(down.toMillis());
        startWorker(w);
    }

    @Override
    public void freezeWorker(int w) {
        workers[w].freeze();
    }

    @Override
    public void thawWorker(int w) {
        workers[w].thaw();
    }

    @Override
    public Duration zombieAfter() {
        return Duration.ofSeconds(8); // past the 5 s lease failover time and the leader's next assignment round
    }

    @Override
    public String injectOwn(FaultKind kind, Random random, Duration hold) throws InterruptedException {
        return switch (kind) {
            case LEASE_STEAL -> stealLease(random);
            case SHARD_SPLIT -> split(random);
            case SHARD_MERGE -> merge(random);
            case LEASE_TABLE_RESTART -> {
                Duration down = Duration.ofMillis(1_000 + random.nextInt(2_000));
                dynamo.restart(down);
                yield "dynalite killed, down " + down.toMillis() + " ms";
            }
            default -> throw new IllegalArgumentException(kind + " is not a Kinesis fault");
        };
    }

    /**
     * Takes a lease being read for an owner that is no worker, the way another worker takes one: a new owner and the
     * lease counter moved on. The worker reading the shard finds out at its next renewal or checkpoint.
     */
    private String stealLease(Random random) {
        List<LeaseTable.Lease> owned = LeaseTable.leases(aws.dynamoDb(), application).values().stream()
                .filter(l -> l.owner() != null && !l.owner().equals("faults-thief") && !l.checkpoint().equals(SHARD_END))
                .sorted(Comparator.comparing(LeaseTable.Lease::leaseKey)).toList();
        if (owned.isEmpty()) {
            return "no lease owned to steal";
        }
        LeaseTable.Lease l = owned.get(random.nextInt(owned.size()));
        aws.dynamoDb().updateItem(b -> b.tableName(application)
                .key(Map.of(LeaseTable.LEASE_KEY, AttributeValue.fromS(l.leaseKey())))
                .updateExpression("SET " + LeaseTable.LEASE_OWNER + " = :thief ADD " + LeaseTable.LEASE_COUNTER + " :one")
                .expressionAttributeValues(Map.of(":thief", AttributeValue.fromS("faults-thief"), ":one", AttributeValue.fromN("1"))))
                .join();
        return l.leaseKey() + " taken from " + l.owner();
    }

    private List<Shard> openShards() {
        return aws.kinesis().listShards(b -> b.streamName(stream)).join().shards().stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                .sorted(Comparator.comparing(s -> new BigInteger(s.hashKeyRange().startingHashKey()))).toList();
    }

    private String split(Random random) {
        List<Shard> open = openShards();
        Shard s = open.get(random.nextInt(open.size()));
        BigInteger from = new BigInteger(s.hashKeyRange().startingHashKey());
        BigInteger to = new BigInteger(s.hashKeyRange().endingHashKey());
        String middle = from.add(to).shiftRight(1).add(BigInteger.ONE).toString();
        aws.kinesis().splitShard(b -> b.streamName(stream).shardToSplit(s.shardId()).newStartingHashKey(middle)).join();
        awaitActive();
        List<String> made = recordChildren();
        return s.shardId() + " split into " + String.join(" and ", children.getOrDefault(s.shardId(), made));
    }

    private String merge(Random random) {
        List<Shard> open = openShards();
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < open.size(); i++) {
            BigInteger end = new BigInteger(open.get(i).hashKeyRange().endingHashKey());
            if (end.add(BigInteger.ONE).equals(new BigInteger(open.get(i + 1).hashKeyRange().startingHashKey()))) {
                pairs.add(new int[] {i, i + 1});
            }
        }
        if (pairs.isEmpty()) {
            return "no adjacent open shards to merge";
        }
        int[] p = pairs.get(random.nextInt(pairs.size()));
        Shard a = open.get(p[0]);
        Shard b = open.get(p[1]);
        aws.kinesis().mergeShards(r -> r.streamName(stream).shardToMerge(a.shardId()).adjacentShardToMerge(b.shardId())).join();
        awaitActive();
        recordChildren();
        return a.shardId() + " and " + b.shardId() + " merged into " + String.join(", ", children.getOrDefault(a.shardId(), List.of()));
    }

    /** Every parent of the stream with its children, as ListShards tells them; returns the shards new to it. */
    private List<String> recordChildren() {
        List<String> made = new ArrayList<>();
        synchronized (ended) {
            for (Shard s : aws.kinesis().listShards(b -> b.streamName(stream)).join().shards()) {
                for (String parent : new String[] {s.parentShardId(), s.adjacentParentShardId()}) {
                    if (parent != null) {
                        List<String> kids = children.computeIfAbsent(parent, k -> new ArrayList<>());
                        if (!kids.contains(s.shardId())) {
                            kids.add(s.shardId());
                            made.add(s.shardId());
                        }
                    }
                }
            }
        }
        return made;
    }

    @Override
    public List<Path> workerLogs() {
        List<Path> logs = new ArrayList<>();
        for (LocalProcess w : workers) {
            if (w != null) {
                logs.add(w.log());
            }
        }
        return logs;
    }

    /** Kills the workers, deletes the stream and the indices, stops every process and deletes their data. */
    @Override
    public void close() {
        for (LocalProcess w : workers) {
            if (w != null && w.isAlive()) {
                w.kill(); // the run is over and its lease table goes: nothing to shut down gracefully for
            }
        }
        try {
            aws.kinesis().deleteStream(b -> b.streamName(stream).enforceConsumerDeletion(true)).join();
        } catch (RuntimeException ignored) {
            // kinesis-local keeps streams in memory: stopping it below removes it anyway
        }
        aws.close();
        kinesis.close();
        dynamo.close();
        side.close();
        try {
            Trees.delete(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Couldn't delete the run's data under " + dataDir, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
