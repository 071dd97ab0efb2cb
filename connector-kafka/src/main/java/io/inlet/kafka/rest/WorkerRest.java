package io.inlet.kafka.rest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * This worker's own Connect REST API, so that Inlet's pause and resume go through Connect's machinery
 * (pause, stop, the offsets API, resume) and are forwarded to the leader as any other request. The caller's
 * {@code Authorization} header goes with each call, so a worker behind REST authentication (e.g. Connect's
 * {@code BasicAuthSecurityRestExtension}) lets Inlet do what the caller may do, and nothing more.
 */
final class WorkerRest {

    record Reply(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    /** {@code authorization}: the header of the request being served, or null when it had none. */
    WorkerRest(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    Reply send(String method, String path, String json) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted calling " + method + " " + path, e);
        }
    }
}
