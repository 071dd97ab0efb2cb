package io.inlet.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenSearch servers the fixture starts answer real requests. */
class OpenSearchSmokeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startInParallel() {
        Services.warmUp(Services.Kind.OPENSEARCH_3, Services.Kind.OPENSEARCH_2, Services.Kind.OPENSEARCH_2_SECURE);
    }

    @Test
    void opensearch3IndexesAndSearches() throws Exception {
        indexAndSearch(Services.openSearch3(), "3.");
    }

    @Test
    void opensearch2IndexesAndSearches() throws Exception {
        indexAndSearch(Services.openSearch2(), "2.19.");
    }

    @Test
    void opensearch2WithSecurityNeedsTlsAndCredentials() throws Exception {
        OpenSearchNode node = Services.openSearch2Secure();
        assertTrue(node.url().startsWith("https://"), node.url());
        indexAndSearch(node, "2.19.");
        Http.Response anonymous = Http.insecure("nobody", "wrong-password").get(node.url() + "/");
        assertEquals(401, anonymous.status(), anonymous.body());
        assertTrue(java.nio.file.Files.isRegularFile(node.rootCa()), "demo root CA at " + node.rootCa());
    }

    @Test
    void opensearch3RunsPainlessUpdatesAndIngestPipelines() throws Exception {
        OpenSearchNode node = Services.openSearch3();
        Http http = node.client();
        String base = node.url();
        ok(http.put(base + "/painless-smoke/_doc/1?refresh=true", "{\"count\":1,\"v\":3}"));
        ok(http.post(base + "/painless-smoke/_update/1?refresh=true",
                "{\"script\":{\"lang\":\"painless\",\"source\":\"if (ctx._source.v < params.v) { ctx._source.count += params.n; ctx._source.v = params.v } else { ctx.op = 'none' }\","
                        + "\"params\":{\"n\":41,\"v\":4}}}"));
        Http.Response stale = ok(http.post(base + "/painless-smoke/_update/1?refresh=true",
                "{\"script\":{\"lang\":\"painless\",\"source\":\"if (ctx._source.v < params.v) { ctx._source.count += params.n; ctx._source.v = params.v } else { ctx.op = 'none' }\","
                        + "\"params\":{\"n\":1000,\"v\":2}}}"));
        assertEquals("noop", JSON.readTree(stale.body()).path("result").asText());
        JsonNode doc = JSON.readTree(ok(http.get(base + "/painless-smoke/_doc/1")).body()).path("_source");
        assertEquals(42, doc.path("count").asInt());
        assertEquals(4, doc.path("v").asInt());

        ok(http.put(base + "/_ingest/pipeline/smoke-upper",
                "{\"processors\":[{\"uppercase\":{\"field\":\"name\"}},{\"set\":{\"field\":\"via\",\"value\":\"pipeline\"}}]}"));
        ok(http.put(base + "/pipeline-smoke/_doc/1?pipeline=smoke-upper&refresh=true", "{\"name\":\"inlet\"}"));
        JsonNode piped = JSON.readTree(ok(http.get(base + "/pipeline-smoke/_doc/1")).body()).path("_source");
        assertEquals("INLET", piped.path("name").asText());
        assertEquals("pipeline", piped.path("via").asText());
    }

    private static void indexAndSearch(OpenSearchNode node, String versionPrefix) throws Exception {
        Http http = node.client();
        JsonNode info = JSON.readTree(ok(http.get(node.url() + "/")).body());
        assertTrue(info.path("version").path("number").asText().startsWith(versionPrefix), info.toString());
        ok(http.put(node.url() + "/smoke/_doc/1?refresh=true", "{\"title\":\"hello inlet\",\"n\":7}"));
        JsonNode hits = JSON.readTree(ok(http.post(node.url() + "/smoke/_search",
                "{\"query\":{\"match\":{\"title\":\"inlet\"}}}")).body()).path("hits");
        assertEquals(1, hits.path("total").path("value").asInt());
        assertEquals("1", hits.path("hits").get(0).path("_id").asText());
        assertEquals(7, hits.path("hits").get(0).path("_source").path("n").asInt());
    }

    private static Http.Response ok(Http.Response r) {
        assertTrue(r.ok(), () -> "HTTP " + r.status() + ": " + r.body());
        return r;
    }
}
