package io.inlet.common.writer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;

/**
 * Sends one batch as a {@code _bulk} request and returns either the per-item results or the failure
 * of the whole request (its status and error type; status {@link ItemClassifier#NO_RESPONSE} for I/O).
 */
final class BulkExecutor implements BulkTransport {

    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final String FILTER_PATH = "items.*.status,items.*.result,items.*.error.type,items.*.error.reason";

    private final RestClient client;
    private final BulkBody body;

    BulkExecutor(RestClient client, String updateVersionField) {
        this.client = client;
        this.body = new BulkBody(updateVersionField);
    }

    @Override
    public Result execute(List<Pending.Write> batch) {
        Request request = new Request("POST", "/_bulk");
        // only what classifying an item needs: a full response repeats index, id, version, shards and seq_no for
        // every item, which OpenSearch spends CPU rendering and the writer spends CPU parsing
        request.addParameter("filter_path", FILTER_PATH);
        request.setEntity(body.entity(batch, NDJSON));
        try {
            Response response = client.performRequest(request);
            try (InputStream in = response.getEntity().getContent()) {
                return new Items(BulkResponseParser.parse(in, batch.size()));
            }
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            return new RequestFailed(status, errorOf(e.getResponse(), status));
        } catch (IOException e) {
            return new RequestFailed(ItemClassifier.NO_RESPONSE,
                    new Failure("io_exception", e.getClass().getSimpleName() + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            return new RequestFailed(ItemClassifier.NO_RESPONSE,
                    new Failure("client_exception", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static Failure errorOf(Response response, int status) {
        try {
            String text = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
            JsonNode error = MAPPER.readTree(text.isEmpty() ? "{}" : text).path("error");
            if (error.isObject()) {
                return new Failure(error.path("type").asText("http_" + status), error.path("reason").asText(text));
            }
            return new Failure("http_" + status, text.isEmpty() ? "OpenSearch answered " + status : text);
        } catch (IOException | RuntimeException e) {
            return new Failure("http_" + status, "OpenSearch answered " + status);
        }
    }
}
