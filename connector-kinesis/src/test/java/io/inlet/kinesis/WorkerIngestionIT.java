package io.inlet.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.it.ChangeStream;
import io.inlet.common.it.IndexReader;
import io.inlet.common.it.Pipelines;
import io.inlet.kinesis.config.WorkerConfigFile;
import io.inlet.services.Await;
import io.inlet.services.Http;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The worker in this JVM against kinesis-local, dynalite and OpenSearch 3.x: 5,000 envelopes over two
 * shards end as the model says, checkpoints equal what OpenSearch acknowledged, and the management API
 * pauses, resumes and reports.
 */
class WorkerIngestionIT extends WithWorkerKit {

    @Test
    void fiveThousandEnvelopesOverTwoShardsMatchTheModelAndCheckpointsEqualTheLastAcknowledged() throws Exception {
        String stream = WorkerTestKit.unique("env5k");
        String index = stream;
        String app = WorkerTestKit.unique("app-env5k");
        kit.createStream(stream, 2);
        Pipelines.createIndex(kit.openSearch, index, null);
        ChangeStream changes = new ChangeStream(5_000, 1_200, 5);
        List<WorkerTestKit.Put> puts = kit.put(stream, changes.payloads(), WorkerTestKit::idOf);
        Map<String, String> last = WorkerTestKit.lastSequenceNumbers(puts);
        assertEquals(2, last.size(), "records in both shards");

        try (KinesisWorker worker = kit.startInProcess(kit.config(stream, app, index))) {
            int port = worker.managementPort();
            Await.quietly("5,000 records acknowledged and checkpointed", Duration.ofSeconds(120),
                    () -> last.equals(kit.checkpoints(app)));
            JsonNode state = kit.state(port);
            assertEquals(5_000, WorkerTestKit.total(state, "total_processed_count"), state.toString());
            Map<String, String> acknowledged = new TreeMap<>();
            for (JsonNode p : state.path("partitions")) {
                acknowledged.put(p.path("partition").asText(), p.path("last_acknowledged_pointer").asText());
                assertEquals(p.path("last_acknowledged_pointer").asText(), p.path("committed_pointer").asText(),
                        "committed (checkpoint) = last acknowledged once idle: " + p);
                assertEquals("worker-1", p.path("owner").asText());
                assertEquals("POLLING", p.path("poller_state").asText());
                assertEquals("sequence_number", p.path("pointer_type").asText());
                assertEquals(0, p.path("lag_in_millis").asLong(), "caught up: " + p);
            }
            assertEquals(last, acknowledged, "lease table checkpoints = last acknowledged sequence numbers");
            assertEquals(last, kit.checkpoints(app));
            IndexReader.assertMatches(changes.expected(), IndexReader.readAll(kit.openSearch, index));

            Http.Response health = kit.call(port, "GET", "/health", null);
            assertEquals(200, health.status(), health.body());
            Http.Response metrics = kit.call(port, "GET", "/metrics", null);
            assertEquals(200, metrics.status());
            assertTrue(metrics.body().contains("inlet_processed_total{partition=\"shardId-000000000000\",pipeline=\"" + app
                    + "\",source=\"" + stream + "\",task=\"worker-1\"}"), metrics.body());
            double metricSum = metrics.body().lines().filter(l -> l.startsWith("inlet_processed_total{"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            assertEquals(5_000, metricSum, metrics.body());
        }
    }

    @Test
    void theFanOutExampleReadsOverHttp2() throws Exception {
        String stream = WorkerTestKit.unique("efo");
        String app = WorkerTestKit.unique("app-efo");
        kit.createStream(stream, 2);
        Map<String, String> settings = WorkerConfigFile.read(ConfigExamplesTest.examples().resolve("fan-out.json"));
        for (String key : List.of("opensearch.auth.type", "opensearch.username", "opensearch.password", "opensearch.tls.ca.pem")) {
            settings.remove(key);
        }
        settings.put("opensearch.hosts", kit.openSearch.url());
        settings.put("kinesis.endpoint", kit.kinesis.tlsEndpoint()); // HTTP/2 needs TLS: kinesis-local's self-signed port
        settings.put("dynamodb.endpoint", kit.dynamo.endpoint());
        settings.put("emulator.trust.all.certificates", "true");
        settings.put("aws.access.key.id", "emulator");
        settings.put("aws.secret.access.key", "emulator");
        settings.put("region", "us-east-1");
        settings.put("stream", stream);
        settings.put("index", stream);
        settings.put("application.name", app);
        settings.put("management.port", "0");
        // this test reads the state without a token: its API on loopback, open (WorkerProcessIT covers the locked one)
        settings.put("management.bind", "127.0.0.1");
        settings.remove("management.auth");
        settings.remove("management.credentials.file");
        kit.config(stream, app, stream).forEach((k, v) -> {
            if (k.startsWith("kcl.")) {
                settings.put(k, v);
            }
        });
        try (KinesisWorker worker = kit.startInProcess(settings)) {
            int port = worker.managementPort();
            Await.quietly("both shards subscribed (pointer.init.reset=latest)", Duration.ofSeconds(60),
                    () -> kit.state(port).path("partitions").size() == 2);
            Thread.sleep(1_500);
            List<WorkerTestKit.Put> puts = kit.put(stream, new ChangeStream(200, 200, 9).payloads(), WorkerTestKit::idOf);
            Await.quietly("200 records over fan-out checkpointed", Duration.ofSeconds(60),
                    () -> WorkerTestKit.lastSequenceNumbers(puts).equals(kit.checkpoints(app)));
            assertEquals(200, WorkerTestKit.total(kit.state(port), "total_processed_count"));
        }
    }

    @Test
    void theDataStreamExampleAppendsEachRecordOnce() throws Exception {
        String stream = WorkerTestKit.unique("clicks");
        String app = WorkerTestKit.unique("app-clicks");
        kit.createStream(stream, 1);
        Map<String, String> settings = WorkerConfigFile.read(ConfigExamplesTest.examples().resolve("data-stream.json"));
        kit.config(stream, app, "events-" + stream).forEach((k, v) -> {
            if (!k.equals("index")) {
                settings.put(k, v); // the emulators, fast timings, this test's stream; the example's index template
            }
        });
        settings.put("pointer.init.reset", "earliest");
        List<byte[]> payloads = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            payloads.add(("{\"click\":" + i + ",\"event_time\":\"2026-12-04T10:00:" + (10 + i) + "Z\"}").getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        payloads.add("{\"click\":20}".getBytes(java.nio.charset.StandardCharsets.UTF_8)); // no event_time
        List<WorkerTestKit.Put> puts = kit.put(stream, payloads, p -> "user-1");
        String dataStream = "events-" + stream;
        try (KinesisWorker worker = kit.startInProcess(settings)) {
            Await.quietly("21 records checkpointed", Duration.ofSeconds(60),
                    () -> WorkerTestKit.lastSequenceNumbers(puts).equals(kit.checkpoints(app)));
        }
        assertEquals(200, kit.openSearch.client().get(kit.openSearch.url() + "/_data_stream/" + dataStream).status(),
                "the data stream, from the index template data_stream.create_template made");
        Map<String, IndexReader.Doc> docs = IndexReader.readAll(kit.openSearch, dataStream);
        assertEquals(20, docs.size());
        IndexReader.Doc first = docs.get(stream + "-shardId-000000000000-" + puts.get(0).sequenceNumber());
        assertTrue(first != null, "ids from the shard and sequence number: " + docs.keySet());
        assertEquals("2026-12-04T10:00:10Z", first.source().path("@timestamp").asText(), "@timestamp from event_time");
        Map<String, IndexReader.Doc> letters = IndexReader.readAll(kit.openSearch, "dead-letters-" + stream);
        assertEquals(1, letters.size());
        assertEquals("MISSING_TIMESTAMP", letters.values().iterator().next().source().path("reason").asText());
    }

    @Test
    void deadLettersOfAFixedMappingAreReDrivenThroughTheManagementApi() throws Exception {
        String stream = WorkerTestKit.unique("redrive");
        String app = WorkerTestKit.unique("app-redrive");
        String index = "orders-" + stream;
        String dlq = "dead-letters-" + stream;
        kit.createStream(stream, 1);
        Pipelines.createIndex(kit.openSearch, index, "{\"dynamic\":\"strict\",\"properties\":{\"n\":{\"type\":\"integer\"}}}");
        List<byte[]> payloads = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            payloads.add(("{\"_id\":\"k" + i + "\",\"_version\":1,\"_source\":{\"n\":" + i + ",\"note\":\"a\"}}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        payloads.add("{\"_id\":\"k0\",\"_version\":2,\"_source\":{\"n\":100}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<WorkerTestKit.Put> puts = kit.put(stream, payloads, p -> "orders");
        Map<String, String> settings = kit.config(stream, app, index);
        settings.put("error_strategy", "DROP");
        settings.put("dlq.index", dlq);
        settings.put("dlq.redrive.index", "inlet-redrive-" + stream);
        try (KinesisWorker worker = kit.startInProcess(settings)) {
            int port = worker.managementPort();
            Await.quietly("21 records checkpointed", Duration.ofSeconds(60),
                    () -> WorkerTestKit.lastSequenceNumbers(puts).equals(kit.checkpoints(app)));
            Map<String, IndexReader.Doc> letters = IndexReader.readAll(kit.openSearch, dlq);
            assertEquals(20, letters.size());
            assertTrue(letters.values().stream().allMatch(d -> d.source().path("record_timestamp").asLong() > 0),
                    "dead letters keep the approximate arrival time: " + letters.values().iterator().next());
            assertEquals("none", kit.state(port).path("redrive").path("status").asText());

            assertTrue(kit.openSearch.client().put(kit.openSearch.url() + "/" + index + "/_mapping",
                    "{\"properties\":{\"note\":{\"type\":\"keyword\"}}}").ok());
            Http.Response r = kit.call(port, "POST", "/ingestion/dead-letters/_redrive?wait_for_completion=true",
                    "{\"shard\":\"shardId-000000000000\"}");
            assertEquals(200, r.status(), r.body());
            JsonNode run = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("redrive");
            assertEquals("done", run.path("status").asText(), run.toString());
            assertEquals(19, run.path("indexed").asLong(), run.toString());
            assertEquals(1, run.path("stale").asLong(), "k0 holds version 2: " + run);
            Map<String, IndexReader.Doc> docs = IndexReader.readAll(kit.openSearch, index);
            assertEquals(20, docs.size());
            assertEquals(2, docs.get("k0").version());
            assertEquals(100, docs.get("k0").source().path("n").asInt(), "the newer version stays");
            assertEquals("a", docs.get("k7").source().path("note").asText());
            JsonNode state = kit.state(port).path("redrive");
            assertEquals("done", state.path("status").asText(), state.toString());
            assertEquals(20, state.path("processed").asLong(), state.toString());

            Http.Response again = kit.call(port, "POST", "/ingestion/dead-letters/_redrive?wait_for_completion=true", "");
            assertEquals(0, new com.fasterxml.jackson.databind.ObjectMapper().readTree(again.body()).path("redrive").path("selected").asLong(), again.body());
            assertEquals(docs, IndexReader.readAll(kit.openSearch, index), "a second run changes nothing");
        }
    }

    @Test
    void pauseStopsReadingAndResumeContinues() throws Exception {
        String stream = WorkerTestKit.unique("pause");
        String app = WorkerTestKit.unique("app-pause");
        kit.createStream(stream, 1);
        ChangeStream first = new ChangeStream(50, 50, 1);
        List<WorkerTestKit.Put> before = kit.put(stream, first.payloads(), WorkerTestKit::idOf);
        try (KinesisWorker worker = kit.startInProcess(kit.config(stream, app, stream))) {
            int port = worker.managementPort();
            Await.quietly("first 50 checkpointed", Duration.ofSeconds(60),
                    () -> WorkerTestKit.lastSequenceNumbers(before).equals(kit.checkpoints(app)));
            Http.Response paused = kit.call(port, "POST", "/ingestion/_pause", null);
            assertEquals(200, paused.status(), paused.body());
            JsonNode state = kit.state(port);
            assertTrue(state.path("paused").asBoolean(), state.toString());
            JsonNode shard = WorkerTestKit.shard(state, "shardId-000000000000");
            assertTrue(shard.path("paused").asBoolean(), shard.toString());
            assertEquals("PAUSED", shard.path("poller_state").asText());

            List<WorkerTestKit.Put> during = kit.put(stream, new ChangeStream(30, 30, 2).payloads(), WorkerTestKit::idOf);
            Thread.sleep(2_000);
            assertEquals(50, WorkerTestKit.total(kit.state(port), "total_processed_count"), "nothing read while paused");

            Http.Response resumed = kit.call(port, "POST", "/ingestion/_resume", "");
            assertEquals(200, resumed.status(), resumed.body());
            Await.quietly("the 30 put while paused checkpointed", Duration.ofSeconds(60),
                    () -> WorkerTestKit.lastSequenceNumbers(during).equals(kit.checkpoints(app)));
            JsonNode after = WorkerTestKit.shard(kit.state(port), "shardId-000000000000");
            assertEquals(false, after.path("paused").asBoolean());
            assertEquals(80, after.path("counters").path("total_processed_count").asLong(), after.toString());
        }
    }
}
