package io.inlet.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.it.ChangeStream;
import io.inlet.common.it.IndexReader;
import io.inlet.common.it.Pipelines;
import io.inlet.kinesis.config.KinesisWorkerConfig;
import io.inlet.kinesis.config.WorkerConfigFile;
import io.inlet.kinesis.kcl.LeaseTable;
import io.inlet.kinesis.rest.ApiAccess;
import io.inlet.services.Await;
import io.inlet.services.Http;
import io.inlet.services.LocalProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The worker as users run it, {@code java -jar target/inlet-kinesis-worker.jar --config worker.json}, in its
 * own JVM: killed with SIGKILL mid-stream it loses and duplicates nothing; stopped with SIGTERM it
 * flushes, checkpoints, releases its leases and exits with 0, and a restart replays nothing acknowledged.
 */
class WorkerProcessIT extends WithWorkerKit {

    private static final Path CONFIGS = WorkerTestKit.moduleDir().resolve("target/worker-configs");

    private static long processed(int port) {
        try {
            return WorkerTestKit.total(kit.state(port), "total_processed_count");
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void killedTwiceMidStreamLosesNothingAndDuplicatesNothing() throws Exception {
        String stream = WorkerTestKit.unique("crash");
        String app = WorkerTestKit.unique("app-crash");
        kit.createStream(stream, 2);
        Pipelines.createIndex(kit.openSearch, stream, null);
        // each run gets more records than the writer finishes (and checkpoints) between two looks of the await below
        // (5,000 for the first, 7,000 new for the second), so each kill lands mid-stream however fast the machine is
        ChangeStream changes = new ChangeStream(12_000, 2_000, 23);
        List<byte[]> all = changes.payloads();
        List<WorkerTestKit.Put> puts = new ArrayList<>(kit.put(stream, all.subList(0, 5_000), WorkerTestKit::idOf));
        Path config = WorkerTestKit.writeConfig(CONFIGS, "crash.json", kit.config(stream, app, stream));

        LocalProcess first = WorkerTestKit.startProcess("crash-1", config);
        Map<String, String> afterFirst;
        try {
            int port = WorkerTestKit.managementPort(first);
            Await.quietly("1,000 records acknowledged and both shards checkpointed by the first run", Duration.ofSeconds(60),
                    WorkerTestKit.diagnostics(first),
                    () -> processed(port) >= 1_000 && filterNumeric(kit.checkpoints(app)).size() == 2);
        } finally {
            first.kill();
        }
        afterFirst = kit.checkpoints(app);
        assertTrue(!last(puts).equals(afterFirst), "killed mid-stream, before the end");
        puts.addAll(kit.put(stream, all.subList(5_000, all.size()), WorkerTestKit::idOf));

        LocalProcess second = WorkerTestKit.startProcess("crash-2", config);
        try {
            int port = WorkerTestKit.managementPort(second);
            Await.quietly("1,000 records acknowledged and checkpoints moved by the second run", Duration.ofSeconds(60),
                    WorkerTestKit.diagnostics(second), () -> processed(port) >= 1_000 && bothMoved(afterFirst, kit.checkpoints(app)));
        } finally {
            second.kill();
        }
        assertTrue(!last(puts).equals(kit.checkpoints(app)), "killed mid-stream, before the end");

        Map<String, String> last = WorkerTestKit.lastSequenceNumbers(puts);
        LocalProcess third = WorkerTestKit.startProcess("crash-3", config);
        try {
            Await.quietly("every record checkpointed by the third run", Duration.ofSeconds(120), WorkerTestKit.diagnostics(third),
                    () -> last.equals(kit.checkpoints(app)));
            IndexReader.assertMatches(changes.expected(), IndexReader.readAll(kit.openSearch, stream));
        } finally {
            third.stop(Duration.ofSeconds(25));
        }
    }

    @Test
    void onEveryInterfaceTheApiAnswersOnlyTheTokenAndTheTokenIsNeverLogged() throws Exception {
        String stream = WorkerTestKit.unique("locked");
        String app = WorkerTestKit.unique("app-locked");
        kit.createStream(stream, 1);
        kit.put(stream, new ChangeStream(50, 50, 5).payloads(), WorkerTestKit::idOf);
        String token = "tok-" + WorkerTestKit.unique("secret");
        Files.createDirectories(CONFIGS);
        Path tokenFile = Files.writeString(CONFIGS.resolve(app + ".token"), token + "\n");
        Map<String, String> settings = kit.config(stream, app, stream);
        settings.put("management.bind", "0.0.0.0");

        // on every interface without authentication: refused at start-up, saying what to write
        LocalProcess open = WorkerTestKit.startProcess("locked-open", WorkerTestKit.writeConfig(CONFIGS, "open.json",
                settings));
        assertEquals(2, open.waitFor(Duration.ofSeconds(60)), "exit code; log:\n" + open.tail(40));
        assertTrue(open.tail(40).contains("management.auth=none if the network already keeps strangers out"),
                open.tail(40));

        settings.put("management.auth", "bearer");
        settings.put("management.credentials.file", tokenFile.toString());
        LocalProcess worker = WorkerTestKit.startProcess("locked", WorkerTestKit.writeConfig(CONFIGS, "locked.json",
                settings));
        try {
            int port = WorkerTestKit.managementPort(worker);
            assertEquals(401, kit.call(port, "GET", "/ingestion/_state", null).status());
            assertEquals(401, kit.call(port, "POST", "/ingestion/_pause", null).status());
            assertEquals(200, kit.call(port, "GET", "/health", null).status(), "liveness probes need no token");
            Http withToken = Http.bearer(token);
            Await.quietly("50 records acknowledged", Duration.ofSeconds(60), WorkerTestKit.diagnostics(worker),
                    () -> WorkerTestKit.total(WorkerTestKit.JSON.readTree(withToken.get("http://127.0.0.1:" + port
                            + "/ingestion/_state").body()), "total_processed_count") == 50);
            assertEquals(200, withToken.get("http://127.0.0.1:" + port + "/metrics").status());
            String log = Files.readString(worker.log());
            assertTrue(log.contains("bearer token from management.credentials.file " + tokenFile), "the source is"
                    + " logged");
            assertFalse(log.contains(token), "the token itself is never logged");
        } finally {
            worker.stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void everySecretStaysOutOfTheLogTheResponsesAndTheConfigText() throws Exception {
        // (the truststore password needs https:// hosts: ConfigSecretsTest covers it in the config text)
        String stream = WorkerTestKit.unique("secrets");
        String app = WorkerTestKit.unique("app-secrets");
        kit.createStream(stream, 1);
        kit.put(stream, new ChangeStream(20, 20, 7).payloads(), WorkerTestKit::idOf);
        String tag = WorkerTestKit.unique("");
        Map<String, String> secrets = Map.of(
                "opensearch.password", "os-pass-" + tag,
                "aws.secret.access.key", "aws-secret-" + tag,
                "management.tls.keystore.password", "key-pass-" + tag,
                "management token", "mgmt-token-" + tag);
        Path dir = CONFIGS.resolve(app);
        Files.createDirectories(dir);
        TestCertificates.Made api = TestCertificates.make(dir, "api", secrets.get("management.tls.keystore.password"));
        Path tokenFile = Files.writeString(dir.resolve("token"), secrets.get("management token"));

        Map<String, String> settings = kit.config(stream, app, stream);
        settings.put("opensearch.auth.type", "basic"); // a cluster without the security plugin ignores it
        settings.put("opensearch.username", "inlet");
        settings.put("opensearch.password", secrets.get("opensearch.password"));
        settings.put("aws.secret.access.key", secrets.get("aws.secret.access.key"));
        settings.put("management.auth", "bearer");
        settings.put("management.credentials.file", tokenFile.toString());
        settings.put("management.tls.keystore.path", api.keystore().toString());
        settings.put("management.tls.keystore.password", secrets.get("management.tls.keystore.password"));
        LocalProcess worker = WorkerTestKit.startProcess("secrets", WorkerTestKit.writeConfig(dir, "worker.json",
                settings));
        List<String> seen = new ArrayList<>();
        try {
            int port = WorkerTestKit.managementPort(worker);
            HttpClient https = HttpClient.newBuilder()
                    .sslContext(TestCertificates.trusting(api.certificatePem())).build();
            Function<String, String> get = path -> {
                try {
                    return https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                                    + port + path)).header("Authorization", "Bearer " + secrets.get("management token"))
                            .build(), HttpResponse.BodyHandlers.ofString()).body();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            Await.quietly("20 records acknowledged", Duration.ofSeconds(60), WorkerTestKit.diagnostics(worker),
                    () -> WorkerTestKit.total(WorkerTestKit.JSON.readTree(get.apply("/ingestion/_state")),
                            "total_processed_count") == 20);
            for (String path : List.of("/ingestion/_state", "/metrics", "/health")) {
                seen.add(path + ": " + get.apply(path));
            }
        } finally {
            worker.stop(Duration.ofSeconds(20));
        }
        seen.add("log: " + Files.readString(worker.log()));
        KinesisWorkerConfig config = new KinesisWorkerConfig(settings);
        seen.add("config: " + config);
        seen.add("access: " + ApiAccess.from(config, name -> null));
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            for (String text : seen) {
                assertFalse(text.contains(secret.getValue()), secret.getKey() + " shows in "
                        + text.substring(0, Math.min(80, text.length())));
            }
        }
    }

    @Test
    void sigtermCheckpointsReleasesLeasesExitsZeroAndARestartReplaysNothing() throws Exception {
        String stream = WorkerTestKit.unique("sigterm");
        String app = WorkerTestKit.unique("app-sigterm");
        kit.createStream(stream, 2);
        List<WorkerTestKit.Put> puts = kit.put(stream, new ChangeStream(600, 300, 3).payloads(), WorkerTestKit::idOf);
        Map<String, String> last = WorkerTestKit.lastSequenceNumbers(puts);

        // the polling example as shipped, pointed at this test's emulators, stream and index
        Map<String, String> settings = WorkerConfigFile.read(ConfigExamplesTest.examples().resolve("polling-local.json"));
        settings.put("opensearch.hosts", kit.openSearch.url());
        settings.put("kinesis.endpoint", kit.kinesis.endpoint());
        settings.put("dynamodb.endpoint", kit.dynamo.endpoint());
        settings.put("stream", stream);
        settings.put("application.name", app);
        settings.put("management.port", "0");
        settings.put("checkpoint.interval.ms", "600000"); // no checkpoint but the one SIGTERM makes
        Path config = WorkerTestKit.writeConfig(CONFIGS, "sigterm.json", settings);

        LocalProcess worker = WorkerTestKit.startProcess("sigterm", config);
        int port = WorkerTestKit.managementPort(worker);
        Await.quietly("600 records acknowledged", Duration.ofSeconds(60), WorkerTestKit.diagnostics(worker), () -> processed(port) == 600);
        assertEquals(Map.of(), Map.copyOf(filterNumeric(kit.checkpoints(app))), "no interval checkpoint yet");
        // paused, so each shard's processor waits in processRecords: the shutdown must get it out of there too
        assertEquals(200, kit.call(port, "POST", "/ingestion/_pause", null).status());
        Await.quietly("both shards paused", Duration.ofSeconds(10), () -> {
            JsonNode s = kit.state(port);
            return WorkerTestKit.shard(s, "shardId-000000000000").path("poller_state").asText().equals("PAUSED")
                    && WorkerTestKit.shard(s, "shardId-000000000001").path("poller_state").asText().equals("PAUSED");
        });

        long start = System.nanoTime();
        ProcessHandle.of(worker.pid()).orElseThrow().destroy(); // SIGTERM
        int code = worker.waitFor(Duration.ofSeconds(30));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, code, "exit code after SIGTERM; log:\n" + worker.tail(40));
        assertTrue(tookMillis < 20_000, "stopped within shutdown.timeout.ms (20 s), took " + tookMillis + " ms");
        assertEquals(last, kit.checkpoints(app), "checkpoints written at shutdown");
        LeaseTable.leases(kit.aws.dynamoDb(), app).values().forEach(l -> assertNull(l.owner(), "released: " + l));
        assertTrue(worker.tail(60).contains("Released 2 leases"), worker.tail(60));

        try (KinesisWorker again = kit.startInProcess(settings)) {
            int againPort = again.managementPort();
            Await.quietly("both shards read again", Duration.ofSeconds(60),
                    () -> kit.state(againPort).path("partitions").size() == 2);
            Thread.sleep(1_500);
            JsonNode state = kit.state(againPort);
            assertEquals(0, WorkerTestKit.total(state, "total_processed_count"), "nothing acknowledged is replayed: " + state);
            for (JsonNode p : state.path("partitions")) {
                assertEquals(last.get(p.path("partition").asText()), p.path("committed_pointer").asText(),
                        "resumed at the checkpoint: " + p);
            }
            kit.put(stream, new ChangeStream(40, 40, 4).payloads(), WorkerTestKit::idOf);
            Await.quietly("the 40 new records", Duration.ofSeconds(60), () -> processed(againPort) == 40);
        }
    }

    private static Map<String, String> last(List<WorkerTestKit.Put> puts) {
        return WorkerTestKit.lastSequenceNumbers(puts);
    }

    private static boolean bothMoved(Map<String, String> before, Map<String, String> now) {
        return before.keySet().stream().allMatch(k -> !before.get(k).equals(now.get(k)));
    }

    private static Map<String, String> filterNumeric(Map<String, String> checkpoints) {
        Map<String, String> out = new java.util.TreeMap<>();
        checkpoints.forEach((k, v) -> {
            if (v.chars().allMatch(Character::isDigit)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
