package io.inlet.common.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.client.OpenSearchClients;
import io.inlet.common.client.OpenSearchConnection;
import io.inlet.common.error.DeadLetterSink;
import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.ingest.Ingestion;
import io.inlet.common.mapper.DefaultMapper;
import io.inlet.common.ingest.Translator;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.StreamMessage;
import io.inlet.common.retry.Backoff;
import io.inlet.common.retry.RetryPolicy;
import io.inlet.common.writer.WriterOptions;
import io.inlet.services.Http;
import io.inlet.services.OpenSearchNode;
import java.time.Duration;
import java.util.List;
import org.opensearch.client.RestHighLevelClient;

/** Builds ingestion pipelines against a fixture node and feeds them, for the integration tests. */
public final class Pipelines {

    private Pipelines() {
    }

    /**
     * OpenSearch 3.x and 2.x, started together: the nodes a test runs against with
     * {@code @MethodSource("io.inlet.common.it.Pipelines#bothVersions")}.
     */
    public static java.util.stream.Stream<OpenSearchNode> bothVersions() {
        io.inlet.services.Services.warmUp(io.inlet.services.Services.Kind.OPENSEARCH_3,
                io.inlet.services.Services.Kind.OPENSEARCH_2);
        return java.util.stream.Stream.of(io.inlet.services.Services.openSearch3(), io.inlet.services.Services.openSearch2());
    }

    public static RestHighLevelClient client(OpenSearchNode node) {
        OpenSearchConnection c = OpenSearchConnection.of(node.url());
        if (node.secure()) {
            c = c.withBasicAuth(node.adminUser(), node.adminPassword()).withCaPem(node.rootCa(), true);
        }
        return OpenSearchClients.create(c);
    }

    public static Ingestion ingestion(RestHighLevelClient client, String index, WriterOptions options,
                                      ErrorPolicy policy, DeadLetterSink dlq) {
        return new Ingestion("test", client.getLowLevelClient(), options, Translator.toIndex(new DefaultMapper(), index),
                policy, dlq, new Backoff(new RetryPolicy(20, 1_000, RetryPolicy.UNLIMITED)));
    }

    public static Ingestion ingestion(RestHighLevelClient client, String index) {
        return ingestion(client, index, WriterOptions.defaults().withMaxBatchSize(500), new ErrorPolicy(ErrorStrategy.DROP), null);
    }

    /** Feeds payloads [from, to) of the list as partition {@code partition} of topic {@code stream}, offsets = list positions. */
    public static void feed(Ingestion ingestion, String stream, String partition, List<byte[]> payloads, int from, int to)
            throws InterruptedException {
        for (int i = from; i < to; i++) {
            ingestion.accept(StreamMessage.of(stream, partition, new KafkaOffset(i), payloads.get(i)));
        }
    }

    public static void awaitIdle(Ingestion ingestion, Duration timeout) throws InterruptedException {
        assertTrue(ingestion.writer().awaitIdle(timeout), "writer still busy after " + timeout
                + ": " + ingestion.writer().bufferedMessages() + " messages buffered");
    }

    /** Creates an index with a long {@code gc_deletes}, so delete tombstones outlive the test's replays. */
    public static void createIndex(OpenSearchNode node, String index, String mappings) {
        String body = "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0,\"index.gc_deletes\":\"1h\"}"
                + (mappings == null ? "" : ",\"mappings\":" + mappings) + "}";
        Http.Response r = node.client().put(node.url() + "/" + index, body);
        assertTrue(r.ok(), r.body());
    }
}
