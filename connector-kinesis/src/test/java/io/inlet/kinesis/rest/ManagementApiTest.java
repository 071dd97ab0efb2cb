package io.inlet.kinesis.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.message.Pointer;
import io.inlet.common.message.SequenceNumber;
import io.inlet.common.pointer.PartitionReset;
import io.inlet.common.redrive.RedriveConflictException;
import io.inlet.common.redrive.RedriveSelection;
import io.inlet.common.state.CountersSnapshot;
import io.inlet.common.state.IngestionSnapshot;
import io.inlet.common.state.LastError;
import io.inlet.common.state.PartitionSnapshot;
import io.inlet.common.state.PollerState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The management API over real HTTP, in front of a fake worker: routes, request parsing, status codes. */
class ManagementApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeWorker worker = new FakeWorker();
    private final HttpClient http = HttpClient.newHttpClient();
    private ManagementApi api;

    @BeforeEach
    void start() {
        api = ManagementApi.start("127.0.0.1", 0, worker);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void pauseAndPlainResume() throws Exception {
        HttpResponse<String> r = send("POST", "/ingestion/_pause", null);
        assertEquals(200, r.statusCode());
        assertTrue(json(r).path("acknowledged").asBoolean());
        assertTrue(worker.paused);
        r = send("POST", "/ingestion/_resume", null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of(List.of()), worker.resumes);
        assertTrue(json(r).path("checkpoints").isMissingNode());
    }

    @Test
    void resumeWithResetSettingsPassesThemAndReportsCheckpoints() throws Exception {
        HttpResponse<String> r = send("POST", "/ingestion/_resume",
                "{\"reset_settings\":[{\"shard\":\"shardId-000000000000\",\"mode\":\"earliest\"}]}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of(new PartitionReset(null, "shardId-000000000000", PartitionReset.Mode.EARLIEST, null, null)), worker.resumes.get(0));
        assertEquals("TRIM_HORIZON", json(r).path("checkpoints").path("shardId-000000000000").asText());
    }

    @Test
    void badInputIs400AndConflictsAre409() throws Exception {
        HttpResponse<String> r = send("POST", "/ingestion/_resume", "{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"later\"}]}");
        assertEquals(400, r.statusCode());
        assertTrue(json(r).path("error").asText().contains("write one of offset, timestamp, earliest, latest"), r.body());
        r = send("POST", "/ingestion/_resume", "{not json");
        assertEquals(400, r.statusCode());
        assertTrue(json(r).path("error").asText().contains("not valid JSON"), r.body());
        worker.conflict = "shard s is read by worker w2";
        r = send("POST", "/ingestion/_resume", "{\"reset_settings\":[{\"shard\":\"s\",\"mode\":\"latest\"}]}");
        assertEquals(409, r.statusCode());
        assertEquals("shard s is read by worker w2", json(r).path("error").asText());
    }

    @Test
    void stateHasTheKafkaShapePlusTheWorker() throws Exception {
        HttpResponse<String> r = send("GET", "/ingestion/_state", null);
        assertEquals(200, r.statusCode());
        JsonNode s = json(r);
        assertEquals("app", s.path("name").asText());
        assertEquals("w1", s.path("worker_id").asText());
        assertTrue(s.path("scheduler_running").asBoolean());
        JsonNode p = s.path("partitions").get(0);
        assertEquals("shardId-000000000000", p.path("partition").asText());
        assertEquals("BLOCKED", p.path("poller_state").asText());
        assertEquals("BLOCK", p.path("error_policy").asText());
        assertEquals("49590338271490256608559692538361571095921575989136588898", p.path("committed_pointer").asText());
        assertEquals("49590338271490256608559692538361571095921575989136588999", p.path("last_acknowledged_pointer").asText());
        assertEquals(1500, p.path("lag_in_millis").asLong());
        assertEquals("w1", p.path("owner").asText());
        assertEquals(7, p.path("counters").path("total_processed_count").asLong());
        assertEquals("mapper_parsing_exception", p.path("last_error").path("reason").asText());
    }

    @Test
    void settingsSwitchTheErrorStrategy() throws Exception {
        HttpResponse<String> r = send("PUT", "/ingestion/_settings", "{\"error_strategy\":\"drop\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("DROP", json(r).path("error_strategy").asText());
        assertEquals("BLOCK", json(r).path("previous").asText());
        assertEquals(ErrorStrategy.DROP, worker.strategy);
        r = send("PUT", "/ingestion/_settings", "{\"error_strategy\":\"ignore\"}");
        assertEquals(400, r.statusCode());
        assertEquals(ErrorStrategy.DROP, worker.strategy);
    }

    @Test
    void metricsHealthAndUnknownPaths() throws Exception {
        HttpResponse<String> r = send("GET", "/metrics", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertEquals(worker.metrics(), r.body(), "the worker's metrics as they are");
        assertEquals(200, send("GET", "/health", null).statusCode());
        worker.running = false;
        r = send("GET", "/health", null);
        assertEquals(503, r.statusCode());
        assertEquals("DOWN", json(r).path("status").asText());
        r = send("GET", "/ingestion/_pause", null);
        assertEquals(405, r.statusCode());
        assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
        r = send("GET", "/nowhere", null);
        assertEquals(404, r.statusCode());
        assertTrue(json(r).path("error").asText().contains("/ingestion/_state"));
    }

    @Test
    void redriveTakesASelectionWaitsOnRequestAndAnswers409WhileOneRuns() throws Exception {
        HttpResponse<String> r = send("POST", "/ingestion/dead-letters/_redrive",
                "{\"reason\":\"strict_dynamic_mapping_exception\",\"shard\":[\"shardId-000000000001\"],"
                        + "\"from\":\"2026-12-05T10:00:00Z\"}");
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("running", json(r).path("redrive").path("status").asText());
        RedriveSelection s = worker.redrives.get(0);
        assertEquals(List.of("strict_dynamic_mapping_exception"), s.reasons());
        assertEquals(List.of("shardId-000000000001"), s.partitions());
        assertEquals(1796464800000L, s.fromMillis());

        r = send("POST", "/ingestion/dead-letters/_redrive?wait_for_completion=true", null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("done", json(r).path("redrive").path("status").asText());
        assertEquals(null, worker.redrives.get(1), "no body: resume an interrupted re-drive, else take every entry");

        r = send("POST", "/ingestion/dead-letters/_redrive", "{\"reasons\":[\"x\"]}");
        assertEquals(400, r.statusCode());
        assertTrue(json(r).path("error").asText().contains("unknown field 'reasons'"), r.body());
        r = send("POST", "/ingestion/dead-letters/_redrive", "{\"from\":\"yesterday\"}");
        assertEquals(400, r.statusCode());
        assertTrue(json(r).path("error").asText().contains("ISO-8601"), r.body());

        worker.redriveConflict = "a re-drive of app is running on w2";
        r = send("POST", "/ingestion/dead-letters/_redrive", null);
        assertEquals(409, r.statusCode());
        assertTrue(json(r).path("error").asText().contains("running on w2"), r.body());
        r = send("GET", "/ingestion/_state", null);
        assertEquals("done", json(r).path("redrive").path("status").asText());
    }

    static final class FakeWorker implements WorkerControl {
        boolean paused;
        boolean running = true;
        String conflict;
        ErrorStrategy strategy = ErrorStrategy.BLOCK;
        final List<List<PartitionReset>> resumes = new ArrayList<>();
        final List<RedriveSelection> redrives = new ArrayList<>();
        String redriveConflict;

        @Override
        public void pause() {
            paused = true;
        }

        @Override
        public Map<String, String> resume(List<PartitionReset> resets) {
            if (conflict != null) {
                throw new IllegalStateException(conflict);
            }
            resumes.add(resets);
            paused = false;
            return resets.isEmpty() ? Map.of() : Map.of(resets.get(0).partition(), "TRIM_HORIZON");
        }

        @Override
        public IngestionSnapshot state() {
            Pointer committed = SequenceNumber.parse("49590338271490256608559692538361571095921575989136588898");
            Pointer acked = SequenceNumber.parse("49590338271490256608559692538361571095921575989136588999");
            return new IngestionSnapshot("app", List.of(new PartitionSnapshot("orders", "shardId-000000000000",
                    Pointer.Kind.SEQUENCE_NUMBER, PollerState.BLOCKED, strategy, paused, committed, acked, acked, null,
                    1500L, new CountersSnapshot(7, 0, 1, 1, 0, 3, 6, 0),
                    new LastError(acked, "mapper_parsing_exception", "failed to parse field [amount]", 1L), "w1")));
        }

        @Override
        public ErrorStrategy switchErrorStrategy(ErrorStrategy next) {
            ErrorStrategy previous = strategy;
            strategy = next;
            return previous;
        }

        @Override
        public JsonNode redrive(RedriveSelection selection, boolean wait) throws RedriveConflictException {
            if (redriveConflict != null) {
                throw new RedriveConflictException(redriveConflict);
            }
            redrives.add(selection);
            return new ObjectMapper().createObjectNode().put("status", wait ? "done" : "running");
        }

        @Override
        public JsonNode redriveState() {
            return new ObjectMapper().createObjectNode().put("status", redrives.isEmpty() ? "none" : "done");
        }

        @Override
        public String metrics() {
            return "inlet_processed_total{pipeline=\"app\",task=\"w1\",source=\"orders\",partition=\"shardId-000000000000\"} 7.0\n";
        }

        @Override
        public WorkerStatus status() {
            return new WorkerStatus("w1", "app", "orders", running, paused, 0, 0);
        }
    }
}
