package io.inlet.common.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.common.config.InletConfig;
import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.error.OpenSearchDeadLetterSink;
import io.inlet.common.ingest.Ingestion;
import io.inlet.common.ingest.IngestionFactory;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.StreamMessage;
import io.inlet.common.writer.BulkTransport;
import io.inlet.common.writer.MemoryPool;
import io.inlet.services.Http;
import io.inlet.services.OpenSearchNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.client.RestHighLevelClient;

/** For the ITs of target kinds: an ingestion built from settings as a runtime builds it, and what the index holds. */
final class Targets {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One document as stored: which index holds it, its id, version and source. */
    record Stored(String index, String id, long version, JsonNode source) {
    }

    private Targets() {
    }

    /** The settings for {@code node}, with {@code extra} (key, value, ...) added, DROP to {@code dlq}. */
    static InletConfig config(OpenSearchNode node, String dlq, String... extra) {
        Map<String, String> props = new HashMap<>();
        props.put("opensearch.hosts", node.url());
        props.put("error_strategy", "DROP");
        props.put("dlq.index", dlq);
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return new InletConfig(props);
    }

    /** The ingestion a runtime builds from {@code c}, checking its targets as a runtime does. */
    static Ingestion ingestion(RestHighLevelClient client, InletConfig c) {
        return IngestionFactory.ingestion("test", c, IngestionFactory.SourceRules.kinesis(),
                BulkTransport.openSearch(client.getLowLevelClient(), null),
                IngestionFactory.targetCheck(c, client.getLowLevelClient()), MemoryPool.of(64L << 20, 100_000),
                new ErrorPolicy(ErrorStrategy.DROP), new OpenSearchDeadLetterSink(client.getLowLevelClient(), c.dlqIndex()));
    }

    static StreamMessage message(long offset, long timestamp, String payload) {
        return new StreamMessage("events", "0", null, payload.getBytes(StandardCharsets.UTF_8), null, new KafkaOffset(offset),
                timestamp);
    }

    /** Everything {@code target} (an index, alias or data stream) holds, one entry per stored copy. */
    static List<Stored> read(OpenSearchNode node, String target) throws Exception {
        Http http = node.client();
        http.post(node.url() + "/" + target + "/_refresh", "");
        Http.Response r = http.post(node.url() + "/" + target + "/_search",
                "{\"size\":10000,\"version\":true,\"query\":{\"match_all\":{}}}");
        assertTrue(r.ok(), r.body());
        List<Stored> docs = new ArrayList<>();
        for (JsonNode h : JSON.readTree(r.body()).path("hits").path("hits")) {
            docs.add(new Stored(h.path("_index").asText(), h.path("_id").asText(), h.path("_version").asLong(), h.path("_source")));
        }
        return docs;
    }

    /** The dead letters' reason codes, by the message's pointer. */
    static Map<String, String> deadLetters(OpenSearchNode node, String dlq) throws Exception {
        Map<String, String> reasons = new HashMap<>();
        for (Stored s : read(node, dlq)) {
            reasons.put(s.source().path("pointer").asText(), s.source().path("reason").asText());
        }
        return reasons;
    }

    static boolean exists(OpenSearchNode node, String index) {
        return node.client().get(node.url() + "/" + index).ok();
    }
}
