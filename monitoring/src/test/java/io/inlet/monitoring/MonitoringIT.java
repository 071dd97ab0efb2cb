package io.inlet.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.common.metrics.InletMetric;
import io.inlet.kinesis.config.AwsSettings;
import io.inlet.kinesis.config.KclTimings;
import io.inlet.kinesis.kcl.KinesisClients;
import io.inlet.services.Await;
import io.inlet.services.Http;
import io.inlet.services.KafkaProcesses;
import io.inlet.services.LocalProcess;
import io.inlet.services.NodeService;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.Ports;
import io.inlet.services.PrometheusServer;
import io.inlet.services.Services;
import io.inlet.services.Workspace;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * {@code config-examples/monitoring} against a real Prometheus: with the example {@code prometheus.yml} (this stack's
 * targets) it scrapes a Kinesis worker ({@code /metrics}) and a Connect worker running the JMX exporter agent with
 * {@code connect-jmx-exporter.yml}, with {@code inlet-alerts.yml} as its rules, while a stream flows into each. The Connect side runs BLOCK and meets a poison message; the Kinesis
 * side runs DROP and meets one too. Then: {@code promtool check rules} accepts the rules; both runtimes expose Inlet's
 * metrics under the same names and label names; every expression of the Grafana dashboard returns series; every
 * metric an alert rule reads exists; and the induced conditions fire their alerts (InletPartitionBlocked pending or
 * firing for the blocked partition, InletDeadLetters for the dropped message).
 */
class MonitoringIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "orders";
    private static final String CONNECTOR = "orders-sink";
    private static final String STREAM = "clicks";
    private static final String APPLICATION = "clicks-app";
    private static final int GOOD = 200;

    @Test
    void prometheusScrapesBothRuntimesAndEveryPanelAndRuleHasItsSeries() throws Exception {
        Workspace ws = Workspace.detect();
        Path examples = ws.root().resolve("config-examples/monitoring");
        Path rules = examples.resolve("inlet-alerts.yml");
        Map.Entry<Integer, String> check = PrometheusServer.promtool("check", "rules", rules.toString());
        assertEquals(0, check.getKey(), check.getValue());

        Path dir = ws.work().resolve("monitoring-it");
        Path agent = ws.root().resolve("monitoring/target/agents/jmx_prometheus_javaagent.jar");
        assertTrue(Files.isRegularFile(agent), agent + " is copied by the monitoring module's build");
        int agentPort = Ports.free();
        int managementPort = Ports.free();
        OpenSearchNode node = Services.openSearch3();
        Http http = Http.plain();

        try (KafkaProcesses kafka = KafkaProcesses.startBroker(dir.resolve("kafka"), Ports.free(), "512m");
             NodeService kinesis = NodeService.kinesis();
             NodeService dynamo = NodeService.dynamo();
             KinesisClients aws = KinesisClients.create(AwsSettings.forEmulators(URI.create(kinesis.endpoint()),
                     URI.create(dynamo.endpoint())))) {
            kafka.startWorker(Ports.free(), ws.root().resolve("connector-kafka/target/plugin"), "512m",
                    Map.of("plugin.discovery", "service_load"),
                    List.of("-javaagent:" + agent + "=127.0.0.1:" + agentPort + ":"
                            + examples.resolve("connect-jmx-exporter.yml")));
            kafkaSide(kafka, node, http);
            try (LocalProcess worker = kinesisSide(ws, dir, kinesis, dynamo, aws, node, managementPort);
                 PrometheusServer prometheus = PrometheusServer.start(dir.resolve("prometheus"),
                         prometheusConfig(dir, examples, agentPort, managementPort))) {
                Prometheus p = new Prometheus(http, prometheus.url());
                Await.quietly("both runtimes scraped, the Kafka partition BLOCKED and the Kinesis poison dead-lettered",
                        Duration.ofMinutes(3), () -> !p.query("inlet_blocked{source=\"" + TOPIC + "\"} == 1").isEmpty()
                                && !p.query("inlet_dropped_total{source=\"" + STREAM + "\"}").isEmpty()
                                && p.query("sum(inlet_processed_total{source=\"" + STREAM + "\"})").path(0)
                                        .path("value").path(1).asDouble() >= GOOD + 1);

                // the same names and label names on both runtimes
                String exported = http.get("http://127.0.0.1:" + agentPort + "/metrics").body().lines()
                        .filter(l -> l.startsWith("inlet_")).reduce("", (a, b) -> a + b + "\n");
                JsonNode kafkaProcessed = p.query("inlet_processed_total{pipeline=\"" + CONNECTOR + "\"}");
                assertTrue(kafkaProcessed.size() > 0, "the JMX exporter's inlet_ lines:\n" + exported);
                Set<String> kafkaLabels = labelNames(kafkaProcessed);
                Set<String> kinesisLabels = labelNames(p.query("inlet_processed_total{pipeline=\"" + APPLICATION + "\"}"));
                assertEquals(Set.of("pipeline", "task", "source", "partition"), kafkaLabels);
                assertEquals(kafkaLabels, kinesisLabels);
                Set<String> jvm = new TreeSet<>();
                p.query("jvm_memory_used_bytes{area=\"heap\"}").forEach(x -> jvm.add(x.path("metric").path("job").asText()));
                assertEquals(Set.of("connect", "kinesis-worker"), jvm, "the JVM's heap under one name from both");

                // every documented metric from each runtime (dead letters only where one was dropped, the lag in
                // messages only where the source tells it), and the worker's JVM and process metrics
                for (InletMetric m : InletMetric.values()) {
                    String name = m.prometheusName() + (m.type() == InletMetric.Type.HISTOGRAM ? "_bucket" : "");
                    Set<String> jobs = new TreeSet<>();
                    p.query(name).forEach(series -> jobs.add(series.path("metric").path("job").asText()));
                    Set<String> expected = m == InletMetric.DROPPED ? Set.of("kinesis-worker")
                            : m == InletMetric.LAG_MESSAGES ? Set.of("connect") : Set.of("connect", "kinesis-worker");
                    assertEquals(expected, jobs, name + " by job");
                }
                assertTrue(!p.query("process_cpu_seconds_total{job=\"kinesis-worker\"}").isEmpty());
                // Connect's own task metrics, under the same pipeline and task labels
                assertTrue(!p.query("kafka_connect_task_status{pipeline=\"" + CONNECTOR + "\",task=\"0\",status=\"running\"}")
                        .isEmpty(), "the task's status");
                assertTrue(p.query("{__name__=~\"kafka_connect_sink_task_.+\",pipeline=\"" + CONNECTOR + "\",task=\"0\"}")
                        .size() >= 5, "the sink task's metrics");

                // every dashboard expression returns series (All selected: the variables match everything)
                JsonNode dashboard = JSON.readTree(examples.resolve("grafana-dashboard.json").toFile());
                List<String> empty = new ArrayList<>();
                int expressions = 0;
                Await.quietly("every dashboard expression to return series", Duration.ofSeconds(60), () -> {
                    empty.clear();
                    for (JsonNode panel : dashboard.path("panels")) {
                        for (JsonNode target : panel.path("targets")) {
                            String expr = target.path("expr").asText().replace("$pipeline", ".*").replace("$source", ".*");
                            if (p.query(expr).isEmpty()) {
                                empty.add(panel.path("title").asText() + ": " + expr);
                            }
                        }
                    }
                    return empty.isEmpty();
                });
                for (JsonNode panel : dashboard.path("panels")) {
                    expressions += panel.path("targets").size();
                }
                assertTrue(expressions >= 15 && empty.isEmpty(), "without series: " + empty);

                // every metric an alert rule reads exists, and the induced conditions fire
                Matcher names = Pattern.compile("\\b(inlet_[a-z_]+|jvm_[a-z_]+)\\b").matcher(Files.readString(rules));
                Set<String> read = new TreeSet<>();
                while (names.find()) {
                    read.add(names.group(1));
                }
                assertTrue(read.size() >= 8, read.toString());
                for (String name : read) {
                    assertTrue(!p.query(name).isEmpty(), "the rules read " + name + ", which no target exposes");
                }
                Await.quietly("InletPartitionBlocked for " + TOPIC + " and InletDeadLetters for " + STREAM,
                        Duration.ofSeconds(60), () -> p.alert("InletPartitionBlocked", TOPIC) && p.alert("InletDeadLetters", STREAM));
                System.out.println("MonitoringIT: " + expressions + " dashboard expressions and " + read.size()
                        + " metrics of the rules have series; alerts " + p.alerts());
            }
        }
    }

    /** A one-partition topic into OpenSearch under BLOCK: {@value #GOOD} envelopes, then one that is not JSON. */
    private static void kafkaSide(KafkaProcesses kafka, OpenSearchNode node, Http http) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        ObjectNode config = JSON.createObjectNode()
                .put("connector.class", "io.inlet.kafka.InletSinkConnector").put("tasks.max", "1").put("topics", TOPIC)
                .put("key.converter", "org.apache.kafka.connect.storage.StringConverter")
                .put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter")
                .put("opensearch.hosts", node.url()).put("index", "monitoring-orders").put("error_strategy", "BLOCK")
                .put("kafka.bootstrap.servers", kafka.bootstrapServers());
        Http.Response r = http.put(kafka.connectUrl() + "/connectors/" + CONNECTOR + "/config", config.toString());
        assertTrue(r.ok(), r.body());
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < GOOD; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k" + i, envelope(i)));
            }
            producer.send(new ProducerRecord<>(TOPIC, "poison", "{not json"));
            producer.flush();
        }
    }

    /** The worker jar under DROP on a one-shard stream: {@value #GOOD} envelopes, then one that is not JSON. */
    private static LocalProcess kinesisSide(Workspace ws, Path dir, NodeService kinesis, NodeService dynamo,
            KinesisClients aws, OpenSearchNode node, int managementPort) throws Exception {
        aws.kinesis().createStream(b -> b.streamName(STREAM).shardCount(1)).join();
        Await.quietly("stream " + STREAM + " ACTIVE", Duration.ofSeconds(30), () -> aws.kinesis()
                .describeStreamSummary(b -> b.streamName(STREAM)).join().streamDescriptionSummary().streamStatus()
                == StreamStatus.ACTIVE);
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < GOOD; i++) {
            entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromUtf8String(envelope(i))).build());
        }
        entries.add(PutRecordsRequestEntry.builder().partitionKey("poison").data(SdkBytes.fromUtf8String("{not json")).build());
        assertEquals(0, aws.kinesis().putRecords(b -> b.streamName(STREAM).records(entries)).join().failedRecordCount());
        Map<String, String> c = new TreeMap<>(Map.ofEntries(
                Map.entry("opensearch.hosts", node.url()), Map.entry("index", "monitoring-clicks"),
                Map.entry("error_strategy", "DROP"), Map.entry("dlq.index", "monitoring-clicks-dlq"),
                Map.entry("stream", STREAM), Map.entry("region", "us-east-1"),
                Map.entry("kinesis.endpoint", kinesis.endpoint()), Map.entry("dynamodb.endpoint", dynamo.endpoint()),
                Map.entry("aws.access.key.id", "local"), Map.entry("aws.secret.access.key", "local"),
                Map.entry("application.name", APPLICATION), Map.entry("worker.id", "worker-1"),
                Map.entry("management.port", Integer.toString(managementPort)), Map.entry("polling.idle.ms", "200")));
        c.putAll(KclTimings.fast().asSettings());
        Files.createDirectories(dir);
        Path file = Files.writeString(dir.resolve("worker.json"), JSON.valueToTree(c).toPrettyString());
        Path jar = ws.root().resolve("connector-kinesis/target/inlet-kinesis-worker.jar");
        return LocalProcess.start("monitored worker", List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m", "-jar", jar.toString(), "--config", file.toString()), dir, Map.of(),
                ws.work().resolve("logs/monitoring-worker.log"));
    }

    private static String envelope(int i) {
        return "{\"_id\":\"d" + (i % 50) + "\",\"_version\":" + (i + 1) + ",\"_source\":{\"n\":" + i + "}}";
    }

    /**
     * {@code config-examples/monitoring/prometheus.yml} as a user adapts it: this stack's targets, the rules file's
     * path, and a one-second scrape and evaluation so that the test need not wait.
     */
    private static Path prometheusConfig(Path dir, Path examples, int agentPort, int managementPort) throws Exception {
        String example = Files.readString(examples.resolve("prometheus.yml"));
        String adapted = example.replace("localhost:8686", "127.0.0.1:" + managementPort)
                .replace("localhost:9404", "127.0.0.1:" + agentPort)
                .replace("- inlet-alerts.yml", "- " + examples.resolve("inlet-alerts.yml").toAbsolutePath())
                .replace("scrape_interval: 15s", "scrape_interval: 1s")
                .replace("evaluation_interval: 15s", "evaluation_interval: 1s");
        assertTrue(adapted.contains("127.0.0.1:" + agentPort) && adapted.contains("127.0.0.1:" + managementPort)
                && adapted.contains("interval: 1s"), adapted);
        Files.createDirectories(dir);
        Path file = Files.writeString(dir.resolve("prometheus.yml"), adapted);
        Map.Entry<Integer, String> check = PrometheusServer.promtool("check", "config", file.toString());
        assertEquals(0, check.getKey(), check.getValue());
        return file;
    }

    private static Set<String> labelNames(JsonNode series) {
        assertTrue(series.size() > 0, "no series");
        Set<String> out = new TreeSet<>();
        series.get(0).path("metric").fieldNames().forEachRemaining(out::add);
        out.removeAll(Set.of("__name__", "job", "instance"));
        return out;
    }

    /** Prometheus's HTTP API. */
    private record Prometheus(Http http, String url) {

        JsonNode query(String expr) throws Exception {
            Http.Response r = http.get(url + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
            assertTrue(r.ok(), expr + ": " + r.body());
            return JSON.readTree(r.body()).path("data").path("result");
        }

        JsonNode alerts() throws Exception {
            return JSON.readTree(http.get(url + "/api/v1/alerts").body()).path("data").path("alerts");
        }

        /** Whether {@code name} is pending or firing for {@code source}. */
        boolean alert(String name, String source) throws Exception {
            for (JsonNode a : alerts()) {
                if (a.path("labels").path("alertname").asText().equals(name)
                        && a.path("labels").path("source").asText().equals(source)
                        && Set.of("pending", "firing").contains(a.path("state").asText())) {
                    return true;
                }
            }
            return false;
        }
    }
}
