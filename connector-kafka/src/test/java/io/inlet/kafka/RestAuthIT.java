package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.it.IndexReader;
import io.inlet.kafka.rest.InletRestExtension;
import io.inlet.services.Await;
import io.inlet.services.Http;
import io.inlet.services.KafkaProcesses;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.Ports;
import io.inlet.services.Services;
import io.inlet.services.Workspace;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inlet's REST extension behind Connect's own REST authentication ({@code BasicAuthSecurityRestExtension}, JAAS
 * {@code PropertyFileLoginModule}), on a Connect worker in a JVM of its own (JAAS is configured per JVM). Connect's
 * endpoints and Inlet's answer 401 without the right credentials, and a refused pause or reset changes nothing; with
 * them, pause and reset work (Inlet passes the caller's credentials on to Connect's own API). The connector reaches a
 * TLS + basic auth OpenSearch as a user of its own whose password, like the truststore's, comes from Connect's
 * {@code FileConfigProvider}: neither secret shows in the worker's logs, in Connect's config, status and task
 * answers, nor in Inlet's state.
 */
class RestAuthIT {

    private static final String NAME = "rest-auth";
    private static final String TOPIC = "rest-auth";
    private static final String INDEX = "rest-auth";
    private static final String OS_USER = "inlet-rest-auth-writer";
    private static final String OS_ROLE = "inlet_rest_auth_writer";
    private static final String CONNECT_USER = "connect-operator";
    private static final int MESSAGES = 60;

    @Test
    void connectAndInletEndpointsNeedTheWorkersCredentialsAndNoSecretLeaks(@TempDir Path dir) throws Exception {
        CompletableFuture<OpenSearchNode> os = CompletableFuture.supplyAsync(Services::openSearch2Secure);
        String osPassword = secret("Os-");
        String trustPassword = secret("Ts-");
        String connectPassword = secret("Cn-");
        Path credentials = dir.resolve("connect-credentials.properties");
        Files.writeString(credentials, CONNECT_USER + "=" + connectPassword + "\n");
        Path jaas = dir.resolve("connect-jaas.conf");
        Files.writeString(jaas, "KafkaConnect {\n  org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule"
                + " required\n  file=\"" + credentials + "\";\n};\n");
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "opensearch.password=" + osPassword + "\ntruststore.password=" + trustPassword + "\n");
        Path truststore = dir.resolve("truststore.p12");

        Workspace ws = Workspace.detect();
        Path pluginPath = ws.root().resolve("connector-kafka/target/plugin");
        assertTrue(pluginPath.resolve("inlet-kafka-connect/lib").toFile().isDirectory(),
                "the plugin folder " + pluginPath + " is built by 'mvn package'");
        Map<String, String> worker = new LinkedHashMap<>();
        worker.put("rest.extension.classes", "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension,"
                + InletRestExtension.class.getName());
        worker.put("plugin.discovery", "service_load");
        worker.put("config.providers", "file");
        worker.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        Http operator = Http.basic(CONNECT_USER, connectPassword);
        Path kafkaDir = ws.work().resolve("rest-auth-it");

