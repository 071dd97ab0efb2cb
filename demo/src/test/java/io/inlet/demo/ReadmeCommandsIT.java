package io.inlet.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.services.Http;
import io.inlet.services.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command in README.md's code blocks, run exactly as written: the Kafka demo with its defaults (100,000
 * messages, Connect on 8083) and the {@code curl} that deploys a config from {@code config-examples/} to it;
 * the Kinesis demo with {@code status}, {@code pause}, {@code resume --reset-to} and {@code stop}; the worker
 * jar's two command lines, from a folder holding the jar and a {@code worker.json}. The test command itself
 * ({@code mvn -B verify}) is what {@code .ci/run} runs. A command added to the README without a place here
 * fails {@link #everyReadmeCommandIsRunHereOrByCi}.
 */
class ReadmeCommandsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String KAFKA_DEMO = "bin/inlet";
    private static final String TESTS = "mvn -B verify";
    private static final String DEPLOY = "curl -X PUT http://localhost:8083/connectors/shop/config"
            + " -H 'Content-Type: application/json' -d @config-examples/kafka/envelope.json";
    private static final String KINESIS_DEMO = "bin/inlet kinesis --messages 20000";
    private static final String STATUS = "bin/inlet status";
    private static final String PAUSE = "bin/inlet pause";
    private static final String RESUME = "bin/inlet resume --reset-to \"$(date -u -d '5 minutes ago' +%Y-%m-%dT%H:%M:%SZ)\"";
    private static final String REDRIVE = "bin/inlet redrive";
    private static final String STOP = "bin/inlet stop";
    private static final String WORKER = "java -jar inlet-kinesis-worker.jar --config worker.json";
    private static final String WORKER_CHECK = "java -jar inlet-kinesis-worker.jar --config worker.json --check";

    private static Readme readme() throws Exception {
        return Readme.load(DemoShell.root().resolve("README.md"));
    }

    @Test
    void everyReadmeCommandIsRunHereOrByCi() throws Exception {
        List<String> runHere = List.of(KAFKA_DEMO, DEPLOY, KINESIS_DEMO, STATUS, PAUSE, RESUME, REDRIVE, STOP, WORKER,
                WORKER_CHECK);
        List<String> notRun = new ArrayList<>(readme().commands());
        notRun.removeAll(runHere);
        notRun.remove(TESTS);
        // the migration lines need OpenSearch with the ingestion-kafka or ingestion-kinesis plugin: NativeMigrationIT and
        // NativeKinesisMigrationIT run them
        notRun.removeIf(c -> c.startsWith("java -jar migrate/target/inlet-migrate.jar"));
        assertEquals(List.of(), notRun, "README commands that no test runs: give each a place in this test");
        readme().require(TESTS);
        String ci = Files.readString(DemoShell.root().resolve(".ci/run"));
        assertTrue(ci.lines().map(String::strip).anyMatch(TESTS::equals), ".ci/run runs the README's test command");
    }

    @Test
    void kafkaDemoThenDeployingAConfigExampleWithCurl(@TempDir Path work) throws Exception {
        Readme readme = readme();
        DemoShell shell = new DemoShell(work);
        Path log = work.resolve("demo.out");
        Process demo = shell.start(readme.require(KAFKA_DEMO), DemoShell.root(), log);
        try {
            Matcher result = DemoShell.awaitSummaryOk(demo, log, Duration.ofMinutes(10));
            Properties stack = shell.stack();
            Http http = Http.plain();
            assertTrue(Files.readString(log).contains("shop-changes-3"), "a progress row per partition");
            JsonNode count = JSON.readTree(http.get(stack.getProperty("opensearch") + "/shop/_count").body());
            assertEquals(Long.parseLong(result.group(2)), count.path("count").asLong(), "what it printed is what OpenSearch holds");
            String metricsUrl = stack.getProperty("url.metrics");
            assertTrue(Files.readString(log).contains(metricsUrl), "the demo prints where the metrics are");
            String metrics = http.get(metricsUrl).body();
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("inlet_processed_total{") && l.contains("pipeline=\"shop\""))
                    && metrics.contains("jvm_memory_used_bytes"),
                    "the Connect worker's JMX exporter serves Inlet's metrics: " + metrics);

            // the management commands on the Kafka side (the Kinesis test runs the README's own lines)
            String table = shell.run(readme.require(STATUS));
            assertTrue(table.contains("shop-changes-0") && table.contains("POLLING"), table);
            String connectStatus = "http://localhost:8083/connectors/shop/status";
            shell.run(readme.require(PAUSE));
            await("the connector PAUSED", Duration.ofMinutes(1), () -> connectorState(http, connectStatus, "PAUSED"));
            shell.run("bin/inlet resume");
            await("the connector RUNNING", Duration.ofMinutes(1), () -> connectorState(http, connectStatus, "RUNNING"));
            String rewound = shell.run("bin/inlet resume --reset-to 0");
            assertTrue(rewound.contains("acknowledged"), rewound);
            await("the connector RUNNING after the rewind", Duration.ofMinutes(1),
                    () -> connectorState(http, connectStatus, "RUNNING"));

            // "change the hosts": the config example as a user edits it for this stack, deployed with the README's curl
            Path deploy = work.resolve("deploy");
            Path example = deploy.resolve("config-examples/kafka/envelope.json");
            Files.createDirectories(example.getParent());
            ObjectNode config = (ObjectNode) JSON.readTree(DemoShell.root().resolve("config-examples/kafka/envelope.json").toFile());
            config.put("opensearch.hosts", stack.getProperty("opensearch"));
            config.put("kafka.bootstrap.servers", stack.getProperty("url.kafka"));
            config.put("max_batch_size", "500");
            Files.writeString(example, config.toPrettyString());
            String out = shell.run(readme.require(DEPLOY), deploy, 0);
            JsonNode answer = JSON.readTree(out.substring(out.indexOf('{')));
            assertEquals("shop", answer.path("name").asText(), out);
            assertEquals("500", answer.path("config").path("max_batch_size").asText(), out);
            int tasks = Integer.parseInt(config.path("tasks.max").asText());
            await("the connector RUNNING with the new config", Duration.ofMinutes(1), () -> {
                try {
                    JsonNode status = JSON.readTree(http.get("http://localhost:8083/connectors/shop/status").body());
                    JsonNode live = JSON.readTree(http.get("http://localhost:8083/connectors/shop/config").body());
                    return "RUNNING".equals(status.path("connector").path("state").asText()) && status.path("tasks").size() == tasks
                            && "500".equals(live.path("max_batch_size").asText());
                } catch (Exception e) {
                    return false;
                }
            });

            assertTrue(shell.run(readme.require(STOP)).contains("Stopped"));
            assertTrue(demo.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, demo.exitValue(), Files.readString(log));
            assertEquals(0, shell.liveProcesses(), "no process of the demo is left");
            assertFalse(Files.exists(shell.stackFile()), "the stack file goes with the demo");
        } finally {
            demo.destroy();
        }
    }

    private static boolean connectorState(Http http, String url, String state) {
        try {
            Http.Response r = http.get(url);
            return r.ok() && state.equals(JSON.readTree(r.body()).path("connector").path("state").asText());
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void kinesisDemoWithStatusPauseResumeStopAndTheWorkerJar(@TempDir Path work) throws Exception {
        Readme readme = readme();
        DemoShell shell = new DemoShell(work);
        Path log = work.resolve("demo.out");
        Process demo = shell.start(readme.require(KINESIS_DEMO), DemoShell.root(), log);
        Process worker = null;
        try {
            Matcher result = DemoShell.awaitSummaryOk(demo, log, Duration.ofMinutes(10));
            long expected = Long.parseLong(result.group(3));
            Properties stack = shell.stack();
            Http http = Http.plain();

            String status = shell.run(readme.require(STATUS));
            assertTrue(status.contains("shop-changes-shardId-000000000000") && status.contains("shop-changes-shardId-000000000001"),
                    status);
            assertTrue(shell.run(readme.require(PAUSE)).startsWith("pause:"));
            assertTrue(allShards(http, stack, s -> s.path("paused").asBoolean()), "every shard paused");
            String resumed = shell.run(readme.require(RESUME));
            assertTrue(resumed.startsWith("resume:"), resumed);
            await("every shard resumed", Duration.ofSeconds(30), () -> allShards(http, stack, s -> !s.path("paused").asBoolean()));

            // the demo's poison messages (malformed JSON, a bad version) are refused again and stay; a second run takes none
            http.post(stack.getProperty("opensearch") + "/" + Demo.DLQ_INDEX + "/_refresh", "");
            long dead = JSON.readTree(http.get(stack.getProperty("opensearch") + "/" + Demo.DLQ_INDEX + "/_count").body())
                    .path("count").asLong();
            assertTrue(dead > 0, "the demo dead-letters its poison messages");
            String redrive = shell.run(readme.require(REDRIVE));
            assertTrue(redrive.startsWith("redrive: done, " + dead + " dead letters selected: 0 indexed, 0 deleted, 0 stale, "
                    + dead + " refused again"), redrive);
            assertTrue(shell.run(readme.require(REDRIVE)).startsWith("redrive: done, 0 dead letters selected"));
            JsonNode redriveState = JSON.readTree(http.get(stack.getProperty("state")).body()).path("redrive");
            assertEquals("done", redriveState.path("status").asText(), redriveState.toString());

            // the worker jar's two lines, from a folder holding the jar and a worker.json for this stack
            Path dir = work.resolve("worker");
            Files.createDirectories(dir);
            Files.copy(DemoShell.root().resolve("connector-kinesis/target/inlet-kinesis-worker.jar"), dir.resolve("inlet-kinesis-worker.jar"));
            ObjectNode config = (ObjectNode) JSON.readTree(DemoShell.root().resolve("config-examples/kinesis/polling-local.json").toFile());
            int port = Ports.free();
            config.put("opensearch.hosts", stack.getProperty("opensearch"));
            config.put("kinesis.endpoint", stack.getProperty("url.kinesis"));
            config.put("dynamodb.endpoint", stack.getProperty("url.dynamodb"));
            config.put("stream", KinesisDemo.STREAM);
            // a second application on the demo's stream: its own lease table and worker id (the demo's worker
            // runs the same example config, so sharing its application name would share its leases)
            config.put("application.name", "shop-copy");
            config.put("worker.id", "copy-1");
            config.put("management.port", port);
            Files.writeString(dir.resolve("worker.json"), config.toPrettyString());
            String check = shell.run(readme.require(WORKER_CHECK), dir, 0);
            assertTrue(check.toLowerCase(java.util.Locale.ROOT).contains("valid"), check);

            String copy = stack.getProperty("opensearch") + "/" + KinesisDemo.STREAM;
            // as the README advises for versioned deletes: gc_deletes longer than the replay of the whole stream
            assertTrue(http.put(copy, "{\"settings\":{\"index.gc_deletes\":\"1h\"}}").ok());
            worker = shell.start(readme.require(WORKER), dir, dir.resolve("worker.out"));
            Process w = worker;
            await("the worker jar's index holds the stream's " + expected + " documents", Duration.ofMinutes(5), () -> {
                if (!w.isAlive()) {
                    throw new AssertionError("the worker exited with " + w.exitValue() + ":\n" + read(dir.resolve("worker.out")));
                }
                try {
                    http.post(copy + "/_refresh", "");
                    Http.Response r = http.get(copy + "/_count");
                    return r.ok() && JSON.readTree(r.body()).path("count").asLong() == expected;
                } catch (Exception e) {
                    return false;
                }
            });
            JsonNode state = JSON.readTree(http.get("http://127.0.0.1:" + port + "/ingestion/_state").body());
            assertEquals(2, state.path("partitions").size(), state.toString());
            worker.destroy(); // "run until SIGTERM"
            assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "the worker stops on SIGTERM");
            assertEquals(0, worker.exitValue(), read(dir.resolve("worker.out")));

            assertTrue(shell.run(readme.require(STOP)).contains("Stopped"));
            assertTrue(demo.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, demo.exitValue(), Files.readString(log));
            assertEquals(0, shell.liveProcesses(), "no process of the demo is left");
        } finally {
            if (worker != null) {
                worker.destroyForcibly();
            }
            demo.destroy();
        }
    }

    private static boolean allShards(Http http, Properties stack, java.util.function.Predicate<JsonNode> test) {
        try {
            JsonNode state = JSON.readTree(http.get(stack.getProperty("state")).body());
            boolean all = state.path("partitions").size() > 0;
            for (JsonNode s : state.path("partitions")) {
                all &= test.test(s);
            }
            return all;
        } catch (Exception e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "(no output: " + e + ")";
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
