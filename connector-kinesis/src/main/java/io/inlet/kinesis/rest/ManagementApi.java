package io.inlet.kinesis.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.message.Pointer;
import io.inlet.common.pointer.PartitionReset;
import io.inlet.common.redrive.RedriveConflictException;
import io.inlet.common.redrive.RedriveSelection;
import io.inlet.common.state.StateJson;
import io.inlet.kinesis.WorkerMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's management HTTP API, with OpenSearch pull-based ingestion's verbs. Every answer is
 * JSON except {@code /metrics}; errors are {@code {"error":"..."}} with 400 for bad input, 404 for an
 * unknown path, 405 for a wrong method, 409 when the worker can't do it now.
 * <ul>
 *   <li>{@code POST /ingestion/_pause}: stop reading every shard (leases are kept).</li>
 *   <li>{@code POST /ingestion/_resume}: resume; with a body
 *       {@code {"reset_settings":[{"shard":"shardId-000000000000","mode":"offset"|"timestamp"|"earliest"|"latest","value":...}]}}
 *       the given shards first resume from the given position (see {@link PartitionReset}).</li>
 *   <li>{@code GET /ingestion/_state}: per shard: {@code poller_state}, {@code error_policy}, {@code paused},
 *       {@code owner}, {@code committed_pointer} (the checkpoint), {@code last_acknowledged_pointer},
 *       {@code latest_pointer}, {@code lag_in_millis}, counters, {@code last_error} ({@link StateJson}'s shape,
 *       as the Kafka connector's state), plus the worker's {@code worker_id}, {@code application},
 *       {@code stream}, {@code scheduler_running} and {@code paused}.</li>
 *   <li>{@code POST /ingestion/dead-letters/_redrive}: re-drive dead letters ({@link RedriveSelection} body,
 *       optional; {@code ?wait_for_completion=true} answers when it is over, else 202 at once); 409 while one runs.
 *       Its progress is under {@code redrive} in the state.</li>
 *   <li>{@code PUT /ingestion/_settings} {@code {"error_strategy":"DROP"}}: switch the error strategy.</li>
 *   <li>{@code GET /metrics}: Prometheus text format ({@link WorkerMetrics}).</li>
 *   <li>{@code GET /health}: 200 while the KCL scheduler runs, else 503.</li>
 * </ul>
 * With {@code management.auth} set, every request but {@code GET /health} (kept open for liveness probes) must carry
 * the credential, else it is answered 401 with a {@code WWW-Authenticate} challenge; with a keystore it is served over
 * https:// ({@link ApiAccess}).
 */
public final class ManagementApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpServer server;
    private final ExecutorService executor;
    private final WorkerControl worker;
    private final ApiAccess access;

    private ManagementApi(HttpServer server, ExecutorService executor, WorkerControl worker, ApiAccess access) {
        this.server = server;
        this.executor = executor;
        this.worker = worker;
        this.access = access;
    }

    /** Starts the API on {@code bind}:{@code port} (0: a free port), open to anyone who reaches it, over http://. */
    public static ManagementApi start(String bind, int port, WorkerControl worker) {
        return start(bind, port, worker, ApiAccess.open());
    }

    /**
     * Starts the API on {@code bind}:{@code port} (0: a free port) with {@code access}'s authentication and TLS.
     *
     * @throws UncheckedIOException when the address can't be bound
     */
    public static ManagementApi start(String bind, int port, WorkerControl worker, ApiAccess access) {
        try {
            InetSocketAddress address = new InetSocketAddress(bind, port);
            HttpServer server;
            if (access.tls() != null) {
                HttpsServer https = HttpsServer.create(address, 32);
                https.setHttpsConfigurator(new HttpsConfigurator(access.tls()));
                server = https;
            } else {
                server = HttpServer.create(address, 32);
            }
            ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "inlet-management-api");
                t.setDaemon(true);
                return t;
            });
            ManagementApi api = new ManagementApi(server, executor, worker, access);
            server.createContext("/", api::handle);
            server.setExecutor(executor);
            server.start();
            LOG.info("Management API listening on {}://{}:{} ({})", access.tls() == null ? "http" : "https", bind,
                    api.port(), access);
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("Couldn't start the management API on " + bind + ":" + port + " ("
                    + e.getMessage() + "): choose another management.port or management.bind", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            try {
                String route = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
                if (!route.equals("/health") && !access.allows(ex.getRequestHeaders().getFirst("Authorization"))) {
                    ex.getResponseHeaders().set("WWW-Authenticate", access.challenge());
                    error(ex, 401, "missing or wrong credentials: send the Authorization header management.auth asks"
                            + " for");
                    return;
                }
                route(ex, method, route);
            } catch (IllegalArgumentException e) {
                error(ex, 400, e.getMessage());
            } catch (IllegalStateException e) {
                error(ex, 409, e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Management API: {} {} failed", method, path, e);
                error(ex, 500, "internal error: " + e);
            }
        } catch (IOException e) {
            LOG.debug("Management API: couldn't answer: {}", e.toString());
        }
    }

    private void route(HttpExchange ex, String method, String path) throws IOException {
        switch (path) {
            case "/ingestion/_pause" -> {
                if (allow(ex, method, "POST")) {
                    readBody(ex);
                    worker.pause();
                    json(ex, 200, JSON.createObjectNode().put("acknowledged", true));
                }
            }
            case "/ingestion/_resume" -> {
                if (allow(ex, method, "POST")) {
                    List<PartitionReset> resets = PartitionReset.parseBody(readBody(ex), Pointer.Kind.SEQUENCE_NUMBER);
                    Map<String, String> done = worker.resume(resets);
                    ObjectNode out = JSON.createObjectNode().put("acknowledged", true);
                    if (!resets.isEmpty()) {
                        ObjectNode cps = out.putObject("checkpoints");
                        done.forEach(cps::put);
                    }
                    json(ex, 200, out);
                }
            }
            case "/ingestion/_state" -> {
                if (allow(ex, method, "GET")) {
                    WorkerControl.WorkerStatus s = worker.status();
                    ObjectNode out = StateJson.toTree(worker.state());
                    out.put("worker_id", s.workerId()).put("application", s.application()).put("stream", s.stream())
                            .put("scheduler_running", s.schedulerRunning()).put("paused", s.paused());
                    JsonNode redrive = worker.redriveState();
                    if (redrive != null) {
                        out.set("redrive", redrive);
                    }
                    json(ex, 200, out);
                }
            }
            case "/ingestion/dead-letters/_redrive" -> {
                if (allow(ex, method, "POST")) {
                    JsonNode body = readBody(ex);
                    RedriveSelection selection = body.isMissingNode() ? null : RedriveSelection.parse(body);
                    boolean wait = "true".equals(query(ex).get("wait_for_completion"));
                    try {
                        JsonNode progress = worker.redrive(selection, wait);
                        ObjectNode out = JSON.createObjectNode().put("acknowledged", true);
                        out.set("redrive", progress);
                        json(ex, wait ? 200 : 202, out);
                    } catch (RedriveConflictException e) {
                        error(ex, 409, e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        error(ex, 503, "the worker is stopping");
                    }
                }
            }
            case "/ingestion/_settings" -> {
                if (allow(ex, method, "PUT")) {
                    SettingsUpdate update = SettingsUpdate.parse(readBody(ex));
                    ErrorStrategy previous = worker.switchErrorStrategy(update.errorStrategy());
                    json(ex, 200, JSON.createObjectNode().put("acknowledged", true)
                            .put("error_strategy", update.errorStrategy().name()).put("previous", previous.name()));
                }
            }
            case "/metrics" -> {
                if (allow(ex, method, "GET")) {
                    send(ex, 200, WorkerMetrics.CONTENT_TYPE, worker.metrics().getBytes(StandardCharsets.UTF_8));
                }
            }
            case "/health" -> {
                if (allow(ex, method, "GET")) {
                    WorkerControl.WorkerStatus s = worker.status();
                    json(ex, s.schedulerRunning() ? 200 : 503, JSON.createObjectNode()
                            .put("status", s.schedulerRunning() ? "UP" : "DOWN").put("worker_id", s.workerId())
                            .put("paused", s.paused()));
                }
            }
            default -> error(ex, 404, "no such endpoint " + path + ": use /ingestion/_pause, /ingestion/_resume,"
                    + " /ingestion/_state, /ingestion/dead-letters/_redrive, /ingestion/_settings, /metrics or /health");
        }
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new java.util.HashMap<>();
        String q = ex.getRequestURI().getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                out.put(java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "true" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static boolean allow(HttpExchange ex, String method, String allowed) throws IOException {
        if (method.equalsIgnoreCase(allowed)) {
            return true;
        }
        ex.getResponseHeaders().set("Allow", allowed);
        error(ex, 405, "use " + allowed + " for " + ex.getRequestURI().getPath());
        return false;
    }

    /** The request body as JSON, or a missing node when there is none. */
    static JsonNode readBody(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return parseJson(new String(body, StandardCharsets.UTF_8));
    }

    /** {@code text} as JSON; a missing node for an empty body. */
    static JsonNode parseJson(String text) {
        if (text.isBlank()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
        send(ex, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        json(ex, status, JSON.createObjectNode().put("error", message));
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops accepting requests and closes the connections. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
