package io.inlet.kinesis.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.kinesis.TestCertificates;
import io.inlet.kinesis.config.KinesisWorkerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management API with authentication and TLS on, over real HTTP(S), in front of a fake worker. */
class ManagementApiSecurityTest {

    @TempDir
    Path dir;

    private final ManagementApiTest.FakeWorker worker = new ManagementApiTest.FakeWorker();
    private ManagementApi api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static HttpResponse<String> send(HttpClient http, String url, String method, String authorization)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withABearerTokenEveryEndpointButHealthAnswers401WithoutIt() throws Exception {
        api = ManagementApi.start("127.0.0.1", 0, worker, ApiAccess.bearer("t0ken-abc", "a test"));
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + api.port();

        for (String path : List.of("/ingestion/_state", "/metrics", "/ingestion/_pause")) {
            String method = path.endsWith("_pause") ? "POST" : "GET";
            HttpResponse<String> r = send(http, base + path, method, null);
            assertEquals(401, r.statusCode(), path);
            assertEquals("Bearer realm=\"inlet\"", r.headers().firstValue("WWW-Authenticate").orElse(null));
            assertEquals(401, send(http, base + path, method, "Bearer wrong").statusCode(), path);
        }
        assertFalse(worker.paused, "a refused pause changes nothing");
        assertEquals(200, send(http, base + "/health", "GET", null).statusCode(), "liveness probes need no token");

        assertEquals(200, send(http, base + "/ingestion/_pause", "POST", "Bearer t0ken-abc").statusCode());
        assertTrue(worker.paused);
        HttpResponse<String> refused = send(http, base + "/ingestion/_state", "GET", "Bearer wrong");
        assertFalse(refused.body().contains("t0ken-abc"), refused.body());
    }

    @Test
    void withAKeystoreTheApiIsServedOverHttpsOnly() throws Exception {
        TestCertificates.Made made = TestCertificates.make(dir, "management", "ks-pass");
        Path keystore = made.keystore();
        Map<String, String> props = new HashMap<>(Map.of("opensearch.hosts", "http://localhost:9200", "index", "orders",
                "stream", "orders", "region", "eu-west-1", "application.name", "inlet-orders",
                "management.auth", "bearer", "management.credentials.env", "TOKEN",
                "management.tls.keystore.path", keystore.toString(), "management.tls.keystore.password", "ks-pass"));
        ApiAccess access = ApiAccess.from(new KinesisWorkerConfig(props), name -> "tls-t0ken");
        api = ManagementApi.start("127.0.0.1", 0, worker, access);

        HttpClient trusting = HttpClient.newBuilder().sslContext(TestCertificates.trusting(made.certificatePem()))
                .build();
        String base = "https://127.0.0.1:" + api.port();
        assertEquals(200, send(trusting, base + "/ingestion/_state", "GET", "Bearer tls-t0ken").statusCode());
        assertEquals(401, send(trusting, base + "/ingestion/_state", "GET", null).statusCode());
        assertThrows(SSLHandshakeException.class, () -> send(HttpClient.newHttpClient(), base + "/health", "GET", null),
                "a client that doesn't trust the certificate is refused");
        assertThrows(IOException.class, () -> send(HttpClient.newHttpClient(), "http://127.0.0.1:" + api.port()
                + "/health", "GET", null), "no plain http on the port");
    }
}
