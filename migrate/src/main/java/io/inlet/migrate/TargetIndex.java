package io.inlet.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opensearch.client.Request;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;

/**
 * The regular index Inlet takes over into: created with the native index's mappings and the index settings that
 * shape its data (shards, replicas, analysis, mapping limits, sort, codec, refresh, gc_deletes), then filled with the
 * native index's documents by {@code _reindex} with external versions, so each keeps its {@code _version}.
 */
final class TargetIndex {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COPIED = List.of("index.number_of_shards", "index.number_of_replicas",
            "index.refresh_interval", "index.gc_deletes", "index.max_result_window", "index.codec");
    private static final List<String> COPIED_PREFIXES = List.of("index.analysis.", "index.mapping.", "index.similarity.",
            "index.sort.");
    /** Settings OpenSearch sets on every index itself. */
    private static final Set<String> OWN = Set.of("index.uuid", "index.version.created", "index.version.upgraded",
            "index.creation_date", "index.provided_name", "index.history.uuid");

    private TargetIndex() {
    }

    /** The settings of the native index the target gets. */
    static ObjectNode settings(Map<String, String> nativeSettings) {
        ObjectNode s = JSON.createObjectNode();
        nativeSettings.forEach((k, v) -> {
            if (COPIED.contains(k) || COPIED_PREFIXES.stream().anyMatch(k::startsWith)) {
                s.put(k, v);
            }
        });
        return s;
    }

    /** The native index's settings the target does not get (beyond the ingestion source), and why. */
    static void notCopied(Map<String, String> nativeSettings, List<NotCarried> into) {
        nativeSettings.forEach((k, v) -> {
            boolean copied = COPIED.contains(k) || COPIED_PREFIXES.stream().anyMatch(k::startsWith);
            if (copied || OWN.contains(k) || k.startsWith(NativeSource.PREFIX)) {
                return;
            }
            into.add(new NotCarried(k, v, k.equals("index.replication.type")
                    ? "pull-based ingestion needs segment replication; an index Inlet writes to takes either"
                    : "not copied to the new index: set it there if you need it"));
        });
    }

    static boolean exists(RestClient client, String index) throws IOException {
        try {
            return client.performRequest(new Request("HEAD", "/" + index)).getStatusLine().getStatusCode() == 200;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    static void create(NativeIndex from, String target, ObjectNode settings, JsonNode mappings) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.set("settings", settings);
        body.set("mappings", mappings);
        from.call("PUT", "/" + target, body);
    }

    /**
     * Copies every document of the native index into {@code target}, with its {@code _version} (a document already
     * there at that version or a newer one is left alone), and refreshes it.
     *
     * @return how many documents were written
     */
    static long copy(NativeIndex from, String target) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("source").put("index", from.name());
        body.putObject("dest").put("index", target).put("version_type", "external");
        body.put("conflicts", "proceed");
        String task = from.call("POST", "/_reindex?wait_for_completion=false&refresh=true", body).path("task").asText();
        while (true) {
            JsonNode t = from.call("GET", "/_tasks/" + task + "?wait_for_completion=true&timeout=30s", null);
            if (t.path("completed").asBoolean()) {
                JsonNode r = t.path("response");
                if (r.path("failures").size() > 0) {
                    throw new IOException("copying " + from.name() + " into " + target + " failed: " + r.path("failures"));
                }
                if (t.has("error")) {
                    throw new IOException("copying " + from.name() + " into " + target + " failed: " + t.path("error"));
                }
                from.call("POST", "/" + target + "/_refresh", null);
                return r.path("created").asLong() + r.path("updated").asLong();
            }
        }
    }
}
