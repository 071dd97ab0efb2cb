package io.inlet.common.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inlet.common.ingest.Ingestion;
import io.inlet.common.state.CountersSnapshot;
import io.inlet.services.OpenSearchNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensearch.client.RestHighLevelClient;

/** Partial updates ({@code _op_type: update}) are version-guarded: a stale one changes nothing, a replay neither. */
class GuardedUpdateIT {

    private static List<byte[]> messages(String... json) {
        return java.util.Arrays.stream(json).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @ParameterizedTest(name = "OpenSearch {0}", autoCloseArguments = false) // the nodes are shared by the whole run
    @MethodSource("io.inlet.common.it.Pipelines#bothVersions")
    void staleAndReplayedUpdatesAreNoOps(OpenSearchNode node) throws Exception {
        String index = "updates-" + node.version().replace('.', '-');
        Pipelines.createIndex(node, index, null);
        List<byte[]> payloads = messages(
                "{\"_id\":\"o1\",\"_version\":5,\"_source\":{\"status\":\"new\",\"total\":10,\"seq\":0}}",
                "{\"_id\":\"o1\",\"_version\":3,\"_op_type\":\"update\",\"_source\":{\"status\":\"stale\"}}",
                "{\"_id\":\"o1\",\"_version\":7,\"_op_type\":\"update\",\"_source\":{\"status\":\"paid\",\"seq\":2}}",
                "{\"_id\":\"o1\",\"_version\":6,\"_op_type\":\"update\",\"_source\":{\"status\":\"older\"}}",
                "{\"_id\":\"o2\",\"_version\":4,\"_op_type\":\"update\",\"_source\":{\"status\":\"upserted\",\"seq\":4}}");
        try (RestHighLevelClient client = Pipelines.client(node); Ingestion ingestion = Pipelines.ingestion(client, index)) {
            Pipelines.feed(ingestion, "orders", "0", payloads, 0, payloads.size());
            Pipelines.awaitIdle(ingestion, Duration.ofMinutes(1));
            Map<String, IndexReader.Doc> docs = IndexReader.readAll(node, index);
            assertEquals("paid", docs.get("o1").source().path("status").asText());
            assertEquals(10, docs.get("o1").source().path("total").asInt(), "a partial update keeps the other fields");
            assertEquals(7, docs.get("o1").source().path("_inlet_version").asInt());
            assertEquals("upserted", docs.get("o2").source().path("status").asText(), "an update of a missing document creates it");
            CountersSnapshot c = ingestion.state().snapshot().totals();
            assertEquals(2, c.versionConflicts(), "the two older updates were absorbed as stale");

            ingestion.reset("orders", "0");
            Pipelines.feed(ingestion, "orders", "0", payloads, 0, payloads.size());
            Pipelines.awaitIdle(ingestion, Duration.ofMinutes(1));
            Map<String, IndexReader.Doc> replayed = IndexReader.readAll(node, index);
            assertEquals(docs.get("o1").source(), replayed.get("o1").source(), "a replay changes nothing");
            assertEquals(docs.get("o2").source(), replayed.get("o2").source(), "a replay changes nothing");
            assertEquals(docs.get("o1").version(), replayed.get("o1").version(), "a replay writes nothing");
        }
    }
}
