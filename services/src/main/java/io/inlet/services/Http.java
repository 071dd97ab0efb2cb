package io.inlet.services;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A small JSON-over-HTTP client for health checks and service set-up (not for the code under test).
 * For the TLS test cluster it trusts the fixture's own demo certificates.
 */
public final class Http {

    public record Response(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient client;
    private final String authorization;

    private Http(HttpClient client, String authorization) {
        this.client = client;
        this.authorization = authorization;
    }

    public static Http plain() {
        return new Http(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), null);
    }

    /** A plain client that sends {@code Authorization: Bearer <token>} with every request. */
    public static Http bearer(String token) {
        return new Http(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), "Bearer " + token);
    }

    /** A plain client that sends {@code Authorization: Basic ...} (HTTP basic authentication) with every request. */
    public static Http basic(String user, String password) {
        return new Http(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), basicAuthorization(user, password));
    }

    /** Trusts any certificate and skips host name checks: only for the fixture's local demo-certificate cluster. */
    public static Http insecure(String user, String password) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            SSLParameters params = new SSLParameters();
            params.setEndpointIdentificationAlgorithm(null);
            HttpClient c = HttpClient.newBuilder().sslContext(ctx).sslParameters(params)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            return new Http(c, basicAuthorization(user, password));
        } catch (Exception e) {
            throw new IllegalStateException("Couldn't set up TLS for the test client", e);
        }
    }

    private static String basicAuthorization(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Response get(String url) {
        return send("GET", url, null);
    }

    public Response put(String url, String json) {
        return send("PUT", url, json);
    }

    public Response post(String url, String json) {
        return send("POST", url, json);
    }

    public Response delete(String url) {
        return send("DELETE", url, null);
    }

    public Response send(String method, String url, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (json != null) {
            b.header("Content-Type", url.contains("_bulk") ? "application/x-ndjson" : "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + url, e);
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
