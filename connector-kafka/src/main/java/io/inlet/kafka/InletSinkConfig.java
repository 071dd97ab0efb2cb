package io.inlet.kafka;

import io.inlet.common.config.ErrorSettings;
import io.inlet.common.config.FormatSettings;
import io.inlet.common.config.InletConfig;
import io.inlet.common.config.OneOf;
import io.inlet.common.config.PointerReset;
import io.inlet.common.config.PointerSettings;
import io.inlet.common.config.Recommend;
import io.inlet.common.config.TextRule;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.ingest.IngestionFactory;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The Kafka Connect sink's settings: the shared ones ({@link InletConfig}) plus those only Kafka has
 * (where ids and versions may come from, tombstones, the Kafka cluster for offset look-ups, and where
 * task state is published).
 */
public final class InletSinkConfig extends InletConfig {

    public static final String GROUP = "Kafka";

    public static final String ID_SOURCE = "id.source";
    public static final String VERSION_SOURCE = "version.source";
    public static final String NULL_VALUES = "behavior.on.null.values";
    public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap.servers";
    public static final String KAFKA_CLIENT_PREFIX = "kafka.client.";
    public static final String STATE_INDEX = "state.index";
    public static final String STATE_INTERVAL_MS = "state.publish.interval.ms";
    public static final String COMMENT = "inlet.comment";

    /** Connect's own error-handling settings, read for the cross-field check of error_strategy=DROP. */
    static final String ERRORS_TOLERANCE = "errors.tolerance";
    static final String ERRORS_DLQ_TOPIC = "errors.deadletterqueue.topic.name";
    static final String ERRORS_LOG_ENABLE = "errors.log.enable";

    public enum IdSource { ENVELOPE, KEY }

    public enum VersionSource { ENVELOPE, OFFSET }

    public enum NullValues { DELETE, IGNORE, FAIL }

    static final OneOf ID_SOURCES = OneOf.anyCase(List.of("envelope", "key"));
    static final OneOf VERSION_SOURCES = OneOf.anyCase(List.of("envelope", "offset"));
    static final OneOf NULL_VALUE_BEHAVIOURS = OneOf.anyCase(List.of("delete", "ignore", "fail"));

    public InletSinkConfig(Map<?, ?> props) {
        super(configDef(), props);
        Map<String, List<String>> errors = kafkaErrors(asText(originals()));
        if (!errors.isEmpty()) {
            throw invalid("Inlet", errors);
        }
    }

