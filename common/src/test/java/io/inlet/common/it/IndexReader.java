package io.inlet.common.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.services.Http;
import io.inlet.services.OpenSearchNode;
import java.util.HashMap;
import java.util.Map;

/** Reads an index back the way a user would check it: every document with its {@code _version} and source. */
public final class IndexReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stored document: its version and its source. */
    public record Doc(long version, JsonNode source) {
    }

    private IndexReader() {
    }

    public static Map<String, Doc> readAll(OpenSearchNode node, String index) throws Exception {
        Http http = node.client();
        http.post(node.url() + "/" + index + "/_refresh", "");
        Map<String, Doc> docs = new HashMap<>();
        String body = "{\"size\":1000,\"version\":true,\"sort\":[\"_doc\"],\"query\":{\"match_all\":{}}}";
        Http.Response r = http.post(node.url() + "/" + index + "/_search?scroll=1m", body);
        assertTrue(r.ok(), r.body());
        JsonNode page = JSON.readTree(r.body());
        String scrollId = page.path("_scroll_id").asText();
        try {
            while (true) {
                JsonNode hits = page.path("hits").path("hits");
                if (hits.size() == 0) {
                    break;
                }
                for (JsonNode h : hits) {
                    docs.put(h.path("_id").asText(), new Doc(h.path("_version").asLong(), h.path("_source")));
                }
                Http.Response next = http.post(node.url() + "/_search/scroll", "{\"scroll\":\"1m\",\"scroll_id\":\""
                        + scrollId + "\"}");
                assertTrue(next.ok(), next.body());
                page = JSON.readTree(next.body());
                scrollId = page.path("_scroll_id").asText(scrollId);
            }
        } finally {
            // an open scroll lives its minute: a caller polling every 100 ms would reach OpenSearch's limit of 500
            // open scrolls (search.max_open_scroll_context) and see every search refused until they expire
            http.send("DELETE", node.url() + "/_search/scroll", "{\"scroll_id\":[\"" + scrollId + "\"]}");
        }
        return docs;
    }

    /** Asserts the index equals the model: the same ids, the same versions, the same {@code seq} in each source. */
    public static void assertMatches(Map<String, ChangeStream.Expected> expected, Map<String, Doc> actual) {
        int live = 0;
        for (Map.Entry<String, ChangeStream.Expected> e : expected.entrySet()) {
            Doc d = actual.get(e.getKey());
            if (!e.getValue().exists()) {
                assertEquals(null, d, "document " + e.getKey() + " should be deleted");
                continue;
            }
            live++;
            assertTrue(d != null, "document " + e.getKey() + " is missing");
            assertEquals(e.getValue().version(), d.version(), "_version of " + e.getKey());
            assertEquals(e.getValue().seq(), d.source().path("seq").asInt(), "source (seq) of " + e.getKey());
        }
        assertEquals(live, actual.size(), "documents in the index");
    }

    public static long count(OpenSearchNode node, String index) throws Exception {
        Http http = node.client();
        http.post(node.url() + "/" + index + "/_refresh", "");
        Http.Response r = http.get(node.url() + "/" + index + "/_count");
        return r.ok() ? JSON.readTree(r.body()).path("count").asLong() : 0;
    }
}
