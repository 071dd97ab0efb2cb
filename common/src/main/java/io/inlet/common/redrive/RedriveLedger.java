package io.inlet.common.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.common.client.Indices;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;

/**
 * The one document per pipeline in {@code dlq.redrive.index} that says who runs its re-drive, on what selection,
 * and how far it got. Every write is conditional on the version last read or written ({@code if_seq_no}), so two
 * workers can never both believe they run it: the one that loses the race is told so and stops.
 */
final class RedriveLedger {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAPPING = "{\"mappings\":{\"dynamic\":false,\"properties\":{"
            + "\"status\":{\"type\":\"keyword\"},\"owner\":{\"type\":\"keyword\"},"
            + "\"heartbeat_at\":{\"type\":\"date\",\"format\":\"epoch_millis\"}}}}";

    private final RestClient client;
    private final String index;
    private final String pipeline;
    private long seqNo = -1;
    private long primaryTerm = -1;
    private boolean indexReady;

    RedriveLedger(RestClient client, String index, String pipeline) {
        this.client = client;
        this.index = index;
        this.pipeline = pipeline;
    }

    String index() {
        return index;
    }

    /** The pipeline's document, remembering its version for the next {@link #write}; empty when it never re-drove. */
    synchronized Optional<ObjectNode> read() throws IOException {
        Request r = new Request("GET", "/" + index + "/_doc/" + id());
        try {
            JsonNode reply = read(client.performRequest(r));
            seqNo = reply.path("_seq_no").asLong();
            primaryTerm = reply.path("_primary_term").asLong();
            return Optional.of((ObjectNode) reply.path("_source"));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                seqNo = -1;
                primaryTerm = -1;
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Writes the document if nobody else wrote it since this ledger last read or wrote it (created when there was
     * none).
     *
     * @return false when someone else did: the caller no longer owns the re-drive
     */
    synchronized boolean write(ObjectNode doc) throws IOException {
        ensureIndex();
        Request r;
        if (seqNo < 0) {
            r = new Request("PUT", "/" + index + "/_create/" + id());
        } else {
            r = new Request("PUT", "/" + index + "/_doc/" + id());
            r.addParameter("if_seq_no", Long.toString(seqNo));
            r.addParameter("if_primary_term", Long.toString(primaryTerm));
        }
        r.addParameter("refresh", "true");
        r.setEntity(new StringEntity(JSON.writeValueAsString(doc), ContentType.APPLICATION_JSON));
        try {
            JsonNode reply = read(client.performRequest(r));
            seqNo = reply.path("_seq_no").asLong();
            primaryTerm = reply.path("_primary_term").asLong();
            return true;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private void ensureIndex() throws IOException {
        if (!indexReady) {
            Indices.createIfMissing(client, index, MAPPING);
            indexReady = true;
        }
    }

    private String id() {
        return URLEncoder.encode(pipeline, StandardCharsets.UTF_8);
    }

    private static JsonNode read(Response r) throws IOException {
        return JSON.readTree(r.getEntity().getContent());
    }
}
