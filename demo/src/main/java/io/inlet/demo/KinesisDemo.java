package io.inlet.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.services.Http;
import io.inlet.services.LocalProcess;
import io.inlet.services.NodeService;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.OpenSearchSpec;
import io.inlet.services.Ports;
import io.inlet.services.Workspace;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The Kinesis demo: OpenSearch, kinesis-local and dynalite as local processes, and Inlet's KCL worker
 * jar started with {@code config-examples/kinesis/polling-local.json} (endpoints replaced by the local ones).
 */
final class KinesisDemo extends Demo {

    static final String STREAM = "shop-changes";

    private final int managementPort;
    private OpenSearchNode openSearch;
    private NodeService kinesis;
    private NodeService dynamo;
    private LocalProcess worker;

    KinesisDemo(PrintStream out, int managementPort) {
        super(out);
        this.managementPort = managementPort;
    }

    @Override
    String mode() {
        return "kinesis";
    }

    private KinesisClient client() {
        return KinesisClient.builder().endpointOverride(URI.create(kinesis.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("demo", "demo"))).build();
    }

    @Override
    void start() throws Exception {
        Workspace ws = Workspace.detect();
        Ports.requireFree(managementPort, "the Kinesis worker's management API");
        Path jar = ws.root().resolve("connector-kinesis/target/inlet-kinesis-worker.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The Kinesis worker jar is not built (" + jar + "): run 'mvn -DskipTests package'");
        }
        CompletableFuture<OpenSearchNode> os = CompletableFuture.supplyAsync(() -> OpenSearchNode.start(OpenSearchSpec.v3()));
        kinesis = NodeService.kinesis();
        dynamo = NodeService.dynamo();
        try (KinesisClient k = client()) {
            k.createStream(b -> b.streamName(STREAM).shardCount(2));
            while (k.describeStreamSummary(b -> b.streamName(STREAM)).streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
                Thread.sleep(100);
            }
        }
        openSearch = os.join();
        Path example = ws.root().resolve("config-examples/kinesis/polling-local.json");
        ObjectNode config = (ObjectNode) JSON.readTree(Files.readString(example));
        config.put("opensearch.hosts", openSearch.url());
        config.put("stream", STREAM);
        config.put("index", INDEX);
        config.put("dlq.index", DLQ_INDEX);
        config.put("region", "us-east-1");
        config.put("kinesis.endpoint", kinesis.endpoint());
        config.put("dynamodb.endpoint", dynamo.endpoint());
        config.put("management.bind", "127.0.0.1");
        config.put("management.port", managementPort);
        Path file = ws.work().resolve("stack/kinesis-worker.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, config.toPrettyString());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString(), "--config", file.toString()));
        worker = LocalProcess.start("inlet kinesis worker", cmd, ws.work().toFile().toPath(),
                Map.of("AWS_ACCESS_KEY_ID", "demo", "AWS_SECRET_ACCESS_KEY", "demo", "AWS_REGION", "us-east-1"),
                ws.work().resolve("logs/kinesis-worker.log"));
        worker.awaitReady(() -> Http.plain().get(base() + "/health").ok(), Duration.ofSeconds(120));
        out.println("  OpenSearch " + openSearch.version() + " at " + openSearch.url() + ", kinesis-local at " + kinesis.endpoint()
                + ", dynalite at " + dynamo.endpoint());
        out.println("  started the KCL worker with " + ws.root().relativize(example) + " (endpoints replaced); log "
                + worker.log());
    }

    private String base() {
        return "http://127.0.0.1:" + managementPort;
    }

    @Override
    OpenSearchNode openSearch() {
        return openSearch;
    }

    @Override
    void produce(DemoStream stream) throws Exception {
        try (KinesisClient k = client()) {
            List<DemoStream.Message> all = stream.messages();
            for (int i = 0; i < all.size(); i += 500) {
                List<PutRecordsRequestEntry> batch = new ArrayList<>();
                for (DemoStream.Message m : all.subList(i, Math.min(all.size(), i + 500))) {
                    batch.add(PutRecordsRequestEntry.builder().partitionKey(m.key()).data(SdkBytes.fromByteArray(m.value())).build());
                }
                // records must stay in order per partition key: put failed ones again before moving on
                while (!batch.isEmpty()) {
                    List<PutRecordsRequestEntry> send = batch;
                    PutRecordsResponse r = k.putRecords(b -> b.streamName(STREAM).records(send));
                    List<PutRecordsRequestEntry> failed = new ArrayList<>();
                    for (int j = 0; j < r.records().size(); j++) {
                        PutRecordsResultEntry e = r.records().get(j);
                        if (e.errorCode() != null) {
                            failed.add(send.get(j));
                        } else {
                            produced(e.shardId(), new java.math.BigInteger(e.sequenceNumber()));
                        }
                    }
                    batch = failed;
                }
            }
        }
    }

    @Override
    JsonNode state() throws Exception {
        Http.Response r = Http.plain().get(base() + "/ingestion/_state");
        return r.ok() ? JSON.readTree(r.body()) : JSON.createObjectNode();
    }

    @Override
    Properties endpoints() {
        Properties p = new Properties();
        p.setProperty("opensearch", openSearch.url());
        p.setProperty("state", base() + "/ingestion/_state");
        p.setProperty("pause", base() + "/ingestion/_pause");
        p.setProperty("resume", base() + "/ingestion/_resume");
        p.setProperty("redrive", base() + "/ingestion/dead-letters/_redrive");
        p.setProperty("url.state", base() + "/ingestion/_state");
        p.setProperty("url.metrics", base() + "/metrics");
        p.setProperty("url.kinesis", kinesis.endpoint());
        p.setProperty("url.dynamodb", dynamo.endpoint());
        return p;
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.stop(Duration.ofSeconds(30));
        }
        for (AutoCloseable c : new AutoCloseable[] {kinesis, dynamo, openSearch}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // stopping: keep going
            }
        }
    }
}
