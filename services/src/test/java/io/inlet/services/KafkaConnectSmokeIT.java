package io.inlet.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Kafka and Kafka Connect, in-process for JUnit and as separate JVMs for the demo and the benchmark. */
class KafkaConnectSmokeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void embeddedBrokerProducesAndConsumes() {
        EmbeddedKafkaConnect kc = Services.kafkaConnect();
        kc.cluster().kafka().createTopic("smoke-pc", 2);
        List<String> sent = produce(kc.bootstrapServers(), "smoke-pc", 10);
        assertEquals(sent, consume(kc.bootstrapServers(), "smoke-pc", 10));
    }

    @Test
    void embeddedWorkerRunsASinkDeployedThroughTheRestApi() throws Exception {
        EmbeddedKafkaConnect kc = Services.kafkaConnect();
        kc.cluster().kafka().createTopic("smoke-sink", 1);
        Http http = Http.plain();
        String config = "{\"connector.class\":\"" + SmokeSinkConnector.class.getName() + "\",\"tasks.max\":\"1\","
                + "\"topics\":\"smoke-sink\",\"key.converter\":\"org.apache.kafka.connect.storage.StringConverter\","
                + "\"value.converter\":\"org.apache.kafka.connect.storage.StringConverter\"}";
        Http.Response put = http.put(kc.connectUrl() + "/connectors/smoke/config", config);
        assertTrue(put.ok(), put.body());
        produce(kc.bootstrapServers(), "smoke-sink", 25);
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode status = null;
        while (System.currentTimeMillis() < deadline) {
            Http.Response r = http.get(kc.connectUrl() + "/connectors/smoke/status");
            if (r.ok()) {
                status = JSON.readTree(r.body());
                if ("RUNNING".equals(status.path("tasks").path(0).path("state").asText())
                        && SmokeSinkConnector.RECEIVED.get() >= 25) {
                    break;
                }
            }
            Thread.sleep(200);
        }
        assertEquals("RUNNING", status.path("connector").path("state").asText(), String.valueOf(status));
        assertEquals("RUNNING", status.path("tasks").path(0).path("state").asText(), String.valueOf(status));
        assertEquals(25, SmokeSinkConnector.RECEIVED.get());
        assertTrue(http.delete(kc.connectUrl() + "/connectors/smoke").ok());
    }

    @Test
    void brokerAndWorkerAsSeparateProcesses() throws Exception {
        Path dir = Workspace.detect().work().resolve("kafka-processes-smoke");
        Path plugins = Files.createDirectories(Workspace.detect().work().resolve("empty-plugin-path"));
        try (KafkaProcesses kafka = KafkaProcesses.startBroker(dir, Ports.free(), "512m")) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("smoke-proc", 1, (short) 1))).all().get();
            }
            List<String> sent = produce(kafka.bootstrapServers(), "smoke-proc", 5);
            assertEquals(sent, consume(kafka.bootstrapServers(), "smoke-proc", 5));
            kafka.startWorker(Ports.free(), plugins, "512m", Map.of());
            Http.Response root = Http.plain().get(kafka.connectUrl() + "/");
            assertTrue(root.ok(), root.body());
            assertTrue(JSON.readTree(root.body()).path("version").asText().startsWith("4.2"), root.body());
            assertTrue(kafka.worker().isAlive() && kafka.broker().isAlive());
            long brokerPid = kafka.broker().pid();
            long workerPid = kafka.worker().pid();
            kafka.close();
            assertTrue(ProcessHandle.of(brokerPid).map(h -> !h.isAlive()).orElse(true), "broker stopped");
            assertTrue(ProcessHandle.of(workerPid).map(h -> !h.isAlive()).orElse(true), "worker stopped");
        }
    }

    private static List<String> produce(String bootstrap, String topic, int n) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                String v = "{\"n\":" + i + "}";
                producer.send(new ProducerRecord<>(topic, 0, "k" + i, v));
                sent.add(v);
            }
            producer.flush();
        }
        return sent;
    }

    private static List<String> consume(String bootstrap, String topic, int n) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "smoke-" + topic);
        p.put("auto.offset.reset", "earliest");
        List<String> got = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 60_000;
            while (got.size() < n && System.currentTimeMillis() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> r : records) {
                    got.add(new String(r.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
                }
            }
        }
        return got;
    }
}
