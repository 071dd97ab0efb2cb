package io.inlet.common.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.common.mapper.TargetKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;

/**
 * The {@link TargetCheck} against OpenSearch.
 * <ul>
 *   <li>An alias must exist ({@code GET _alias/<name>}) and send writes somewhere: one index, or one of its
 *       indices with {@code is_write_index}.</li>
 *   <li>A data stream must exist ({@code GET _data_stream/<name>}), or the index template of highest priority
 *       matching the name must have {@code data_stream}, so that OpenSearch creates the data stream on the first
 *       write. With {@code data_stream.create_template}, a missing one is created: {@code inlet-<name>}, pattern
 *       {@code <name>}, a priority above every template matching the name.</li>
 * </ul>
 */
final class OpenSearchTargets implements TargetCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient client;
    private final TargetKind kind;
    private final boolean createTemplate;

    OpenSearchTargets(RestClient client, TargetKind kind, boolean createTemplate) {
        this.client = client;
        this.kind = kind;
        this.createTemplate = createTemplate;
    }

    @Override
    public String problem(String index) {
        try {
            return switch (kind) {
                case INDEX -> null;
                case ALIAS -> aliasProblem(index);
                case DATA_STREAM -> dataStreamProblem(index);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("Couldn't ask OpenSearch about " + kind + " " + index, e);
        }
    }

    private String aliasProblem(String alias) throws IOException {
        JsonNode indices = get("/_alias/" + encode(alias));
        if (indices == null || indices.isEmpty()) {
            return "there is no alias " + alias + " (target.kind=alias), and writing to it would create an index of that"
                    + " name: create the alias with its first index, e.g. PUT " + alias + "-000001 {\"aliases\":{\"" + alias
                    + "\":{\"is_write_index\":true}}}";
        }
        if (indices.size() == 1) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = indices.fields(); it.hasNext(); ) {
            if (it.next().getValue().path("aliases").path(alias).path("is_write_index").asBoolean(false)) {
                return null;
            }
        }
        return "the alias " + alias + " points at " + indices.size() + " indices and none of them is its write index: set"
                + " \"is_write_index\":true on one (POST _aliases)";
    }

    private String dataStreamProblem(String name) throws IOException {
        JsonNode streams = get("/_data_stream/" + encode(name));
        if (streams != null && streams.path("data_streams").size() > 0) {
            return null;
        }
        JsonNode templates = get("/_index_template");
        JsonNode winner = null;
        long top = Long.MIN_VALUE;
        for (JsonNode t : templates == null ? JSON.createArrayNode() : templates.path("index_templates")) {
            JsonNode template = t.path("index_template");
            if (matches(template.path("index_patterns"), name) && template.path("priority").asLong(0) >= top) {
                top = template.path("priority").asLong(0);
                winner = t;
            }
        }
        if (winner != null && winner.path("index_template").has("data_stream")) {
            return null;
        }
        long priority = winner == null ? 1 : top + 1;
        String template = "{\"index_patterns\":[\"" + name + "\"],\"data_stream\":{},\"priority\":" + priority + "}";
        if (createTemplate) {
            Request put = new Request("PUT", "/_index_template/" + encode("inlet-" + name));
            put.setJsonEntity(template);
            client.performRequest(put);
            return null;
        }
        return "there is no data stream " + name + " and no index template with data_stream matches it"
                + (winner == null ? "" : " (the template " + winner.path("name").asText() + " matching it has no data_stream)")
                + ", so writing to it would create a plain index: create one, e.g. PUT _index_template/" + name + " " + template
                + ", or set data_stream.create_template=true";
    }

    /** Whether one of {@code patterns} (with {@code *} wildcards, as in index templates) matches {@code name}. */
    static boolean matches(JsonNode patterns, String name) {
        for (JsonNode p : patterns) {
            if (name.matches(java.util.regex.Pattern.quote(p.asText()).replace("*", "\\E.*\\Q"))) {
                return true;
            }
        }
        return false;
    }

    /** The body of a GET, or null for a 404. */
    private JsonNode get(String path) throws IOException {
        try {
            Response r = client.performRequest(new Request("GET", path));
            try (InputStream in = r.getEntity().getContent()) {
                return JSON.readTree(in);
            }
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