    public static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        InletConfig.define(def);
        int order = 0;
        def.define(ID_SOURCE, Type.STRING, "envelope", ID_SOURCES, Importance.MEDIUM,
                "Where the document id comes from when the message has none: envelope = the message's own _id"
                        + " (else an id made from topic, partition and offset); key = the record key.",
                GROUP, ++order, Width.SHORT, "Id source", Recommend.choices(ID_SOURCES));
        def.define(VERSION_SOURCE, Type.STRING, "envelope", VERSION_SOURCES, Importance.MEDIUM,
                "Where the external version comes from when the message has none: envelope = none (no version"
                        + " check); offset = the Kafka offset. offset is safe only when one id lives in one partition"
                        + " (records keyed by id), and needs a mapper that yields ids (not raw_payload).",
                GROUP, ++order, Width.SHORT, "Version source", Recommend.choices(VERSION_SOURCES));
        def.define(NULL_VALUES, Type.STRING, "delete", NULL_VALUE_BEHAVIOURS, Importance.MEDIUM,
                "What a record with a null value (a tombstone) does: delete = delete the document whose id is the"
                        + " record key; ignore = skip it; fail = fail the task.",
                GROUP, ++order, Width.SHORT, "Behavior on null values", Recommend.choices(NULL_VALUE_BEHAVIOURS));
        def.define(KAFKA_BOOTSTRAP, Type.LIST, "", Importance.MEDIUM,
                "Bootstrap servers of the Kafka cluster the connector reads (usually the worker's bootstrap.servers)."
                        + " Needed by pointer.init.reset other than earliest, to look up committed offsets, log end"
                        + " offsets and offsets by timestamp, and for the log end offsets and lag in the state."
                        + " Client settings for it (security.protocol, sasl.*, ssl.*) go under kafka.client.*.",
                GROUP, ++order, Width.LONG, "Kafka bootstrap servers");
        def.define(STATE_INDEX, Type.STRING, "inlet-state", TextRule.optional("an index name, e.g. inlet-state"),
                Importance.LOW,
                "OpenSearch index where every task publishes its ingestion state, so that the Inlet REST extension"
                        + " of any worker can serve GET /inlet/connectors/{name}/state for all tasks.",
                GROUP, ++order, Width.MEDIUM, "State index");
        def.define(COMMENT, Type.STRING, "", Importance.LOW,
                "Free text for people reading the config (what it is for); Inlet ignores it.",
                GROUP, 100, Width.LONG, "Comment");
        def.define(STATE_INTERVAL_MS, Type.LONG, 2000L, ConfigDef.Range.atLeast(200), Importance.LOW,
                "How often each task publishes its state.", GROUP, ++order, Width.SHORT, "State publish interval");
        return def;
    }

    /** Shared cross-field checks plus the Kafka ones, keyed by the setting each belongs to. */
    public static Map<String, List<String>> crossFieldErrors(Map<String, String> props) {
        Map<String, List<String>> errors = new HashMap<>(InletConfig.crossFieldErrors(props));
        kafkaErrors(props).forEach((k, v) -> errors.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        return errors;
    }

    private static Map<String, List<String>> kafkaErrors(Map<String, String> props) {
        Map<String, List<String>> errors = new HashMap<>();
        String mapper = props.getOrDefault(FormatSettings.MAPPER_TYPE, FormatSettings.MAPPER_TYPE_DEFAULT).trim().toLowerCase(Locale.ROOT);
        String version = props.getOrDefault(VERSION_SOURCE, "envelope").trim().toLowerCase(Locale.ROOT);
        if (version.equals("offset") && mapper.equals(FormatSettings.MAPPER_RAW_PAYLOAD)) {
            add(errors, VERSION_SOURCE, "version.source=offset needs documents with ids, but mapper_type=raw_payload"
                    + " makes a new id per offset: write version.source=envelope, or use mapper_type default or field_mapping");
        }
        errantRecordTolerance(props, errors);
        String reset = props.getOrDefault("pointer.init.reset", "earliest").trim();
        String bootstrap = props.getOrDefault(KAFKA_BOOTSTRAP, "").trim();
        try {
            PointerReset mode = PointerReset.fromName(reset);
            if (mode != PointerReset.EARLIEST && bootstrap.isEmpty()) {
                add(errors, KAFKA_BOOTSTRAP, "pointer.init.reset=" + reset + " needs kafka.bootstrap.servers to look up"
                        + " committed and end offsets: write the bootstrap servers of the Kafka cluster, e.g. broker:9092");
            }
            if (mode == PointerReset.BY_OFFSET) {
                offsetForEveryPartition(props.getOrDefault(PointerSettings.RESET_VALUE, ""), errors);
            }
        } catch (IllegalArgumentException ignored) {
            // the value itself is reported by its validator
        }
        return errors;
    }

    /**
     * A Kafka reset_by_offset value is one offset, for every partition without a committed offset, and fits a long.
     * Starting each partition at its own offset is what Connect's offsets API is for.
     */
    private static void offsetForEveryPartition(String value, Map<String, List<String>> errors) {
        List<BigInteger> offsets;
        try {
            offsets = PointerReset.parseOffsets(value);
        } catch (IllegalArgumentException e) {
            return; // reported by the shared check
        }
        if (offsets.size() > 1) {
            add(errors, PointerSettings.RESET_VALUE, "a Kafka reset_by_offset takes one offset, for every partition"
                    + " without a committed offset, not " + offsets.size() + ": write one offset, or start each partition"
                    + " at its own offset with Connect's offsets API (stop the connector, then PATCH"
                    + " /connectors/{name}/offsets)");
        } else if (offsets.get(0).bitLength() > 63) {
            add(errors, PointerSettings.RESET_VALUE, offsets.get(0) + " is larger than any Kafka offset (at most "
                    + Long.MAX_VALUE + "): write an offset of the topic");
        }
    }

    /**
     * Under error_strategy=DROP every refused record goes to Connect's errant record reporter when the worker
     * made one (a dead-letter topic or the error log is configured). With errors.tolerance=none Connect
     * reports the record and then throws "Tolerance exceeded" for it, so the record could never be
     * acknowledged: the partition would stop while the dead-letter topic received the record again on every
     * retry. Refuse that combination up front.
     */
    private static void errantRecordTolerance(Map<String, String> props, Map<String, List<String>> errors) {
        String strategy = props.getOrDefault(ErrorSettings.ERROR_STRATEGY, ErrorSettings.ERROR_STRATEGY_DEFAULT).trim();
        String dlqTopic = props.getOrDefault(ERRORS_DLQ_TOPIC, "").trim();
        boolean errorLog = props.getOrDefault(ERRORS_LOG_ENABLE, "false").trim().equalsIgnoreCase("true");
        String tolerance = props.getOrDefault(ERRORS_TOLERANCE, "none").trim();
        if (strategy.equalsIgnoreCase(ErrorStrategy.DROP.name()) && (!dlqTopic.isEmpty() || errorLog)
                && !tolerance.equalsIgnoreCase("all")) {
            String reporter = !dlqTopic.isEmpty() ? ERRORS_DLQ_TOPIC + "=" + dlqTopic : ERRORS_LOG_ENABLE + "=true";
            add(errors, ErrorSettings.ERROR_STRATEGY, "error_strategy=DROP hands refused records to Connect's errant"
                    + " record reporter (" + reporter + "), but " + ERRORS_TOLERANCE + "=" + tolerance + " makes that"
                    + " reporter fail for each of them, so the partition would stop at the first refused record: set " + ERRORS_TOLERANCE
                    + "=all, or error_strategy=BLOCK");
        }
    }

    private static void add(Map<String, List<String>> errors, String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    public IdSource idSource() {
        return IdSource.valueOf(getString(ID_SOURCE).trim().toUpperCase(Locale.ROOT));
    }

    public VersionSource versionSource() {
        return VersionSource.valueOf(getString(VERSION_SOURCE).trim().toUpperCase(Locale.ROOT));
    }

    public NullValues nullValues() {
        return NullValues.valueOf(getString(NULL_VALUES).trim().toUpperCase(Locale.ROOT));
    }

    /** What Kafka adds to translating a message: {@code id.source}, {@code version.source}, tombstones. */
    public IngestionFactory.SourceRules sourceRules() {
        return new IngestionFactory.SourceRules(idSource() == IdSource.KEY, versionSource() == VersionSource.OFFSET,
                nullValues() == NullValues.DELETE);
    }

    public List<String> kafkaBootstrapServers() {
        return getList(KAFKA_BOOTSTRAP).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Client settings for the Kafka look-ups: {@code bootstrap.servers} plus everything under {@code kafka.client.}. */
    public Map<String, Object> kafkaClientProps() {
        Map<String, Object> p = new HashMap<>(originalsWithPrefix(KAFKA_CLIENT_PREFIX));
        p.put("bootstrap.servers", String.join(",", kafkaBootstrapServers()));
        return p;
    }

    public String stateIndex() {
        String s = getString(STATE_INDEX);
        return s == null || s.isBlank() ? null : s.trim();
    }

    public long stateIntervalMs() {
        return getLong(STATE_INTERVAL_MS);
    }
}
