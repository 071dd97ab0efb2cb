package io.inlet.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.opensearch.client.Request;
import org.opensearch.client.RestClient;

/** An index fed by OpenSearch's pull-based ingestion, as the migration reads and pauses it. */
final class NativeIndex {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient client;
    private final String name;

    NativeIndex(RestClient client, String name) {
        this.client = client;
        this.name = name;
    }

    String name() {
        return name;
    }

    /** The settings set on the index, by their flat names ({@code index.ingestion_source.type}, ...). */
    Map<String, String> settings() throws IOException {
        JsonNode reply = call("GET", "/" + name + "/_settings?flat_settings=true", null);
        JsonNode s = reply.path(name).path("settings");
        if (s.isMissingNode()) {
            Iterator<JsonNode> it = reply.elements(); // an alias: the one index behind it
            s = it.hasNext() ? it.next().path("settings") : s;
        }
        Map<String, String> out = new TreeMap<>();
        s.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
                : e.getValue().toString()));
        return out;
    }

    /** The index's mappings, as {@code PUT /<index>} takes them. */
    JsonNode mappings() throws IOException {
        JsonNode reply = call("GET", "/" + name + "/_mapping", null);
        return reply.elements().next().path("mappings");
    }

    /** Pauses the native ingestion of every shard. */
    void pause() throws IOException {
        JsonNode r = call("POST", "/" + name + "/ingestion/_pause", null);
        if (!r.path("acknowledged").asBoolean()) {
            throw new IOException("OpenSearch did not acknowledge the pause of " + name + ": " + r);
        }
    }

    /** Every shard's ingestion state. */
    List<ShardPointer> state() throws IOException {
        JsonNode reply = call("GET", "/" + name + "/ingestion/_state?size=1000", null);
        List<ShardPointer> out = new ArrayList<>();
        for (JsonNode s : reply.path("ingestion_state").path(name)) {
            JsonNode p = s.path("batch_start_pointer");
            out.add(new ShardPointer(s.path("shard").asInt(), p.isNull() || p.isMissingNode() || p.asText().isEmpty()
                    ? null : p.asText(), s.path("poller_paused").asBoolean(), s.path("poller_state").asText()));
        }
        out.sort((a, b) -> Integer.compare(a.shard(), b.shard()));
        return out;
    }

    /** Waits until every shard's poller is paused; returns their states then. */
    List<ShardPointer> awaitPaused(long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        List<ShardPointer> shards = state();
        while (shards.isEmpty() || !shards.stream().allMatch(s -> s.paused() && "PAUSED".equals(s.state()))) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("the native ingestion of " + name + " did not pause within " + timeoutMillis
                        + " ms: " + shards);
            }
            Thread.sleep(200);
            shards = state();
        }
        return shards;
    }

    JsonNode call(String method, String path, ObjectNode body) throws IOException {
        Request r = new Request(method, path);
        if (body != null) {
            r.setEntity(new StringEntity(JSON.writeValueAsString(body), ContentType.APPLICATION_JSON));
        }
        return JSON.readTree(client.performRequest(r).getEntity().getContent());
    }
}