        try (KafkaProcesses kafka = KafkaProcesses.startBroker(kafkaDir, Ports.free(), "512m");
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            kafka.startWorker(Ports.free(), pluginPath, "512m", worker,
                    List.of("-Djava.security.auth.login.config=" + jaas), operator);
            String connect = kafka.connectUrl();
            // INFO from Connect too (the fixture's default is WARN), so that the configs it logs are in the log we search
            assertTrue(operator.put(connect + "/admin/loggers/root", "{\"level\":\"INFO\"}").ok());
            OpenSearchNode node = os.join();
            try {
                createWriter(node, osPassword);
                writeTruststore(node.rootCa(), truststore, trustPassword);
                ConnectTestSupport.createTopic(admin, TOPIC, 2);
                List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
                for (int i = 0; i < MESSAGES; i++) {
                    records.add(ConnectTestSupport.record(TOPIC, null, "a-" + i, "{\"_id\":\"a-" + i + "\",\"_source\":{\"n\":" + i + "}}"));
                }
                ConnectTestSupport.send(kafka.bootstrapServers(), records);

                Map<String, String> config = ConnectTestSupport.config(node, TOPIC, INDEX);
                config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
                config.put("opensearch.auth.type", "basic");
                config.put("opensearch.username", OS_USER);
                config.put("opensearch.password", "${file:" + secrets + ":opensearch.password}");
                config.put("opensearch.tls.truststore.path", truststore.toString());
                config.put("opensearch.tls.truststore.password", "${file:" + secrets + ":truststore.password}");
                assertEquals(401, Http.plain().put(connect + "/connectors/" + NAME + "/config",
                        ConnectTestSupport.JSON.writeValueAsString(config)).status(), "deploying needs the credentials too");
                ConnectTestSupport.deploy(operator, connect, NAME, config);
                Await.quietly(MESSAGES + " documents written by " + OS_USER, Duration.ofMinutes(2),
                        () -> IndexReader.count(node, INDEX) == MESSAGES);
                JsonNode state = ConnectTestSupport.awaitCaughtUp(operator, connect, NAME, 2, Duration.ofMinutes(1));
                assertEquals(MESSAGES, ConnectTestSupport.total(state, "total_processed_count"), state.toString());

                refusedWithoutTheRightCredentials(kafka, admin, operator, connectPassword);
                JsonNode caughtUp = allowedWithThem(connect, admin, operator);
                noSecretAnywhere(kafka, kafkaDir, operator, secrets, caughtUp,
                        List.of(osPassword, trustPassword, connectPassword));
                secretsAreReal(node, osPassword, truststore, trustPassword);
            } finally {
                cleanUp(kafka, admin, operator, node);
            }
        }
    }

    /** Connect's and Inlet's endpoints refuse a request without credentials or with wrong ones; nothing changes. */
    private static void refusedWithoutTheRightCredentials(KafkaProcesses kafka, Admin admin, Http operator,
                                                          String connectPassword) throws Exception {
        String connect = kafka.connectUrl();
        Await.quietly("all " + MESSAGES + " offsets committed before the refused requests", Duration.ofMinutes(1),
                () -> ConnectTestSupport.sum(ConnectTestSupport.groupOffsets(admin, NAME)) == MESSAGES);
        Map<Integer, Long> committed = ConnectTestSupport.groupOffsets(admin, NAME);
        String reset = "{\"reset_settings\":[{\"partition\":0,\"mode\":\"earliest\"},{\"partition\":1,\"mode\":\"earliest\"}]}";
        Map<String, Http> strangers = new LinkedHashMap<>();
        strangers.put("no credentials", Http.plain());
        strangers.put("a wrong password", Http.basic(CONNECT_USER, connectPassword + "x"));
        strangers.put("an unknown user", Http.basic("intruder", connectPassword));
        strangers.forEach((who, http) -> {
            for (Http.Response r : List.of(
                    http.get(connect + "/connectors"),
                    http.get(connect + "/connectors/" + NAME + "/config"),
                    http.put(connect + "/connectors/" + NAME + "/pause", null),
                    http.get(connect + "/inlet/connectors/" + NAME + "/state"),
                    http.post(connect + "/inlet/connectors/" + NAME + "/_pause", ""),
                    http.post(connect + "/inlet/connectors/" + NAME + "/_resume", reset))) {
                assertEquals(401, r.status(), who + ": " + r.body());
            }
        });
        Thread.sleep(3_000); // a pause or a reset that got through would show by now
        JsonNode status = ConnectTestSupport.status(operator, connect, NAME);
        assertEquals("RUNNING", status.path("connector").path("state").asText(), status.toString());
        status.path("tasks").forEach(t -> assertEquals("RUNNING", t.path("state").asText(), status.toString()));
        assertEquals(committed, ConnectTestSupport.groupOffsets(admin, NAME), "the refused reset rewrote no offset");
        JsonNode state = ConnectTestSupport.state(operator, connect, NAME);
        assertEquals(MESSAGES, ConnectTestSupport.total(state, "total_processed_count"), "nothing re-read: " + state);
    }

    /**
     * With the credentials, Connect's list and Inlet's state, pause, resume and reset (through Connect's API) work.
     * Returns the state once caught up again.
     */
    private static JsonNode allowedWithThem(String connect, Admin admin, Http operator) throws Exception {
        Http.Response list = operator.get(connect + "/connectors");
        assertEquals(200, list.status(), list.body());
        assertTrue(list.body().contains("\"" + NAME + "\""), list.body());
        assertEquals(200, operator.get(connect + "/inlet/connectors/" + NAME + "/state").status());

        Http.Response pause = operator.post(connect + "/inlet/connectors/" + NAME + "/_pause", "");
        assertEquals(200, pause.status(), pause.body());
        Await.quietly("connector PAUSED", Duration.ofSeconds(60), () -> "PAUSED".equals(connectorState(operator, connect)));
        Http.Response resume = operator.post(connect + "/inlet/connectors/" + NAME + "/_resume", "");
        assertEquals(200, resume.status(), resume.body());
        Await.quietly("connector RUNNING", Duration.ofSeconds(60), () -> "RUNNING".equals(connectorState(operator, connect)));

        // a reset stops the connector, rewrites its offsets and resumes it, each through Connect's API as the caller
        Map<Integer, Long> committed = ConnectTestSupport.groupOffsets(admin, NAME);
        Http.Response reset = operator.post(connect + "/inlet/connectors/" + NAME + "/_resume",
                "{\"reset_settings\":[{\"partition\":0,\"mode\":\"latest\"},{\"partition\":1,\"mode\":\"latest\"}]}");
        assertEquals(200, reset.status(), reset.body());
        Await.quietly("connector RUNNING after the reset", Duration.ofSeconds(60),
                () -> "RUNNING".equals(connectorState(operator, connect)));
        assertEquals(committed, ConnectTestSupport.groupOffsets(admin, NAME), "reset to latest = where it was");
        return ConnectTestSupport.awaitCaughtUp(operator, connect, NAME, 2, Duration.ofMinutes(1));
    }

    /** Neither the worker's logs nor what Connect and Inlet answer about the connector holds a secret. */
    private static void noSecretAnywhere(KafkaProcesses kafka, Path kafkaDir, Http operator, Path secrets,
                                         JsonNode caughtUp, List<String> passwords) throws Exception {
        String connect = kafka.connectUrl();
        String file = Files.readString(secrets);
        passwords.subList(0, 2).forEach(p -> assertTrue(file.contains(p), "the secrets file holds " + p.substring(0, 3) + "…"));
        Map<String, String> answers = new LinkedHashMap<>();
        for (String path : List.of("/connectors/" + NAME + "/config", "/connectors/" + NAME + "/status",
                "/connectors/" + NAME + "/tasks", "/connectors/" + NAME, "/connectors?expand=info&expand=status",
                "/inlet/connectors/" + NAME + "/state")) {
            Http.Response r = operator.get(connect + path);
            assertEquals(200, r.status(), path + ": " + r.body());
            answers.put("GET " + path, r.body());
        }
        assertTrue(answers.get("GET /connectors/" + NAME + "/config").contains("${file:" + secrets + ":opensearch.password}"),
                "Connect shows the placeholder");
        assertTrue(answers.get("GET /connectors/" + NAME + "/tasks").contains("opensearch.password"),
                "the task configs name the setting");
        answers.put("the state when caught up", caughtUp.toString());
        assertEquals(2, caughtUp.path("partitions").size(), "the state was read from OpenSearch with the resolved password: "
                + caughtUp);
        try (Stream<Path> files = Files.walk(kafkaDir.resolve("logs"))) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                answers.put(log.toString(), Files.readString(log));
            }
        }
        String workerLog = Files.readString(kafka.worker().log());
        assertTrue(workerLog.contains("opensearch.password = [hidden]"), "the worker logged the connector's config");
        answers.forEach((where, text) -> {
            for (int i = 0; i < passwords.size(); i++) {
                assertFalse(text.contains(passwords.get(i)), "secret " + i + " appears in " + where);
            }
        });
    }

    /** The secrets are the ones in use: the user's password opens OpenSearch (and a wrong one doesn't), the truststore's opens it. */
    private static void secretsAreReal(OpenSearchNode node, String osPassword, Path truststore, String trustPassword)
            throws Exception {
        Http.Response who = Http.insecure(OS_USER, osPassword).get(node.url() + "/_plugins/_security/authinfo");
        assertEquals(200, who.status(), who.body());
        assertTrue(who.body().contains(OS_USER), who.body());
        assertEquals(401, Http.insecure(OS_USER, osPassword + "x").get(node.url() + "/_plugins/_security/authinfo").status());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(truststore)) {
            ks.load(in, trustPassword.toCharArray());
        }
        assertTrue(ks.size() > 0);
    }

    /** A role with every permission and a user of the connector's own, created through the security plugin's API. */
    private static void createWriter(OpenSearchNode node, String password) {
        Http admin = node.client();
        Http.Response role = admin.put(node.url() + "/_plugins/_security/api/roles/" + OS_ROLE,
                "{\"cluster_permissions\":[\"*\"],\"index_permissions\":[{\"index_patterns\":[\"*\"],\"allowed_actions\":[\"*\"]}]}");
        assertTrue(role.ok(), role.status() + " " + role.body());
        Http.Response user = admin.put(node.url() + "/_plugins/_security/api/internalusers/" + OS_USER,
                "{\"password\":\"" + password + "\",\"opendistro_security_roles\":[\"" + OS_ROLE + "\"]}");
        assertTrue(user.ok(), user.status() + " " + user.body());
    }

    private static void writeTruststore(Path rootCa, Path file, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(rootCa)) {
            ks.setCertificateEntry("root-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
    }

    private static String connectorState(Http operator, String connect) throws Exception {
        return ConnectTestSupport.status(operator, connect, NAME).path("connector").path("state").asText();
    }

    /** A password no log line holds by chance: a prefix and 24 random hex digits. */
    private static String secret(String prefix) {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return prefix + HexFormat.of().formatHex(b) + "-Q";
    }

    /** The connector first (so nothing writes again), then the topic, the index, the user and its role. */
    private static void cleanUp(KafkaProcesses kafka, Admin admin, Http operator, OpenSearchNode node) throws Exception {
        String connect = kafka.connectUrl();
        operator.delete(connect + "/connectors/" + NAME);
        Await.until("connector " + NAME + " deleted", Duration.ofSeconds(60),
                () -> operator.get(connect + "/connectors/" + NAME).status() == 404);
        admin.deleteTopics(List.of(TOPIC)).all().get(60, TimeUnit.SECONDS);
        Http os = node.client();
        os.delete(node.url() + "/" + INDEX);
        os.delete(node.url() + "/_plugins/_security/api/internalusers/" + OS_USER);
        os.delete(node.url() + "/_plugins/_security/api/roles/" + OS_ROLE);
    }
}
