package io.inlet.common.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.opensearch.client.Request;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;

/** The indices Inlet keeps for itself (dead letters, state, the re-drive ledger): created on first use. */
public final class Indices {

    private Indices() {
    }

    /**
     * Creates {@code index} with {@code body} (settings and mappings) unless it exists.
     *
     * @return true when it was created now, false when it was there already
     */
    public static boolean createIfMissing(RestClient client, String index, String body) throws IOException {
        Request r = new Request("PUT", "/" + index);
        r.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        try {
            client.performRequest(r);
            return true;
        } catch (ResponseException e) {
            String reply = new String(e.getResponse().getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
            if (reply.contains("resource_already_exists_exception")) {
                return false;
            }
            throw e;
        }
    }
}
