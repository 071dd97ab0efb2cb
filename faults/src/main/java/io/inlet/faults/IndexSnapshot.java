package io.inlet.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.services.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * An index as a user would read it back, straight from OpenSearch (not through the fault proxy): every
 * document's id, {@code _version} and, for the target index, its {@code seq} field; for the dead-letter
 * index, its pointer, partition and reason.
 */
final class IndexSnapshot {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stored document: its version and its source. */
    record Doc(long version, JsonNode source) {
    }

    private IndexSnapshot() {
    }

    /** Refreshes {@code index} and reads all of it with a scroll; an index that does not exist reads as empty. */
    static Map<String, Doc> read(Http http, String url, String index) {
        Map<String, Doc> docs = new HashMap<>();
        http.post(url + "/" + index + "/_refresh", "");
        Http.Response r = http.post(url + "/" + index + "/_search?scroll=1m",
                "{\"size\":5000,\"version\":true,\"sort\":[\"_doc\"],\"query\":{\"match_all\":{}}}");
        if (r.status() == 404) {
            return docs;
        }
        JsonNode page = parse(r, index);
        while (page.path("hits").path("hits").size() > 0) {
            for (JsonNode h : page.path("hits").path("hits")) {
                docs.put(h.path("_id").asText(), new Doc(h.path("_version").asLong(), h.path("_source")));
            }
            page = parse(http.post(url + "/_search/scroll",
                    "{\"scroll\":\"1m\",\"scroll_id\":\"" + page.path("_scroll_id").asText() + "\"}"), index);
        }
        http.send("DELETE", url + "/_search/scroll", "{\"scroll_id\":\"" + page.path("_scroll_id").asText() + "\"}");
        return docs;
    }

    private static JsonNode parse(Http.Response r, String index) {
        if (!r.ok()) {
            throw new IllegalStateException("Reading " + index + " failed: " + r.status() + " " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("OpenSearch answered something that is not JSON while reading " + index, e);
        }
    }
}
