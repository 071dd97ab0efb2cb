package io.inlet.common.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.common.error.OpenSearchDeadLetterSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.RestClient;

/**
 * The dead-letter indices of one pipeline, as a re-drive reads and marks them. Entries are taken a page at a time
 * and marked with {@code refresh=true}, so the next page's query no longer sees them: no cursor to lose in a crash.
 */
final class DeadLetterStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient client;
    /** Comma-separated index names or patterns. */
    private final String indices;

    DeadLetterStore(RestClient client, List<String> indices) {
        this.client = client;
        this.indices = String.join(",", indices);
    }

    String indices() {
        return indices;
    }

    /** Adds the re-drive fields to the mapping of dead-letter indices written before they existed (idempotent). */
    void ensureRedriveFields() throws IOException {
        Request r = new Request("PUT", "/" + indices + "/_mapping");
        r.addParameter("ignore_unavailable", "true");
        r.addParameter("allow_no_indices", "true");
        r.setEntity(json("{\"properties\":{" + OpenSearchDeadLetterSink.REDRIVE_FIELDS + "}}"));
        client.performRequest(r);
    }

    long count(ObjectNode query) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.set("query", query);
        return read(search("/_count", body)).path("count").asLong();
    }

    /**
     * How many entries of {@code streams} (empty: any) were marked since {@code since}, by outcome: what a run that
     * started then has done, whatever its heartbeats last recorded.
     */
    java.util.Map<RedriveResult, Long> markedSince(List<String> streams, long since) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("size", 0);
        var filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("range").putObject("redriven_at").put("gte", since);
        if (!streams.isEmpty()) {
            var terms = filter.addObject().putObject("terms").putArray("stream");
            streams.forEach(terms::add);
        }
        body.putObject("aggs").putObject("results").putObject("terms").put("field", "redrive_result").put("size", 10);
        java.util.Map<RedriveResult, Long> out = new java.util.EnumMap<>(RedriveResult.class);
        for (JsonNode b : read(search("/_search", body)).path("aggregations").path("results").path("buckets")) {
            for (RedriveResult r : RedriveResult.values()) {
                if (r.label().equals(b.path("key").asText())) {
                    out.put(r, b.path("doc_count").asLong());
                }
            }
        }
        return out;
    }

    /** The first {@code size} entries matching {@code query}, oldest dead letters first. */
    List<DeadLetterEntry> next(ObjectNode query, int size) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.set("query", query);
        body.put("size", size);
        var sort = body.putArray("sort");
        sort.addObject().put("timestamp", "asc");
        sort.addObject().put("stream", "asc");
        sort.addObject().put("partition", "asc");
        sort.addObject().put("pointer", "asc");
        List<DeadLetterEntry> out = new ArrayList<>();
        for (JsonNode hit : read(search("/_search", body)).path("hits").path("hits")) {
            out.add(DeadLetterEntry.of(hit));
        }
        return out;
    }

    private Response search(String endpoint, ObjectNode body) throws IOException {
        Request r = new Request("POST", "/" + indices + endpoint);
        r.addParameter("ignore_unavailable", "true");
        r.addParameter("allow_no_indices", "true");
        r.setEntity(json(JSON.writeValueAsString(body)));
        return client.performRequest(r);
    }

    /** Records each entry's outcome in one bulk request, visible to the next search when it returns. */
    void mark(List<Marking> markings) throws IOException {
        if (markings.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder();
        for (Marking m : markings) {
            ObjectNode action = JSON.createObjectNode();
            action.putObject("update").put("_index", m.entry().index()).put("_id", m.entry().id());
            ObjectNode doc = JSON.createObjectNode();
            doc.put("redriven_at", m.at()).put("redrive_result", m.result().label());
            if (m.result() == RedriveResult.REJECTED) {
                doc.put("reason", m.reason()).put("message", m.message());
                doc.put("first_reason", m.entry().firstReason() != null ? m.entry().firstReason() : m.entry().reason());
            }
            ObjectNode update = JSON.createObjectNode();
            update.set("doc", doc);
            b.append(JSON.writeValueAsString(action)).append('\n').append(JSON.writeValueAsString(update)).append('\n');
        }
        Request r = new Request("POST", "/_bulk");
        r.addParameter("refresh", "true");
        r.setEntity(new StringEntity(b.toString(), ContentType.create("application/x-ndjson")));
        JsonNode reply = read(client.performRequest(r));
        if (reply.path("errors").asBoolean()) {
            for (JsonNode item : reply.path("items")) {
                JsonNode error = item.path("update").path("error");
                if (!error.isMissingNode()) {
                    throw new IOException("couldn't mark dead letter " + item.path("update").path("_id").asText() + " in "
                            + item.path("update").path("_index").asText() + ": " + error.path("type").asText() + ": "
                            + error.path("reason").asText());
                }
            }
        }
    }

    /**
     * One entry's outcome.
     *
     * @param reason  the new reason when refused again, else null
     * @param message the new explanation when refused again, else null
     */
    record Marking(DeadLetterEntry entry, RedriveResult result, String reason, String message, long at) {
    }

    private static StringEntity json(String body) {
        return new StringEntity(body, ContentType.APPLICATION_JSON);
    }

    private static JsonNode read(Response r) throws IOException {
        return JSON.readTree(r.getEntity().getContent());
    }
}
