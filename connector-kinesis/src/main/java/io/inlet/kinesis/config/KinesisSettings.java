package io.inlet.kinesis.config;

import io.inlet.common.config.NumberRange;
import io.inlet.common.config.OneOf;
import io.inlet.common.config.PasswordRule;
import io.inlet.common.config.Recommend;
import io.inlet.common.config.TextRule;
import io.inlet.kinesis.kcl.ConsumerSettings;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The settings only the Kinesis worker has, defined once (name, type, default, validator, documentation) in four
 * groups, like the shared groups of {@code common/config}:
 * <ul>
 *   <li>Kinesis: {@value #STREAM}, {@value #REGION}, {@value #KINESIS_ENDPOINT}, {@value #DYNAMODB_ENDPOINT},
 *       {@value #RETRIEVAL}, {@value #CONSUMER_NAME}, {@value #POLLING_IDLE_MS}, {@value #POLLING_MAX_RECORDS};</li>
 *   <li>KCL: {@value #APPLICATION_NAME}, {@value #WORKER_ID}, {@value #CHECKPOINT_INTERVAL_MS},
 *       {@value #LEASE_BOOTSTRAP} and the {@code kcl.*} timings;</li>
 *   <li>AWS credentials: {@value #ACCESS_KEY_ID}, {@value #SECRET_ACCESS_KEY},
 *       {@value #TRUST_ALL_CERTIFICATES};</li>
 *   <li>Management: {@value #MANAGEMENT_BIND}, {@value #MANAGEMENT_PORT}, {@value #SHUTDOWN_TIMEOUT_MS}.</li>
 * </ul>
 * {@link KinesisWorkerConfig} reads them; the settings docs are rendered from these definitions.
 */
public final class KinesisSettings {

    public static final String KINESIS_GROUP = "Kinesis";
    public static final String KCL_GROUP = "KCL";
    public static final String CREDENTIALS_GROUP = "AWS credentials";
    public static final String MANAGEMENT_GROUP = "Management";

    public static final String STREAM = "stream";
    public static final String REGION = "region";
    public static final String KINESIS_ENDPOINT = "kinesis.endpoint";
    public static final String DYNAMODB_ENDPOINT = "dynamodb.endpoint";
    public static final String RETRIEVAL = "retrieval";
    public static final String CONSUMER_NAME = "consumer.name";
    public static final String POLLING_IDLE_MS = "polling.idle.ms";
    public static final String POLLING_MAX_RECORDS = "polling.max.records";

    public static final String APPLICATION_NAME = "application.name";
    public static final String WORKER_ID = "worker.id";
    public static final String CHECKPOINT_INTERVAL_MS = "checkpoint.interval.ms";
    public static final String LEASE_BOOTSTRAP = "lease.bootstrap";
    public static final String FAILOVER_TIME_MS = "kcl.failover.time.ms";
    public static final String SHARD_SYNC_INTERVAL_MS = "kcl.shard.sync.interval.ms";
    public static final String LEASE_ASSIGNMENT_INTERVAL_MS = "kcl.lease.assignment.interval.ms";
    public static final String PARENT_SHARD_POLL_INTERVAL_MS = "kcl.parent.shard.poll.interval.ms";
    public static final String DISPATCH_POLL_INTERVAL_MS = "kcl.dispatch.poll.interval.ms";
    public static final String WORKER_METRICS_CAPTURE_MS = "kcl.worker.metrics.capture.ms";
    public static final String LEADER_LEASE_MS = "kcl.leader.lease.ms";
    public static final String LEADER_HEARTBEAT_MS = "kcl.leader.heartbeat.ms";

    public static final String ACCESS_KEY_ID = "aws.access.key.id";
    public static final String SECRET_ACCESS_KEY = "aws.secret.access.key";
    public static final String TRUST_ALL_CERTIFICATES = "emulator.trust.all.certificates";

    public static final String MANAGEMENT_BIND = "management.bind";
    public static final String MANAGEMENT_PORT = "management.port";
    public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";
    public static final String MANAGEMENT_AUTH = "management.auth";
    public static final String MANAGEMENT_AUTH_NONE = "none";
    public static final String MANAGEMENT_AUTH_BEARER = "bearer";
    public static final String MANAGEMENT_AUTH_BASIC = "basic";
    public static final OneOf MANAGEMENT_AUTHS = OneOf.anyCase(List.of(MANAGEMENT_AUTH_NONE, MANAGEMENT_AUTH_BEARER,
            MANAGEMENT_AUTH_BASIC));
    public static final String MANAGEMENT_CREDENTIALS_FILE = "management.credentials.file";
    public static final String MANAGEMENT_CREDENTIALS_ENV = "management.credentials.env";
    public static final String MANAGEMENT_KEYSTORE_PATH = "management.tls.keystore.path";
    public static final String MANAGEMENT_KEYSTORE_PASSWORD = "management.tls.keystore.password";
    public static final String MANAGEMENT_KEYSTORE_TYPE = "management.tls.keystore.type";
    public static final String MANAGEMENT_KEYSTORE_TYPE_DEFAULT = "PKCS12";
    static final OneOf KEYSTORE_TYPES = OneOf.anyCase(List.of("JKS", "PKCS12"));

    public static final String RETRIEVAL_POLLING = "polling";
    public static final String RETRIEVAL_FAN_OUT = "fan_out";
    public static final OneOf RETRIEVALS = OneOf.anyCase(List.of(RETRIEVAL_POLLING, RETRIEVAL_FAN_OUT));

    public static final int MANAGEMENT_PORT_DEFAULT = 8686;
    public static final long CHECKPOINT_INTERVAL_MS_DEFAULT = 5_000;
    public static final long SHUTDOWN_TIMEOUT_MS_DEFAULT = 30_000;

    private KinesisSettings() {
    }

    /** Adds the Kinesis worker's own settings to {@code def}, by group. */
    public static ConfigDef define(ConfigDef def) {
        defineKinesis(def);
        defineKcl(def);
        defineCredentials(def);
        defineManagement(def);
        return def;
    }

    private static void defineKinesis(ConfigDef def) {
        int order = 0;
        def.define(STREAM, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new StreamRule(), Importance.HIGH,
                "The Kinesis data stream to read: its name (orders) or its ARN"
                        + " (arn:aws:kinesis:us-east-1:123456789012:stream/orders). ${stream} in index and"
                        + " dlq.index stands for the stream name.",
                KINESIS_GROUP, ++order, Width.LONG, "Stream");
        def.define(REGION, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                TextRule.required("an AWS region").matching("[a-z]{2}(-[a-z]+)+-\\d+", "us-east-1"), Importance.HIGH,
                "The AWS region of the stream and of the lease table, e.g. eu-west-1. The emulators accept any region.",
                KINESIS_GROUP, ++order, Width.SHORT, "Region");
        def.define(KINESIS_ENDPOINT, Type.STRING, null, new EndpointRule(), Importance.LOW,
                "Kinesis endpoint override (a VPC endpoint, or kinesis-local), e.g. https://localhost:4567."
                        + " Empty: the regional AWS endpoint. Enhanced fan-out needs an https:// endpoint (HTTP/2).",
                KINESIS_GROUP, ++order, Width.LONG, "Kinesis endpoint");
        def.define(DYNAMODB_ENDPOINT, Type.STRING, null, new EndpointRule(), Importance.LOW,
                "DynamoDB endpoint override for the lease table (a VPC endpoint, or dynalite), e.g."
                        + " http://localhost:4568. Empty: the regional AWS endpoint.",
                KINESIS_GROUP, ++order, Width.LONG, "DynamoDB endpoint");
        def.define(RETRIEVAL, Type.STRING, RETRIEVAL_POLLING, RETRIEVALS, Importance.MEDIUM,
                "How records are fetched. polling: GetRecords in a loop per shard, sharing the shard's 2 MB/s and"
                        + " 5 reads/s with every other polling consumer. fan_out: enhanced fan-out, a registered"
                        + " consumer with its own 2 MB/s per shard, pushed over HTTP/2 (extra cost on AWS).",
                KINESIS_GROUP, ++order, Width.SHORT, "Retrieval", Recommend.choices(RETRIEVALS));
        def.define(CONSUMER_NAME, Type.STRING, null, TextRule.optional("a stream consumer name")
                        .matching("[a-zA-Z0-9_.-]{1,128}", "inlet-orders"), Importance.LOW,
                "retrieval=fan_out only: the enhanced fan-out consumer name, registered on the stream if missing."
                        + " Empty: the application name.",
                KINESIS_GROUP, ++order, Width.MEDIUM, "Fan-out consumer name");
        def.define(POLLING_IDLE_MS, Type.LONG, ConsumerSettings.DEFAULT_POLLING_IDLE_MILLIS,
                NumberRange.atLeast(ConsumerSettings.MIN_POLLING_IDLE_MILLIS), Importance.LOW,
                "retrieval=polling only: the pause between GetRecords calls on a shard, in milliseconds (the KCL"
                        + " minimum is 200). Kinesis allows 5 reads per second per shard across all polling consumers."
                        + " (The shared poll.timeout does not apply to the worker: this is its polling pace.)",
                KINESIS_GROUP, ++order, Width.SHORT, "Polling idle time (ms)");
        def.define(POLLING_MAX_RECORDS, Type.INT, ConsumerSettings.MAX_POLLING_RECORDS,
                NumberRange.between(1, ConsumerSettings.MAX_POLLING_RECORDS), Importance.LOW,
                "retrieval=polling only: the most records one GetRecords call returns (1 to 10000).",
                KINESIS_GROUP, ++order, Width.SHORT, "Records per GetRecords");
    }

    private static void defineKcl(ConfigDef def) {
        int order = 0;
        KclTimings kcl = KclTimings.kclDefaults();
        def.define(APPLICATION_NAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                TextRule.required("a KCL application name (3 to 255 letters, digits, _ . -)")
                        .matching("[a-zA-Z0-9_.-]{3,255}", "orders-to-opensearch"), Importance.HIGH,
                "The KCL application: the name of the DynamoDB lease table that holds the shard leases and"
                        + " checkpoints. Workers with the same application name share the shards; a new name"
                        + " starts from pointer.init.reset.",
                KCL_GROUP, ++order, Width.MEDIUM, "Application name");
        def.define(WORKER_ID, Type.STRING, null, TextRule.optional("a worker id"), Importance.MEDIUM,
                "This worker's id, unique within the application. Keep it stable across restarts: a restarted"
                        + " worker with the same id gets its leases back at once. Empty: <host name>-<process id>"
                        + " (a restart then waits for its old leases to expire, kcl.failover.time.ms).",
                KCL_GROUP, ++order, Width.MEDIUM, "Worker id");
        def.define(CHECKPOINT_INTERVAL_MS, Type.LONG, CHECKPOINT_INTERVAL_MS_DEFAULT, NumberRange.atLeast(100),
                Importance.MEDIUM,
                "How often each shard's checkpoint is written to the lease table, in milliseconds. A checkpoint"
                        + " is the end of the longest run of records OpenSearch acknowledged, never further; a"
                        + " crash replays at most this long's worth of acknowledged records (harmlessly: writes are"
                        + " version-guarded). A shutdown, a shard end and a lease hand-over checkpoint at once.",
                KCL_GROUP, ++order, Width.SHORT, "Checkpoint interval (ms)");
        def.define(LEASE_BOOTSTRAP, Type.BOOLEAN, true, null, Importance.LOW,
                "Create the leases of a new application before the KCL starts, which skips the KCL's random"
                        + " 1 to 30 s wait on an empty lease table. Needed by pointer.init.reset=reset_by_offset.",
                KCL_GROUP, ++order, Width.SHORT, "Bootstrap leases");
        def.define(FAILOVER_TIME_MS, Type.LONG, kcl.failoverTimeMillis(), NumberRange.atLeast(500), Importance.LOW,
                "A lease not renewed for this long (ms) is taken over by another worker; leases are renewed"
                        + " every third of it.",
                KCL_GROUP, ++order, Width.SHORT, "Lease failover time (ms)");
        def.define(SHARD_SYNC_INTERVAL_MS, Type.LONG, kcl.shardSyncIntervalMillis(), NumberRange.atLeast(100),
                Importance.LOW, "How often shards are listed to find new ones after resharding (ms).",
                KCL_GROUP, ++order, Width.SHORT, "Shard sync interval (ms)");
        def.define(LEASE_ASSIGNMENT_INTERVAL_MS, Type.LONG, kcl.leaseAssignmentIntervalMillis(),
                NumberRange.atLeast(100), Importance.LOW,
                "How often the leader worker hands out unowned and expired leases (ms).",
                KCL_GROUP, ++order, Width.SHORT, "Lease assignment interval (ms)");
        def.define(PARENT_SHARD_POLL_INTERVAL_MS, Type.LONG, kcl.parentShardPollIntervalMillis(),
                NumberRange.atLeast(100), Importance.LOW,
                "How often a child shard checks whether its parents are finished (ms): children are read only"
                        + " after their parents' last record was checkpointed.",
                KCL_GROUP, ++order, Width.SHORT, "Parent shard poll interval (ms)");
        def.define(DISPATCH_POLL_INTERVAL_MS, Type.LONG, kcl.shardConsumerDispatchPollIntervalMillis(),
                NumberRange.atLeast(10), Importance.LOW,
                "How often the KCL's scheduler loop looks for newly owned leases (ms).",
                KCL_GROUP, ++order, Width.SHORT, "Dispatch poll interval (ms)");
        def.define(WORKER_METRICS_CAPTURE_MS, Type.LONG, kcl.workerMetricsCaptureMillis(), NumberRange.atLeast(10),
                Importance.LOW,
                "How often the worker samples its throughput for the KCL's lease balancing (ms); a new worker"
                        + " gets leases only after its first report, about twice this after start.",
                KCL_GROUP, ++order, Width.SHORT, "Worker metrics capture (ms)");
        def.define(LEADER_LEASE_MS, Type.LONG, kcl.leaderLeaseMillis(), NumberRange.atLeast(1_000), Importance.LOW,
                "How long the leader worker's lock in the lease table lasts unrenewed (ms). Only the leader hands"
                        + " out leases: after it dies or stalls, expired leases and new child shards (after a split or"
                        + " merge) wait up to this long for a new leader.",
                KCL_GROUP, ++order, Width.SHORT, "Leader lock lease (ms)");
        def.define(LEADER_HEARTBEAT_MS, Type.LONG, kcl.leaderHeartbeatMillis(), NumberRange.atLeast(100), Importance.LOW,
                "How often the leader renews its lock (ms); at most half of kcl.leader.lease.ms.",
                KCL_GROUP, ++order, Width.SHORT, "Leader lock heartbeat (ms)");
    }

    private static void defineCredentials(ConfigDef def) {
        int order = 0;
        def.define(ACCESS_KEY_ID, Type.PASSWORD, null, null, Importance.MEDIUM,
                "A static AWS access key id for Kinesis and DynamoDB, with aws.secret.access.key. Empty: the AWS"
                        + " default credentials chain (environment, system properties, web identity, profile,"
                        + " container or instance role), which is the better choice on AWS. Never logged.",
                CREDENTIALS_GROUP, ++order, Width.MEDIUM, "AWS access key id");
        def.define(SECRET_ACCESS_KEY, Type.PASSWORD, null, null, Importance.MEDIUM,
                "The secret key of aws.access.key.id. Never logged.",
                CREDENTIALS_GROUP, ++order, Width.MEDIUM, "AWS secret access key");
        def.define(TRUST_ALL_CERTIFICATES, Type.BOOLEAN, false, null, Importance.LOW,
                "Accept any TLS certificate from kinesis.endpoint and dynamodb.endpoint (kinesis-local's"
                        + " self-signed one). Insecure: for local emulators only; refused without an endpoint override.",
                CREDENTIALS_GROUP, ++order, Width.SHORT, "Trust all certificates (emulators)");
    }

    private static void defineManagement(ConfigDef def) {
        int order = 0;
        def.define(MANAGEMENT_BIND, Type.STRING, "127.0.0.1", TextRule.required("a local address or host name"),
                Importance.MEDIUM,
                "The address the management HTTP API listens on (pause, resume, state, settings, metrics,"
                        + " health). 127.0.0.1: this machine only; 0.0.0.0: every interface, which needs "
                        + MANAGEMENT_AUTH + " set (bearer or basic; none only when the network itself keeps"
                        + " strangers out).",
                MANAGEMENT_GROUP, ++order, Width.MEDIUM, "Management bind address");
        def.define(MANAGEMENT_PORT, Type.INT, MANAGEMENT_PORT_DEFAULT, NumberRange.between(0, 65_535), Importance.MEDIUM,
                "The port of the management HTTP API; 0 picks a free port (logged at start-up).",
                MANAGEMENT_GROUP, ++order, Width.SHORT, "Management port");
        def.define(SHUTDOWN_TIMEOUT_MS, Type.LONG, SHUTDOWN_TIMEOUT_MS_DEFAULT, NumberRange.atLeast(1_000),
                Importance.MEDIUM,
                "On SIGTERM, how long the worker may take to finish what OpenSearch has in flight, checkpoint"
                        + " and release its leases before it exits (ms). What is not acknowledged by then is"
                        + " replayed by the next owner of the shard.",
                MANAGEMENT_GROUP, ++order, Width.SHORT, "Shutdown timeout (ms)");
        def.define(MANAGEMENT_AUTH, Type.STRING, null, MANAGEMENT_AUTHS.orUnset(), Importance.HIGH,
                "Who may use the management API. bearer: requests carry Authorization: Bearer <token>; basic:"
                        + " Authorization: Basic with <user>:<password>; the expected token or user:password is read"
                        + " at start-up from " + MANAGEMENT_CREDENTIALS_FILE + " or " + MANAGEMENT_CREDENTIALS_ENV
                        + " and never logged. A missing or wrong credential is answered 401 (GET /health stays open"
                        + " for liveness probes). none: anyone who reaches the port may pause the worker and rewind"
                        + " its checkpoints. Empty: none on a loopback " + MANAGEMENT_BIND + ", refused at start-up on"
                        + " any other.",
                MANAGEMENT_GROUP, ++order, Width.SHORT, "Management authentication",
                Recommend.choices(MANAGEMENT_AUTHS));
        def.define(MANAGEMENT_CREDENTIALS_FILE, Type.STRING, null, TextRule.optional("a file path"),
                Importance.MEDIUM, "A file holding the management API's credential, read once at start-up: the"
                        + " token for " + MANAGEMENT_AUTH + "=bearer, user:password for basic (surrounding"
                        + " whitespace and a final newline are ignored). Keep it readable by the worker only.",
                MANAGEMENT_GROUP, ++order, Width.LONG, "Management credentials file");
        def.define(MANAGEMENT_CREDENTIALS_ENV, Type.STRING, null,
                TextRule.optional("an environment variable name").matching("[A-Za-z_][A-Za-z0-9_]*",
                        "INLET_MANAGEMENT_TOKEN"), Importance.MEDIUM,
                "The name of an environment variable holding the management API's credential (as "
                        + MANAGEMENT_CREDENTIALS_FILE + "), e.g. INLET_MANAGEMENT_TOKEN. Set this or "
                        + MANAGEMENT_CREDENTIALS_FILE + ", not both.",
                MANAGEMENT_GROUP, ++order, Width.MEDIUM, "Management credentials variable");
        def.define(MANAGEMENT_KEYSTORE_PATH, Type.STRING, null, TextRule.optional("a file path"), Importance.MEDIUM,
                "A keystore with the management API's private key and certificate: set it to serve https://"
                        + " instead of http://. In the format of " + MANAGEMENT_KEYSTORE_TYPE + ".",
                MANAGEMENT_GROUP, ++order, Width.LONG, "Management keystore");
        def.define(MANAGEMENT_KEYSTORE_PASSWORD, Type.PASSWORD, null, PasswordRule.INSTANCE, Importance.MEDIUM,
                "The password of " + MANAGEMENT_KEYSTORE_PATH + " and of the key in it. Never logged or shown.",
                MANAGEMENT_GROUP, ++order, Width.MEDIUM, "Management keystore password");
        def.define(MANAGEMENT_KEYSTORE_TYPE, Type.STRING, MANAGEMENT_KEYSTORE_TYPE_DEFAULT, KEYSTORE_TYPES,
                Importance.LOW, "The format of " + MANAGEMENT_KEYSTORE_PATH + ": PKCS12 (.p12, .pfx) or JKS.",
                MANAGEMENT_GROUP, ++order, Width.SHORT, "Management keystore type", Recommend.choices(KEYSTORE_TYPES));
    }

    /** The {@value #RETRIEVAL} value as written, lower case, or null when it is not a valid one. */
    public static String retrievalName(String value) {
        return RETRIEVALS.match(value == null ? RETRIEVAL_POLLING : value).map(v -> v.toLowerCase(Locale.ROOT))
                .orElse(null);
    }
}
