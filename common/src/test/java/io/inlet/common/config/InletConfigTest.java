package io.inlet.common.config;

import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.mapper.TargetKind;
import io.inlet.common.retry.RetryPolicy;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InletConfigTest {

    private static Map<String, Object> props(Object... keyValues) {
        Map<String, Object> props = new HashMap<>();
        props.put("opensearch.hosts", "http://localhost:9200");
        props.put("index", "logs-${topic}");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    private static InletConfig config(Object... keyValues) {
        return new InletConfig(props(keyValues));
    }

    @Test
    void defaults() {
        InletConfig config = config();
        assertEquals(List.of(URI.create("http://localhost:9200")), config.hosts());
        assertEquals(5000, config.connectTimeoutMs());
        assertEquals(60000, config.socketTimeoutMs());
        assertFalse(config.compression());
        assertEquals(AuthType.NONE, config.authType());
        assertNull(config.username());
        assertNull(config.password());
        assertNull(config.truststorePath());
        assertNull(config.truststorePassword());
        assertEquals("PKCS12", config.truststoreType());
        assertNull(config.caPemPath());
        assertTrue(config.hostnameVerification());
        assertNull(config.awsRegion());
        assertEquals("es", config.awsService());
        assertEquals("logs-${topic}", config.index());
        assertNull(config.pipeline());
        assertNull(config.routingField());
        assertEquals("default", config.mapperType());
        assertEquals("id", config.idField());
        assertNull(config.versionField());
        assertNull(config.opTypeField());
        assertEquals("delete", config.opTypeDeleteValue());
        assertEquals("create", config.opTypeCreateValue());
        assertEquals("_inlet_version", config.updateVersionField());
        assertEquals(5000, config.maxBatchSize());
        assertEquals(4L * 1024 * 1024, config.bulkMaxBytes());
        assertEquals(4, config.numProcessorThreads());
        assertEquals(8L * 1024 * 1024, config.bufferMaxBytes());
        assertEquals(5, config.bulkLingerMs());
        assertEquals(100_000, config.bufferMaxMessages());
        assertEquals(100, config.retryBackoffMs());
        assertEquals(30_000, config.retryBackoffMaxMs());
        assertEquals(RetryPolicy.defaults(), config.retryPolicy());
        assertEquals(1000, config.pollTimeoutMs());
        assertEquals(ErrorStrategy.DROP, config.errorStrategy());
        assertNull(config.dlqIndex());
        assertEquals(PointerReset.EARLIEST, config.pointerReset());
        assertNull(config.pointerResetValue());
    }

    @Test
    void typedValues() {
        InletConfig config = config(
                "opensearch.hosts", "https://a:9200, https://b:9201",
                "opensearch.connect.timeout.ms", "1000", "opensearch.socket.timeout.ms", "2000",
                "opensearch.compression", "true",
                "opensearch.auth.type", "BASIC", "opensearch.username", "inlet", "opensearch.password", "s3cret",
                "opensearch.tls.ca.pem", "/etc/inlet/ca.pem", "opensearch.tls.hostname.verification", "false",
                "pipeline", "enrich", "routing.field", "tenant",
                "mapper_type", "Field_Mapping", "mapper_settings.id_field", "order_id",
                "mapper_settings.version_field", "ts", "mapper_settings.op_type_field", "op",
                "mapper_settings.op_type_field.delete_value", "D", "mapper_settings.op_type_field.create_value", "C",
                "update.version_field", "_v",
                "max_batch_size", "10", "bulk.max.bytes", "2048", "num_processor_threads", "64",
                "buffer.max.bytes", "4096", "buffer.max.messages", "7", "retry.backoff.ms", "5",
                "retry.backoff.max.ms", "50", "poll.timeout", "250",
                "error_strategy", "block", "dlq.index", "dlq-${topic}",
                "pointer.init.reset", "rewind_by_offset", "pointer.init.reset.value", "42");
        assertEquals(List.of(URI.create("https://a:9200"), URI.create("https://b:9201")), config.hosts());
        assertEquals(1000, config.connectTimeoutMs());
        assertEquals(2000, config.socketTimeoutMs());
        assertTrue(config.compression());
        assertEquals(AuthType.BASIC, config.authType());
        assertEquals("inlet", config.username());
        assertEquals("s3cret", config.password().value());
        assertEquals("/etc/inlet/ca.pem", config.caPemPath());
        assertFalse(config.hostnameVerification());
        assertEquals("enrich", config.pipeline());
        assertEquals("tenant", config.routingField());
        assertEquals("field_mapping", config.mapperType());
        assertEquals("order_id", config.idField());
        assertEquals("ts", config.versionField());
        assertEquals("op", config.opTypeField());
        assertEquals("D", config.opTypeDeleteValue());
        assertEquals("C", config.opTypeCreateValue());
        assertEquals("_v", config.updateVersionField());
        assertEquals(10, config.maxBatchSize());
        assertEquals(2048, config.bulkMaxBytes());
        assertEquals(64, config.numProcessorThreads());
        assertEquals(4096, config.bufferMaxBytes());
        assertEquals(7, config.bufferMaxMessages());
        assertEquals(RetryPolicy.unlimited(5, 50), config.retryPolicy());
        assertEquals(250, config.pollTimeoutMs());
        assertEquals(ErrorStrategy.BLOCK, config.errorStrategy());
        assertEquals("dlq-${topic}", config.dlqIndex());
        assertEquals(PointerReset.BY_OFFSET, config.pointerReset());
        assertEquals("42", config.pointerResetValue());
        assertEquals(BigInteger.valueOf(42), config.pointerResetOffset());
        assertThrows(IllegalStateException.class, config::pointerResetTimestamp);
    }

    @Test
    void securityWithTruststoreAndSigv4() {
        InletConfig truststore = config("opensearch.hosts", "https://a:9200",
                "opensearch.tls.truststore.path", "/t.jks", "opensearch.tls.truststore.password", "changeit",
                "opensearch.tls.truststore.type", "jks");
        assertEquals("/t.jks", truststore.truststorePath());
        assertEquals("changeit", truststore.truststorePassword().value());
        assertEquals("JKS", truststore.truststoreType());
        InletConfig sigv4 = config("opensearch.hosts", "https://search-x.us-east-1.es.amazonaws.com:443",
                "opensearch.auth.type", "aws_sigv4", "opensearch.aws.region", "eu-west-1",
                "opensearch.aws.service", "AOSS");
        assertEquals(AuthType.AWS_SIGV4, sigv4.authType());
        assertEquals("eu-west-1", sigv4.awsRegion());
        assertEquals("aoss", sigv4.awsService());
    }

    @Test
    void bothResetSpellingsWork() {
        for (String mode : List.of("reset_by_timestamp", "rewind_by_timestamp")) {
            InletConfig config = config("pointer.init.reset", mode, "pointer.init.reset.value", "2024-05-01T12:00:00Z");
            assertEquals(PointerReset.BY_TIMESTAMP, config.pointerReset());
            assertEquals(Instant.parse("2024-05-01T12:00:00Z"), config.pointerResetTimestamp());
            assertThrows(IllegalStateException.class, config::pointerResetOffset);
        }
        for (String mode : List.of("reset_by_offset", "rewind_by_offset")) {
            assertEquals(PointerReset.BY_OFFSET,
                    config("pointer.init.reset", mode, "pointer.init.reset.value", "7").pointerReset());
        }
        assertEquals(PointerReset.LATEST, config("pointer.init.reset", "latest").pointerReset());
        assertEquals(PointerReset.NONE, config("pointer.init.reset", "none").pointerReset());
    }

    @Test
    void requiredSettingsAreRequired() {
        ConfigException hosts = assertThrows(ConfigException.class, () -> new InletConfig(Map.of("index", "x")));
        assertTrue(hosts.getMessage().contains("opensearch.hosts"), hosts.getMessage());
        ConfigException index = assertThrows(ConfigException.class,
                () -> new InletConfig(Map.of("opensearch.hosts", "http://h:9200")));
        assertTrue(index.getMessage().contains("index"), index.getMessage());
    }

    @Test
    void unknownEnumValuesAreRefusedNeverDefaulted() {
        ConfigException e = assertThrows(ConfigException.class, () -> config("error_strategy", "drop_it"));
        assertEquals("Invalid value \"drop_it\" for configuration error_strategy: write one of DROP, BLOCK",
                e.getMessage());
        Map<String, String> wrong = Map.of("opensearch.auth.type", "kerberos", "mapper_type", "avro",
                "pointer.init.reset", "beginning", "opensearch.tls.truststore.type", "PEM",
                "opensearch.aws.service", "s3");
        wrong.forEach((key, value) -> {
            ConfigException refused = assertThrows(ConfigException.class, () -> config(key, value), key);
            assertTrue(refused.getMessage().contains("for configuration " + key + ": write one of "),
                    refused.getMessage());
        });
    }

    @Test
    void theTargetKindSaysWhatIndexNames() {
        assertEquals(TargetKind.INDEX, config().targetKind());
        assertEquals(TargetKind.DATA_STREAM, config("target.kind", "Data_Stream").targetKind());
        assertEquals(TargetKind.ALIAS, config("target.kind", "alias").targetKind());
        InletConfig stream = config("target.kind", "data_stream", "data_stream.timestamp.field", "event_time",
                "data_stream.create_template", "true");
        assertEquals("event_time", stream.dataStreamTimestampField());
        assertTrue(stream.dataStreamCreateTemplate());
        assertEquals(null, config("target.kind", "data_stream").dataStreamTimestampField(), "empty: the record's time");
        ConfigException unknown = assertThrows(ConfigException.class, () -> config("target.kind", "stream"));
        assertEquals("Invalid value \"stream\" for configuration target.kind: write one of index, data_stream, alias",
                unknown.getMessage());
    }

    @Test
    void dataStreamSettingsWithoutADataStreamAreRefused() {
        ConfigException field = assertThrows(ConfigException.class, () -> config("data_stream.timestamp.field", "t"));
        assertEquals("Invalid Inlet configuration: data_stream.timestamp.field only applies to target.kind=data_stream, and"
                + " target.kind=index: set target.kind=data_stream or remove data_stream.timestamp.field", field.getMessage());
        ConfigException template = assertThrows(ConfigException.class,
                () -> config("target.kind", "alias", "data_stream.create_template", "true"));
        assertTrue(template.getMessage().contains("data_stream.create_template=true only applies to target.kind=data_stream,"
                + " and target.kind=alias"), template.getMessage());
        assertFalse(config("data_stream.create_template", "false").dataStreamCreateTemplate());
    }

    @Test
    void errorStrategyIsReadInAnyCase() {
        assertEquals(ErrorStrategy.BLOCK, config("error_strategy", "Block").errorStrategy());
        assertEquals(ErrorStrategy.DROP, config("error_strategy", "drop").errorStrategy());
    }

    @Test
    void maxBatchSizeHonoursOpenSearchsAlias() {
        assertEquals(200, config("poll.max_batch_size", "200").maxBatchSize());
        assertEquals(300, config("max_batch_size", "300").maxBatchSize());
        assertEquals(300, config("max_batch_size", "300", "poll.max_batch_size", "300").maxBatchSize());
        assertEquals(5000, config().maxBatchSize());
        ConfigException e = assertThrows(ConfigException.class,
                () -> config("max_batch_size", "300", "poll.max_batch_size", "200"));
        assertTrue(e.getMessage().contains("max_batch_size=300 and poll.max_batch_size=200 disagree"), e.getMessage());
        ConfigException zero = assertThrows(ConfigException.class, () -> config("poll.max_batch_size", "0"));
        assertTrue(zero.getMessage().contains("poll.max_batch_size: write a whole number of at least 1"),
                zero.getMessage());
    }

    @Test
    void crossFieldErrorsFailConstruction() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> config("opensearch.auth.type", "basic", "opensearch.password", "s3cret"));
        assertTrue(e.getMessage().startsWith("Invalid Inlet configuration: "), e.getMessage());
        assertTrue(e.getMessage().contains("set opensearch.username"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertThrows(ConfigException.class, () -> config("pointer.init.reset", "reset_by_offset"));
    }

    @Test
    void passwordsAreHiddenInToStringAndValues() {
        InletConfig config = config("opensearch.auth.type", "basic", "opensearch.username", "inlet",
                "opensearch.password", "s3cret", "opensearch.hosts", "https://a:9200",
                "opensearch.tls.truststore.path", "/t.p12", "opensearch.tls.truststore.password", "trustpass");
        assertEquals("[hidden]", config.password().toString());
        assertEquals("[hidden]", config.truststorePassword().toString());
        for (String shown : List.of(config.toString(), config.values().toString())) {
            assertFalse(shown.contains("s3cret"), shown);
            assertFalse(shown.contains("trustpass"), shown);
            assertTrue(shown.contains("opensearch.password=[hidden]"), shown);
            assertTrue(shown.contains("opensearch.tls.truststore.password=[hidden]"), shown);
        }
        assertTrue(config.toString().startsWith("InletConfig{"), config.toString());
        assertTrue(config.toString().contains("opensearch.username=inlet"), config.toString());
    }

    @Test
    void passwordsAreHiddenWhenTheValuesAreLogged() {
        String logged = captureConfigLog(() -> config("opensearch.auth.type", "basic", "opensearch.username", "inlet",
                "opensearch.password", "s3cret"));
        assertTrue(logged.contains("InletConfig values:"), logged);
        assertTrue(logged.contains("opensearch.password = [hidden]"), logged);
        assertFalse(logged.contains("s3cret"), logged);
    }

    @Test
    void configDefIsNewEachTimeSoRuntimesCanAddKeys() {
        ConfigDef first = InletConfig.configDef();
        ConfigDef second = InletConfig.configDef();
        assertNotSame(first, second);
        first.define("stream.name", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "the stream");
        assertFalse(second.names().contains("stream.name"));
        assertFalse(InletConfig.configDef().names().contains("stream.name"));

        ConfigDef runtime = new ConfigDef().define("topics", ConfigDef.Type.LIST, ConfigDef.Importance.HIGH, "topics");
        assertTrue(InletConfig.define(runtime) == runtime);
        RuntimeConfig config = new RuntimeConfig(props("topics", "orders,payments"));
        assertEquals(List.of("orders", "payments"), config.getList("topics"));
        assertEquals(5000, config.maxBatchSize());
    }

    @Test
    void everySettingIsGroupedDocumentedValidatedAndNamedForDisplay() {
        ConfigDef def = InletConfig.configDef();
        assertEquals(List.of("Connection", "Security", "Index", "Format", "Writer", "Errors", "Pointer"), def.groups());
        assertEquals(43, def.names().size(), def.names().toString());
        for (ConfigKey key : def.configKeys().values()) {
            assertNotNull(key.group, key.name);
            assertTrue(key.orderInGroup > 0, key.name);
            assertNotNull(key.validator, key.name);
            assertFalse(key.validator.toString().isBlank(), key.name);
            assertNotNull(key.importance, key.name);
            assertTrue(key.documentation != null && key.documentation.length() > 40, key.name);
            assertTrue(key.displayName != null && !key.displayName.equals(key.name), key.name);
            if (key.hasDefault() && key.defaultValue != null) {
                key.validator.ensureValid(key.name, key.defaultValue); // every default passes its own rule
            }
        }
    }

    @Test
    void enumSettingsRecommendTheirValues() {
        ConfigDef def = InletConfig.configDef();
        assertEquals(List.of("DROP", "BLOCK"), def.configKeys().get("error_strategy").recommender
                .validValues("error_strategy", Map.of()));
        assertEquals(PointerReset.allSpellings(), def.configKeys().get("pointer.init.reset").recommender
                .validValues("pointer.init.reset", Map.of()));
        assertFalse(def.configKeys().get("opensearch.username").recommender
                .visible("opensearch.username", Map.of("opensearch.auth.type", "none")));
    }

    @Test
    void validateReportsPerSettingAsAConnectorWould() {
        Map<String, String> props = new HashMap<>();
        props.put("opensearch.hosts", "localhost:9200");
        props.put("index", "Orders");
        props.put("error_strategy", "drop_it");
        props.put("opensearch.auth.type", "basic");
        props.put("pointer.init.reset", "rewind_by_timestamp");
        Map<String, ConfigValue> values = new HashMap<>();
        InletConfig.configDef().validate(props).forEach(value -> values.put(value.name(), value));
        InletConfig.crossFieldErrors(props).forEach((key, messages) -> messages.forEach(values.get(key)::addErrorMessage));

        assertTrue(values.get("opensearch.hosts").errorMessages().get(0).contains("write http://host:9200"));
        assertTrue(values.get("index").errorMessages().get(0).contains("lowercase"));
        assertEquals(List.of("Invalid value \"drop_it\" for configuration error_strategy: write one of DROP, BLOCK"),
                values.get("error_strategy").errorMessages());
        assertEquals(List.of("DROP", "BLOCK"), values.get("error_strategy").recommendedValues());
        assertTrue(values.get("opensearch.username").visible());
        assertTrue(values.get("opensearch.username").errorMessages().get(0).contains("set opensearch.username"));
        assertFalse(values.get("opensearch.aws.region").visible());
        assertTrue(values.get("pointer.init.reset.value").errorMessages().get(0).contains("needs a starting point"));
        assertTrue(values.get("max_batch_size").errorMessages().isEmpty());
    }

    @Test
    void commonImportsNeitherConnectNorTheKcl() throws IOException {
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                assertFalse(text.contains("org.apache.kafka.connect"), file.toString());
                assertFalse(text.contains("software.amazon.kinesis"), file.toString());
            }
        }
    }

    /** What {@link AbstractConfig} logs at INFO while {@code action} runs. */
    private static String captureConfigLog(Runnable action) {
        String name = AbstractConfig.class.getName();
        LoggerContext context = LoggerContext.getContext(false);
        Configuration configuration = context.getConfiguration();
        StringWriter out = new StringWriter();
        WriterAppender appender = WriterAppender.newBuilder().setName("inlet-config-capture").setTarget(out)
                .setLayout(PatternLayout.newBuilder().withPattern("%m%n").build()).build();
        appender.start();
        LoggerConfig logger = LoggerConfig.newBuilder().withLoggerName(name).withLevel(Level.INFO)
                .withAdditivity(false).withConfig(configuration).build();
        logger.addAppender(appender, Level.INFO, null);
        configuration.addLogger(name, logger);
        context.updateLoggers();
        try {
            action.run();
        } finally {
            configuration.removeLogger(name);
            context.updateLoggers();
            appender.stop();
        }
        return out.toString();
    }

    /** How a runtime extends the shared settings. */
    private static final class RuntimeConfig extends InletConfig {
        RuntimeConfig(Map<?, ?> props) {
            super(InletConfig.define(new ConfigDef()
                    .define("topics", ConfigDef.Type.LIST, ConfigDef.Importance.HIGH, "topics")), props);
        }
    }
}
