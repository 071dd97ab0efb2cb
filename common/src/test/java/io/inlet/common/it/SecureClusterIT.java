package io.inlet.common.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.client.OpenSearchClients;
import io.inlet.common.client.OpenSearchConnection;
import io.inlet.common.ingest.Ingestion;
import io.inlet.common.message.KafkaOffset;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.Services;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opensearch.client.RequestOptions;
import org.opensearch.client.RestHighLevelClient;

/** TLS + basic auth against OpenSearch 2.19.4 with the security plugin and its demo certificates. */
class SecureClusterIT {

    @Test
    void writesOverTlsWithBasicAuth() throws Exception {
        OpenSearchNode node = Services.openSearch2Secure();
        String index = "secure-orders";
        Pipelines.createIndex(node, index, null);
        ChangeStream stream = new ChangeStream(2_000, 300, 3);
        try (RestHighLevelClient client = Pipelines.client(node); Ingestion ingestion = Pipelines.ingestion(client, index)) {
            Pipelines.feed(ingestion, "orders", "0", stream.payloads(), 0, stream.payloads().size());
            Pipelines.awaitIdle(ingestion, Duration.ofMinutes(2));
            assertEquals(new KafkaOffset(1_999), ingestion.committed("orders", "0").orElseThrow());
        }
        IndexReader.assertMatches(stream.expected(), IndexReader.readAll(node, index));
    }

    @Test
    void aWrongPasswordIsRefusedAndAnUntrustedCertificateToo() throws Exception {
        OpenSearchNode node = Services.openSearch2Secure();
        OpenSearchConnection wrong = OpenSearchConnection.of(node.url()).withBasicAuth("admin", "not-the-password")
                .withCaPem(node.rootCa(), false);
        try (RestHighLevelClient client = OpenSearchClients.create(wrong)) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(org.opensearch.client.ResponseException.class,
                    () -> client.getLowLevelClient().performRequest(new org.opensearch.client.Request("GET", "/")));
            assertEquals(401, e.getResponse().getStatusLine().getStatusCode());
        }
        OpenSearchConnection untrusted = OpenSearchConnection.of(node.url()).withBasicAuth(node.adminUser(), node.adminPassword());
        try (RestHighLevelClient client = OpenSearchClients.create(untrusted)) {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> client.ping(RequestOptions.DEFAULT));
            assertTrue(String.valueOf(e).contains("SSL") || String.valueOf(e.getCause()).contains("PKIX")
                    || String.valueOf(e).contains("certificate"), String.valueOf(e));
        }
    }
}
