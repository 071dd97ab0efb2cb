package io.inlet.kinesis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.kinesis.kcl.ConsumerSettings;
import io.inlet.kinesis.kcl.InitialPosition;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class KinesisWorkerConfigTest {

    static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put("opensearch.hosts", "http://localhost:9200");
        m.put("index", "orders");
        m.put("stream", "orders");
        m.put("region", "eu-west-1");
        m.put("application.name", "orders-app");
        return m;
    }

    private static Map<String, String> with(String... kv) {
        Map<String, String> m = minimal();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                m.remove(kv[i]);
            } else {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    private static List<String> problems(String... kv) {
        return WorkerConfigCheck.problems(with(kv));
    }

    private static void assertProblem(String key, String fragment, String... kv) {
        List<String> p = problems(kv);
        assertTrue(p.stream().anyMatch(l -> l.startsWith(key + ": ") && l.contains(fragment)),
                "expected a problem on " + key + " containing '" + fragment + "', got " + p);
    }

    @Test
    void minimalConfigHasKclDefaultsAndPolling() {
        assertEquals(List.of(), WorkerConfigCheck.problems(minimal()));
        KinesisWorkerConfig c = new KinesisWorkerConfig(minimal());
        assertEquals("orders", c.streamName());
        assertEquals(Retrieval.POLLING, c.retrieval());
        assertEquals(KclTimings.kclDefaults(), c.timings());
        assertEquals(Duration.ofSeconds(5), c.checkpointInterval());
        assertEquals(Duration.ofSeconds(30), c.shutdownTimeout());
        assertEquals("127.0.0.1", c.managementBind());
        assertEquals(8686, c.managementPort());
        assertNull(c.kinesisEndpoint());
        AwsSettings aws = c.awsSettings();
        assertNull(aws.accessKeyId(), "default credentials chain");
        assertEquals("eu-west-1", aws.region());
        assertTrue(c.workerId().endsWith("-" + ProcessHandle.current().pid()), c.workerId());
        ConsumerSettings s = ConsumerSettings.from(c);
        assertEquals(InitialPosition.TRIM_HORIZON, s.initialPosition());
        assertEquals("orders-app", s.applicationName());
        assertTrue(s.bootstrapLeases());
    }

    @Test
    void requiredSettingsAreReportedByName() {
        List<String> p = WorkerConfigCheck.problems(Map.of());
        for (String key : List.of("opensearch.hosts", "index", "stream", "region", "application.name")) {
            assertTrue(p.stream().anyMatch(l -> l.startsWith(key + ": ") && l.contains("Missing required")), key + " in " + p);
        }
    }

    @Test
    void streamArnGivesTheNameAndBadArnsAreRefused() {
        KinesisWorkerConfig c = new KinesisWorkerConfig(with("stream", "arn:aws:kinesis:eu-west-1:123456789012:stream/orders"));
        assertEquals("orders", c.streamName());
        assertTrue(ConsumerSettings.from(c).streamIsArn());
        assertProblem("stream", "arn:aws:kinesis:us-east-1:123456789012:stream/orders", "stream", "arn:aws:kinesis:eu-west-1:12:stream/x");
        assertProblem("stream", "1 to 128", "stream", "orders with spaces");
    }

    @Test
    void aManagementApiReachableFromOtherMachinesNeedsAuthenticationOrAnExplicitNone() {
        assertProblem("management.auth", "set management.auth=bearer", "management.bind", "0.0.0.0");
        assertEquals(List.of(), problems("management.bind", "0.0.0.0", "management.auth", "none"));
        assertEquals(List.of(), problems("management.bind", "0.0.0.0", "management.auth", "bearer",
                "management.credentials.env", "INLET_MANAGEMENT_TOKEN"));
        assertEquals(List.of(), problems("management.bind", "127.0.0.2"), "loopback needs nothing");
        assertEquals(List.of(), problems("management.bind", "localhost"));
        assertEquals("none", new KinesisWorkerConfig(minimal()).managementAuth());
    }

    @Test
    void aManagementCredentialComesFromExactlyOnePlace() {
        assertProblem("management.auth", "needs its credential from exactly one place", "management.auth", "bearer");
        assertProblem("management.credentials.env", "not both", "management.auth", "basic",
                "management.credentials.file", "/etc/inlet/credential", "management.credentials.env", "X");
        assertProblem("management.credentials.file", "only applies to management.auth=bearer or basic",
                "management.credentials.file", "/etc/inlet/token");
        assertProblem("management.auth", "write one of none, bearer, basic", "management.auth", "token");
        assertProblem("management.credentials.env", "INLET_MANAGEMENT_TOKEN", "management.auth", "bearer",
                "management.credentials.env", "not a name");
        assertProblem("management.tls.keystore.password", "without management.tls.keystore.path",
                "management.tls.keystore.password", "secret");
        KinesisWorkerConfig c = new KinesisWorkerConfig(with("management.auth", "BEARER",
                "management.credentials.file", "/etc/inlet/token"));
        assertEquals("bearer", c.managementAuth());
        assertEquals(Path.of("/etc/inlet/token"), c.managementCredentialsFile());
    }

    @Test
    void regionEndpointsAndApplicationAreChecked() {
        assertProblem("region", "us-east-1", "region", "Europe");
        assertProblem("kinesis.endpoint", "http:// or https://", "kinesis.endpoint", "localhost:4567");
        assertProblem("dynamodb.endpoint", "without credentials", "dynamodb.endpoint", "http://key:secret@localhost:4568");
        assertProblem("application.name", "3 to 255", "application.name", "ab");
        assertProblem("management.port", "from 0 to 65535", "management.port", "70000");
        assertProblem("checkpoint.interval.ms", "at least 100", "checkpoint.interval.ms", "10");
        assertProblem("polling.idle.ms", "at least 200", "polling.idle.ms", "100");
        assertProblem("retrieval", "polling, fan_out", "retrieval", "push");
    }

    @Test
    void staticKeysComeInPairsAndAreHidden() {
        assertProblem("aws.secret.access.key", "set both", "aws.access.key.id", "AKIA");
        assertProblem("aws.access.key.id", "set both", "aws.secret.access.key", "s3cr3t");
        KinesisWorkerConfig c = new KinesisWorkerConfig(with("aws.access.key.id", "AKIA", "aws.secret.access.key", "s3cr3t"));
        assertEquals("AKIA", c.awsSettings().accessKeyId());
        assertEquals("s3cr3t", c.awsSettings().secretAccessKey());
        assertFalse(c.toString().contains("s3cr3t"), c.toString());
        assertFalse(c.toString().contains("AKIA"), c.toString());
    }

    @Test
    void fanOutNeedsHttpsAndTakesNoPollingSettings() {
        assertProblem("kinesis.endpoint", "needs HTTP/2", "retrieval", "fan_out", "kinesis.endpoint", "http://localhost:4567");
        assertProblem("polling.idle.ms", "only applies to retrieval=polling", "retrieval", "fan_out", "polling.idle.ms", "300");
        assertProblem("consumer.name", "only applies to retrieval=fan_out", "consumer.name", "inlet");
        KinesisWorkerConfig c = new KinesisWorkerConfig(with("retrieval", "FAN_OUT", "consumer.name", "inlet-orders",
                "kinesis.endpoint", "https://localhost:4567"));
        assertEquals(Retrieval.FAN_OUT, ConsumerSettings.from(c).retrieval());
        assertEquals("inlet-orders", ConsumerSettings.from(c).effectiveConsumerName());
        assertEquals(URI.create("https://localhost:4567"), c.kinesisEndpoint());
    }

    @Test
    void trustAllIsRefusedWithoutAnEndpointOverride() {
        assertProblem("emulator.trust.all.certificates", "remove emulator.trust.all.certificates",
                "emulator.trust.all.certificates", "true");
        assertEquals(List.of(), problems("emulator.trust.all.certificates", "true", "kinesis.endpoint", "https://localhost:4567"));
    }

    @Test
    void aLeaderHeartbeatAboveHalfTheLeaderLeaseIsRefusedWithWhatToWrite() {
        assertProblem("kcl.leader.heartbeat.ms", "set kcl.leader.heartbeat.ms to at most 5000", "kcl.leader.lease.ms", "10000",
                "kcl.leader.heartbeat.ms", "6000");
        assertProblem("kcl.leader.heartbeat.ms", "raise kcl.leader.lease.ms to at least 140000", "kcl.leader.heartbeat.ms", "70000");
        assertEquals(List.of(), problems("kcl.leader.lease.ms", "10000", "kcl.leader.heartbeat.ms", "2000"));
        KinesisWorkerConfig c = new KinesisWorkerConfig(with("kcl.leader.lease.ms", "10000", "kcl.leader.heartbeat.ms", "2000"));
        assertEquals(10_000, c.timings().leaderLeaseMillis());
        assertEquals(2_000, c.timings().leaderHeartbeatMillis());
        assertEquals(120_000, new KinesisWorkerConfig(with()).timings().leaderLeaseMillis(), "the KCL's default");
    }

    @Test
    void pointerResetMapsToTheKclInitialPosition() {
        assertEquals(InitialPosition.LATEST, ConsumerSettings.from(new KinesisWorkerConfig(with("pointer.init.reset",
                "latest"))).initialPosition());
        ConsumerSettings ts = ConsumerSettings.from(new KinesisWorkerConfig(with("pointer.init.reset",
                "rewind_by_timestamp", "pointer.init.reset.value", "2024-05-01T12:00:00Z")));
        assertEquals(InitialPosition.AT_TIMESTAMP, ts.initialPosition());
        assertEquals(java.time.Instant.parse("2024-05-01T12:00:00Z"), ts.initialTimestamp());
        KinesisWorkerConfig offset = new KinesisWorkerConfig(with("pointer.init.reset", "reset_by_offset",
                "pointer.init.reset.value", "49590338271490256608559692538361571095921575989136588898",
                "lease.bootstrap", "false"));
        assertEquals(InitialPosition.TRIM_HORIZON, ConsumerSettings.from(offset).initialPosition());
        assertTrue(ConsumerSettings.from(offset).bootstrapLeases(), "reset_by_offset needs the leases before the start");
        assertEquals(InitialPosition.TRIM_HORIZON, ConsumerSettings.from(new KinesisWorkerConfig(with(
                "pointer.init.reset", "none"))).initialPosition());
        assertProblem("pointer.init.reset.value", "not a starting point", "pointer.init.reset", "reset_by_offset",
                "pointer.init.reset.value", "shardId-0=123");
    }

    @Test
    void sharedRulesAndUnknownKeysAreReported() {
        assertProblem("error_strategy", "write one of DROP, BLOCK", "error_strategy", "drop_it");
        assertProblem("opensearch.username", "opensearch.username is set but", "opensearch.username", "u");
        assertProblem("strem", "did you mean stream?", "strem", "orders");
        assertProblem("topics", "unknown setting", "topics", "orders");
    }

    @Test
    void constructorRefusesWhatTheCheckReports() {
        assertThrows(ConfigException.class, () -> new KinesisWorkerConfig(with("aws.access.key.id", "AKIA")));
        assertThrows(ConfigException.class, () -> new KinesisWorkerConfig(with("region", null)));
    }

    @Test
    void kclTimingsAreConfigurable() {
        KinesisWorkerConfig c = new KinesisWorkerConfig(with("kcl.failover.time.ms", "2000", "kcl.shard.sync.interval.ms",
                "1000", "kcl.lease.assignment.interval.ms", "1000", "kcl.parent.shard.poll.interval.ms", "1000",
                "kcl.dispatch.poll.interval.ms", "200", "kcl.worker.metrics.capture.ms", "250", "kcl.leader.lease.ms", "10000",
                "kcl.leader.heartbeat.ms", "2000"));
        assertEquals(KclTimings.fast(), c.timings());
    }
}
