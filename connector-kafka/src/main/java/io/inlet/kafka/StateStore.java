package io.inlet.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.common.client.Indices;
import io.inlet.common.state.IngestionSnapshot;
import io.inlet.common.client.Indices;
import io.inlet.common.state.PartitionSnapshot;
import io.inlet.common.client.Indices;
import io.inlet.common.state.StateJson;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;

/**
 * Where Kafka tasks publish their ingestion state so that any worker can serve it: one document per
 * task in an OpenSearch index ({@code state.index}, default {@code inlet-state}), id
 * {@code <connector>-<task>}. A reader merges all tasks of a connector, keeping for each partition
 * the most recently published entry (after a rebalance a partition's new task wins).
 */
public final class StateStore {

    static final String MAPPING = "{\"mappings\":{\"properties\":{\"connector\":{\"type\":\"keyword\"},"
            + "\"task\":{\"type\":\"integer\"},\"updated\":{\"type\":\"date\",\"format\":\"epoch_millis\"},"
            + "\"state\":{\"type\":\"object\",\"enabled\":false}}}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient client;
    private final String index;
    private volatile boolean created;

    public StateStore(RestClient client, String index) {
        this.client = client;
        this.index = index;
    }

    void publish(String connector, int task, IngestionSnapshot snapshot) throws IOException {
        ensureIndex();
        ObjectNode doc = JSON.createObjectNode();
        doc.put("connector", connector);
        doc.put("task", task);
        doc.put("updated", System.currentTimeMillis());
        doc.set("state", StateJson.toTree(snapshot));
        Request r = new Request("PUT", "/" + index + "/_doc/" + URLEncoder.encode(connector + "-" + task, StandardCharsets.UTF_8));
        r.setEntity(new StringEntity(JSON.writeValueAsString(doc), ContentType.APPLICATION_JSON));
        client.performRequest(r);
    }

    void remove(String connector, int task) {
        try {
            client.performRequest(new Request("DELETE", "/" + index + "/_doc/"
                    + URLEncoder.encode(connector + "-" + task, StandardCharsets.UTF_8)));
        } catch (IOException ignored) {
            // a stale entry loses to the partition's newer owner anyway
        }
    }

    /** The connector's state: {@code {"connector":..,"partitions":[..]}} merged over its tasks, newest entry per partition. */
    public ObjectNode read(String connector) throws IOException {
        Request r = new Request("POST", "/" + index + "/_search");
        r.setJsonEntity("{\"size\":1000,\"query\":{\"term\":{\"connector\":\"" + connector.replace("\"", "\\\"") + "\"}}}");
        Map<String, JsonNode> partitions = new LinkedHashMap<>();
        Map<String, Long> updated = new LinkedHashMap<>();
        try {
            Response resp = client.performRequest(r);
            JsonNode hits = JSON.readTree(EntityUtils.toString(resp.getEntity())).path("hits").path("hits");
            for (JsonNode h : hits) {
                JsonNode src = h.path("_source");
                long at = src.path("updated").asLong();
                for (JsonNode p : src.path("state").path("partitions")) {
                    String key = p.path("stream").asText() + "-" + p.path("partition").asText();
                    if (!updated.containsKey(key) || updated.get(key) < at) {
                        ObjectNode copy = ((ObjectNode) p).deepCopy();
                        copy.put("task", src.path("task").asInt());
                        copy.put("updated", at);
                        partitions.put(key, copy);
                        updated.put(key, at);
                    }
                }
            }
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() != 404) {
                throw e;
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("connector", connector);
        ArrayNode arr = out.putArray("partitions");
        partitions.values().stream()
                .sorted(Comparator.comparing((JsonNode p) -> p.path("stream").asText())
                        .thenComparing(p -> p.path("partition").asText(), PartitionSnapshot::comparePartitions))
                .forEach(arr::add);
        return out;
    }

    private void ensureIndex() throws IOException {
        if (created) {
            return;
        }
        Indices.createIfMissing(client, index, MAPPING);
        created = true;
    }
}
