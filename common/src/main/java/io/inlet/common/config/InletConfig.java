package io.inlet.common.config;

import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.mapper.TargetKind;
import io.inlet.common.retry.RetryPolicy;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The settings shared by the Kafka Connect sink and the Kinesis worker, parsed, checked and typed.
 *
 * <p>The settings are defined once, by group ({@link ConnectionSettings}, {@link SecuritySettings},
 * {@link IndexSettings}, {@link FormatSettings}, {@link WriterSettings}, {@link ErrorSettings},
 * {@link PointerSettings}); a runtime adds its own keys to {@link #configDef()} and passes the result to
 * {@link #InletConfig(ConfigDef, Map)} from its own subclass. Construction fails with a
 * {@link ConfigException} when a setting is invalid on its own or when settings contradict each other
 * ({@link #crossFieldErrors(Map)}). Passwords are {@link Password}s, shown as {@code [hidden]} in logs
 * and in {@link #toString()}.
 */
public class InletConfig extends AbstractConfig {

    /** The shared settings only. */
    public InletConfig(Map<?, ?> props) {
        this(configDef(), props);
    }

    /**
     * For a runtime's configuration: {@code definition} is {@link #define(ConfigDef)} applied to the
     * runtime's own keys (or {@link #configDef()} with keys added).
     */
    protected InletConfig(ConfigDef definition, Map<?, ?> props) {
        super(definition, props);
        Map<String, List<String>> errors = crossFieldErrors(asText(originals()));
        if (!errors.isEmpty()) {
            throw invalid("Inlet", errors);
        }
    }

    /**
     * The one form of a configuration refused by rules that involve several settings: {@code Invalid <what>
     * configuration: } and each problem once, in order, separated by {@code ; } (each names its settings).
     */
    protected static ConfigException invalid(String what, Map<String, List<String>> errors) {
        Set<String> messages = new LinkedHashSet<>();
        errors.values().forEach(messages::addAll);
        return new ConfigException("Invalid " + what + " configuration: " + String.join("; ", messages));
    }

    /** {@code base} with every shared setting added, by group; returns {@code base}. */
    public static ConfigDef define(ConfigDef base) {
        ConnectionSettings.define(base);
        SecuritySettings.define(base);
        IndexSettings.define(base);
        FormatSettings.define(base);
        WriterSettings.define(base);
        ErrorSettings.define(base);
        PointerSettings.define(base);
        return base;
    }

    /** A new definition of the shared settings, to which a runtime may add its own. */
    public static ConfigDef configDef() {
        return define(new ConfigDef());
    }

    /**
     * The errors of rules that span several settings, by the setting each should be shown on, for
     * {@code props} as a user wrote them (a connector's {@code validate()} attaches them to its
     * {@code ConfigValue}s). Empty when the settings agree. Settings invalid on their own are left to
     * their validators.
     */
    public static Map<String, List<String>> crossFieldErrors(Map<String, String> props) {
        return CrossFieldChecks.check(props);
    }

    // Connection

    /** The OpenSearch node URLs ({@code http(s)://host:port}). */
    public List<URI> hosts() {
        return HttpHostList.parse(getList(ConnectionSettings.HOSTS));
    }

    public int connectTimeoutMs() {
        return getInt(ConnectionSettings.CONNECT_TIMEOUT_MS);
    }

    public int socketTimeoutMs() {
        return getInt(ConnectionSettings.SOCKET_TIMEOUT_MS);
    }

    public boolean compression() {
        return getBoolean(ConnectionSettings.COMPRESSION);
    }

    // Security

    public AuthType authType() {
        return AuthType.fromName(getString(SecuritySettings.AUTH_TYPE));
    }

    /** The basic-auth user, or null. */
    public String username() {
        return text(SecuritySettings.USERNAME);
    }

    /** The basic-auth password, or null; {@link Password#value()} reveals it. */
    public Password password() {
        return secret(SecuritySettings.PASSWORD);
    }

    /** The truststore file, or null. */
    public String truststorePath() {
        return text(SecuritySettings.TRUSTSTORE_PATH);
    }

    /** The truststore password, or null. */
    public Password truststorePassword() {
        return secret(SecuritySettings.TRUSTSTORE_PASSWORD);
    }

    /** {@code JKS} or {@code PKCS12}, upper case whatever the input case. */
    public String truststoreType() {
        return choice(SecuritySettings.TRUSTSTORE_TYPES, SecuritySettings.TRUSTSTORE_TYPE);
    }

    /** The PEM file of CA certificates, or null. */
    public String caPemPath() {
        return text(SecuritySettings.CA_PEM);
    }

    public boolean hostnameVerification() {
        return getBoolean(SecuritySettings.HOSTNAME_VERIFICATION);
    }

    /** The region requests are signed for, or null. */
    public String awsRegion() {
        return text(SecuritySettings.AWS_REGION);
    }

    /** {@code es} or {@code aoss}, lower case. */
    public String awsService() {
        return choice(SecuritySettings.AWS_SERVICES, SecuritySettings.AWS_SERVICE);
    }

    // Index

    /** The index name or template, {@code ${topic}} / {@code ${stream}} left as is (see {@link IndexNameRule#resolve}). */
    public String index() {
        return getString(IndexSettings.INDEX);
    }

    /** {@code target.kind}: what {@link #index()} names. */
    public TargetKind targetKind() {
        return TargetKind.fromName(choice(IndexSettings.TARGET_KINDS, IndexSettings.TARGET_KIND));
    }

    /** {@code data_stream.timestamp.field}, or null for the record's time. */
    public String dataStreamTimestampField() {
        return text(IndexSettings.DATA_STREAM_TIMESTAMP_FIELD);
    }

    /** {@code data_stream.create_template}. */
    public boolean dataStreamCreateTemplate() {
        return getBoolean(IndexSettings.DATA_STREAM_CREATE_TEMPLATE);
    }

    /** The ingest pipeline, or null. */
    public String pipeline() {
        return text(IndexSettings.PIPELINE);
    }

    /** The document field whose value routes the operation, or null. */
    public String routingField() {
        return text(IndexSettings.ROUTING_FIELD);
    }

    // Format

    /**
     * {@link FormatSettings#MAPPER_DEFAULT}, {@link FormatSettings#MAPPER_FIELD_MAPPING} or
     * {@link FormatSettings#MAPPER_RAW_PAYLOAD}, lower case.
     */
    public String mapperType() {
        return choice(FormatSettings.MAPPER_TYPES, FormatSettings.MAPPER_TYPE);
    }

    public String idField() {
        return text(FormatSettings.ID_FIELD);
    }

    /** The field_mapping version field, or null. */
    public String versionField() {
        return text(FormatSettings.VERSION_FIELD);
    }

    /** The field_mapping operation field, or null. */
    public String opTypeField() {
        return text(FormatSettings.OP_TYPE_FIELD);
    }

    public String opTypeDeleteValue() {
        return getString(FormatSettings.OP_TYPE_DELETE_VALUE);
    }

    public String opTypeCreateValue() {
        return getString(FormatSettings.OP_TYPE_CREATE_VALUE);
    }

    public String updateVersionField() {
        return getString(FormatSettings.UPDATE_VERSION_FIELD);
    }

    // Writer

    /** {@code max_batch_size}, else {@code poll.max_batch_size} when only that is given, else the default. */
    public int maxBatchSize() {
        Integer alias = getInt(WriterSettings.MAX_BATCH_SIZE_ALIAS);
        boolean mainGiven = originals().get(WriterSettings.MAX_BATCH_SIZE) != null;
        return mainGiven || alias == null ? getInt(WriterSettings.MAX_BATCH_SIZE) : alias;
    }

    public long bulkMaxBytes() {
        return getLong(WriterSettings.BULK_MAX_BYTES);
    }

    public int bulkLingerMs() {
        return getInt(WriterSettings.BULK_LINGER_MS);
    }

    public int numProcessorThreads() {
        return getInt(WriterSettings.NUM_PROCESSOR_THREADS);
    }

    public long bufferMaxBytes() {
        return getLong(WriterSettings.BUFFER_MAX_BYTES);
    }

    public int bufferMaxMessages() {
        return getInt(WriterSettings.BUFFER_MAX_MESSAGES);
    }

    public long retryBackoffMs() {
        return getLong(WriterSettings.RETRY_BACKOFF_MS);
    }

    public long retryBackoffMaxMs() {
        return getLong(WriterSettings.RETRY_BACKOFF_MAX_MS);
    }

    /** Retries with the configured backoff, without limit. */
    public RetryPolicy retryPolicy() {
        return RetryPolicy.unlimited(retryBackoffMs(), retryBackoffMaxMs());
    }

    public int pollTimeoutMs() {
        return getInt(WriterSettings.POLL_TIMEOUT);
    }

    // Errors

    public ErrorStrategy errorStrategy() {
        return ErrorStrategy.fromName(getString(ErrorSettings.ERROR_STRATEGY));
    }

    /** The dead-letter index or template, or null. */
    public String dlqIndex() {
        return text(ErrorSettings.DLQ_INDEX);
    }

    /** The index of the re-drive ledger ({@code dlq.redrive.index}). */
    public String redriveIndex() {
        return getString(ErrorSettings.REDRIVE_INDEX);
    }

    public int redriveBatchSize() {
        return getInt(ErrorSettings.REDRIVE_BATCH_SIZE);
    }

    // Pointer

    public PointerReset pointerReset() {
        return PointerReset.fromName(getString(PointerSettings.RESET));
    }

    /** The raw {@code pointer.init.reset.value}, or null. */
    public String pointerResetValue() {
        return text(PointerSettings.RESET_VALUE);
    }

    /**
     * The starting offset or sequence number of {@link PointerReset#BY_OFFSET}.
     *
     * @throws IllegalStateException for another mode
     */
    public BigInteger pointerResetOffset() {
        List<BigInteger> all = pointerResetOffsets();
        if (all.size() != 1) {
            throw new IllegalStateException(PointerSettings.RESET_VALUE + " holds " + all.size() + " starting points");
        }
        return all.get(0);
    }

    /**
     * The starting points of {@link PointerReset#BY_OFFSET}: one, or (Kinesis) one sequence number per shard.
     *
     * @throws IllegalStateException for another mode
     */
    public List<BigInteger> pointerResetOffsets() {
        requireMode(PointerReset.BY_OFFSET);
        return PointerReset.parseOffsets(pointerResetValue());
    }

    /**
     * The starting time of {@link PointerReset#BY_TIMESTAMP}.
     *
     * @throws IllegalStateException for another mode
     */
    public Instant pointerResetTimestamp() {
        requireMode(PointerReset.BY_TIMESTAMP);
        return PointerReset.parseTimestamp(pointerResetValue());
    }

    private void requireMode(PointerReset wanted) {
        if (pointerReset() != wanted) {
            throw new IllegalStateException(PointerSettings.RESET + " is " + getString(PointerSettings.RESET)
                    + ", not " + wanted.spellings().get(0));
        }
    }

    /** Every setting with its value, sorted by name; passwords as {@code [hidden]}. */
    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", getClass().getSimpleName() + "{", "}");
        new TreeMap<>(values()).forEach((key, value) -> joiner.add(key + "=" + value));
        return joiner.toString();
    }

    private String text(String key) {
        String value = getString(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private Password secret(String key) {
        Password value = getPassword(key);
        return value == null || value.value().isEmpty() ? null : value;
    }

    private String choice(OneOf choice, String key) {
        return choice.match(getString(key)).orElseThrow();
    }

    /**
     * Settings as a user would have written them (lists joined by commas, passwords revealed, unset left out), for
     * the cross-field rules of this class and of the runtimes' own settings.
     */
    protected static Map<String, String> asText(Map<String, ?> originals) {
        Map<String, String> text = new LinkedHashMap<>();
        originals.forEach((key, value) -> {
            if (value instanceof Password password) {
                text.put(key, password.value());
            } else if (value instanceof List<?> list) {
                text.put(key, list.stream().map(String::valueOf).collect(Collectors.joining(",")));
            } else if (value != null) {
                text.put(key, value.toString());
            }
        });
        return text;
    }
}
