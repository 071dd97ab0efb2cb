package io.inlet.kinesis.config;

import io.inlet.common.config.InletConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The Kinesis worker's settings as typed values: the shared ones ({@link InletConfig}: OpenSearch connection,
 * index, format, writer, errors, {@code pointer.init.reset}) and those only Kinesis has ({@link KinesisSettings},
 * where they are defined). Construction fails with a {@link ConfigException} naming every invalid setting;
 * {@link WorkerConfigCheck} lists the same problems one per line, for the worker's start-up.
 */
public final class KinesisWorkerConfig extends InletConfig {

    public KinesisWorkerConfig(Map<?, ?> props) {
        super(configDef(), props);
        Map<String, List<String>> errors = KinesisChecks.check(asText(originals()));
        if (!errors.isEmpty()) {
            throw invalid("Kinesis worker", errors);
        }
    }

    /** The shared settings and the Kinesis worker's own, by group. */
    public static ConfigDef configDef() {
        return KinesisSettings.define(InletConfig.define(new ConfigDef()));
    }

    // Kinesis

    /** The stream as configured: a name or an ARN. */
    public String stream() {
        return getString(KinesisSettings.STREAM).strip();
    }

    /** The stream's name (the last part of an ARN): what {@code ${stream}} and the state show. */
    public String streamName() {
        String s = stream();
        return s.startsWith("arn:") ? s.substring(s.lastIndexOf('/') + 1) : s;
    }

    public String region() {
        return getString(KinesisSettings.REGION).strip();
    }

    /** The Kinesis endpoint override, or null. */
    public URI kinesisEndpoint() {
        return uri(KinesisSettings.KINESIS_ENDPOINT);
    }

    /** The DynamoDB endpoint override, or null. */
    public URI dynamoDbEndpoint() {
        return uri(KinesisSettings.DYNAMODB_ENDPOINT);
    }

    public Retrieval retrieval() {
        return Retrieval.parse(getString(KinesisSettings.RETRIEVAL));
    }

    /** The fan-out consumer name, or null for the application name. */
    public String consumerName() {
        return optional(KinesisSettings.CONSUMER_NAME);
    }

    public long pollingIdleMs() {
        return getLong(KinesisSettings.POLLING_IDLE_MS);
    }

    public int pollingMaxRecords() {
        return getInt(KinesisSettings.POLLING_MAX_RECORDS);
    }

    // KCL

    public String applicationName() {
        return getString(KinesisSettings.APPLICATION_NAME).strip();
    }

    /** {@value KinesisSettings#WORKER_ID}, else {@code <host name>-<pid>}. */
    public String workerId() {
        String id = optional(KinesisSettings.WORKER_ID);
        return id != null ? id : hostName() + "-" + ProcessHandle.current().pid();
    }

    public Duration checkpointInterval() {
        return Duration.ofMillis(getLong(KinesisSettings.CHECKPOINT_INTERVAL_MS));
    }

    public boolean leaseBootstrap() {
        return getBoolean(KinesisSettings.LEASE_BOOTSTRAP);
    }

    public KclTimings timings() {
        return new KclTimings(getLong(KinesisSettings.FAILOVER_TIME_MS),
                getLong(KinesisSettings.SHARD_SYNC_INTERVAL_MS),
                getLong(KinesisSettings.LEASE_ASSIGNMENT_INTERVAL_MS),
                getLong(KinesisSettings.PARENT_SHARD_POLL_INTERVAL_MS),
                getLong(KinesisSettings.DISPATCH_POLL_INTERVAL_MS),
                getLong(KinesisSettings.WORKER_METRICS_CAPTURE_MS),
                getLong(KinesisSettings.LEADER_LEASE_MS),
                getLong(KinesisSettings.LEADER_HEARTBEAT_MS));
    }

    // Credentials

    public boolean trustAllCertificates() {
        return getBoolean(KinesisSettings.TRUST_ALL_CERTIFICATES);
    }

    /** Region, endpoints, credentials (static keys or the default chain) and certificate trust. */
    public AwsSettings awsSettings() {
        Password id = getPassword(KinesisSettings.ACCESS_KEY_ID);
        Password secret = getPassword(KinesisSettings.SECRET_ACCESS_KEY);
        boolean keys = id != null && !id.value().isBlank();
        return new AwsSettings(region(), kinesisEndpoint(), dynamoDbEndpoint(), null,
                keys ? id.value().strip() : null, keys ? secret.value().strip() : null, trustAllCertificates());
    }

    // Management

    public String managementBind() {
        return getString(KinesisSettings.MANAGEMENT_BIND).strip();
    }

    public int managementPort() {
        return getInt(KinesisSettings.MANAGEMENT_PORT);
    }

    /** {@value KinesisSettings#MANAGEMENT_AUTH}: none, bearer or basic (unset: none, allowed on loopback only). */
    public String managementAuth() {
        String auth = optional(KinesisSettings.MANAGEMENT_AUTH);
        return auth == null ? KinesisSettings.MANAGEMENT_AUTH_NONE
                : KinesisSettings.MANAGEMENT_AUTHS.match(auth).orElseThrow();
    }

    /** The file holding the management API's credential, or null. */
    public Path managementCredentialsFile() {
        String path = optional(KinesisSettings.MANAGEMENT_CREDENTIALS_FILE);
        return path == null ? null : Path.of(path);
    }

    /** The name of the environment variable holding the management API's credential, or null. */
    public String managementCredentialsEnv() {
        return optional(KinesisSettings.MANAGEMENT_CREDENTIALS_ENV);
    }

    /** The keystore the management API serves https:// with, or null for http://. */
    public Path managementKeystorePath() {
        String path = optional(KinesisSettings.MANAGEMENT_KEYSTORE_PATH);
        return path == null ? null : Path.of(path);
    }

    /** The keystore's password, or null. */
    public Password managementKeystorePassword() {
        return getPassword(KinesisSettings.MANAGEMENT_KEYSTORE_PASSWORD);
    }

    public String managementKeystoreType() {
        return getString(KinesisSettings.MANAGEMENT_KEYSTORE_TYPE).strip().toUpperCase(Locale.ROOT);
    }

    public Duration shutdownTimeout() {
        return Duration.ofMillis(getLong(KinesisSettings.SHUTDOWN_TIMEOUT_MS));
    }

    private URI uri(String key) {
        String v = optional(key);
        return v == null ? null : URI.create(v);
    }

    private String optional(String key) {
        String v = getString(key);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "worker";
        }
    }

}
