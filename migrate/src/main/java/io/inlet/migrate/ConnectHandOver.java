package io.inlet.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Deploys the connector on a Connect cluster without letting it read: created {@code STOPPED}
 * ({@code "initial_state"}), its offsets set with Connect's offsets API ({@code PATCH /connectors/{name}/offsets}) to
 * where the native ingestion stopped, so that resuming it reads each partition from there.
 */
final class ConnectHandOver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String connect;

    /** {@code connect}: the Connect REST URL, e.g. {@code http://localhost:8083}. */
    ConnectHandOver(String connect) {
        this.connect = connect.endsWith("/") ? connect.substring(0, connect.length() - 1) : connect;
    }

    /** The body {@code POST /connectors} takes to create the connector stopped. */
    static ObjectNode createBody(String name, Map<String, String> config) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        ObjectNode c = body.putObject("config");
        config.forEach(c::put);
        body.put("initial_state", "STOPPED");
        return body;
    }

    /** The body {@code PATCH /connectors/{name}/offsets} takes: the next offset to read, per partition. */
    static ObjectNode offsetsBody(String topic, Map<Integer, Long> offsets) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("offsets");
        offsets.forEach((partition, offset) -> {
            ObjectNode o = list.addObject();
            o.putObject("partition").put("kafka_topic", topic).put("kafka_partition", partition);
            o.putObject("offset").put("kafka_offset", offset);
        });
        return body;
    }

    /**
     * Creates the connector stopped and sets its offsets.
     *
     * @throws IllegalStateException when a connector of that name exists, or Connect refuses a step (its answer is
     *                               in the message)
     */
    void deployStopped(String name, Map<String, String> config, String topic, Map<Integer, Long> offsets)
            throws IOException, InterruptedException {
        if (send("GET", "/connectors/" + name, null).statusCode() != 404) {
            throw new IllegalStateException("a connector named " + name + " exists on " + connect + ": choose another"
                    + " name (--connector) or delete it first");
        }
        HttpResponse<String> created = send("POST", "/connectors", createBody(name, config));
        if (created.statusCode() / 100 != 2) {
            throw new IllegalStateException("Connect refused to create " + name + ": " + created.statusCode() + " "
                    + created.body());
        }
        awaitStopped(name);
        if (offsets.isEmpty()) {
            return;
        }
        HttpResponse<String> patched = send("PATCH", "/connectors/" + name + "/offsets", offsetsBody(topic, offsets));
        if (patched.statusCode() / 100 != 2) {
            throw new IllegalStateException("Connect refused the offsets of " + name + ": " + patched.statusCode() + " "
                    + patched.body() + " (the connector exists, stopped: set them with PATCH /connectors/" + name
                    + "/offsets, then resume it)");
        }
    }

    private void awaitStopped(String name) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> s = send("GET", "/connectors/" + name + "/status", null);
            if (s.statusCode() == 200) {
                JsonNode status = JSON.readTree(s.body());
                if ("STOPPED".equals(status.path("connector").path("state").asText()) && status.path("tasks").isEmpty()) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("connector " + name + " did not reach STOPPED within 60 s");
    }

    private HttpResponse<String> send(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(connect + path)).timeout(Duration.ofSeconds(60));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
