package io.inlet.common.config;

import io.inlet.common.mapper.TargetKind;
import java.util.Arrays;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Settings of the "Index" group: where documents go. */
public final class IndexSettings {

    public static final String GROUP = "Index";

    public static final String INDEX = "index";
    private static final String INDEX_DISPLAY = "Index";
    private static final String INDEX_DOC = "The index to write to: a name, or a template in which"
            + " ${topic} (Kafka) or ${stream} (Kinesis) is replaced by the name the message came from, e.g."
            + " logs-${topic}; ${timestamp:<pattern>} by the record's time in UTC (Kafka: the record timestamp;"
            + " Kinesis: the approximate arrival time) written with a java.time DateTimeFormatter pattern, e.g."
            + " logs-${timestamp:yyyy.MM.dd}; and ${field:<name>} by a top-level field of the document (a string or"
            + " an integer), e.g. tenant-${field:tenant}. A message without that time or field (a delete has no"
            + " document) is rejected with reason MISSING_INDEX_VALUE, never written elsewhere. Once replaced and"
            + " lower-cased it must be a legal OpenSearch index name: no spaces, not starting with _, - or +, and"
            + " none of \\ / * ? \" < > | , # :. An index that does not exist is created by OpenSearch on the"
            + " first write, from its index templates if any match. Versions guard one index: with"
            + " ${timestamp:...}, each message of a document goes to the index of its own record time.";

    public static final String TARGET_KIND = "target.kind";
    static final OneOf TARGET_KINDS = OneOf.anyCase(Arrays.stream(TargetKind.values()).map(TargetKind::configName).toList());
    private static final String TARGET_KIND_DISPLAY = "Target kind";
    private static final String TARGET_KIND_DOC = "What index names. index: an index; every operation, each guarded by"
            + " its external _version. alias: a write alias; every operation goes to the alias's current write index,"
            + " and external versions guard that index only (after a rollover, a document whose older version is in"
            + " an earlier index gets a second copy in the new one). Inlet refuses to write when the alias does not"
            + " exist or has no write index, rather than create an index of that name. data_stream: a data stream,"
            + " which only appends: index and create are sent as create with the message's deterministic _id and"
            + " no external version, so a replay into the same backing index is answered 409 and counted stale (a"
            + " replay after a rollover lands in the new backing index: a second copy); delete and update are"
            + " rejected with reason APPEND_ONLY_TARGET. Each document needs @timestamp (see"
            + " data_stream.timestamp.field). Inlet refuses to write when there is neither the data stream nor an"
            + " index template with data_stream that matches it, and says what to create (or see"
            + " data_stream.create_template).";

    public static final String DATA_STREAM_TIMESTAMP_FIELD = "data_stream.timestamp.field";
    private static final String DATA_STREAM_TIMESTAMP_FIELD_DISPLAY = "Data stream timestamp field";
    private static final String DATA_STREAM_TIMESTAMP_FIELD_DOC = "With target.kind=data_stream, where a document"
            + " without @timestamp takes it from: a top-level field of the document holding a date string or epoch"
            + " milliseconds (a document without it is rejected with reason MISSING_TIMESTAMP). Empty: the record's"
            + " time in UTC (Kafka: the record timestamp; Kinesis: the approximate arrival time). A document's own"
            + " @timestamp is always kept.";

    public static final String DATA_STREAM_CREATE_TEMPLATE = "data_stream.create_template";
    private static final String DATA_STREAM_CREATE_TEMPLATE_DISPLAY = "Create data stream template";
    private static final String DATA_STREAM_CREATE_TEMPLATE_DOC = "With target.kind=data_stream: when neither the data"
            + " stream nor an index template with data_stream matching it exists, create the index template"
            + " inlet-<name> (index pattern <name>, data_stream enabled, priority 1) before the first write, and let"
            + " OpenSearch create the data stream from it. false: refuse to write, saying what to create.";

    public static final String PIPELINE = "pipeline";
    private static final String PIPELINE_DISPLAY = "Ingest pipeline";
    private static final String PIPELINE_DOC = "An ingest pipeline to run on every document written (the"
            + " pipeline parameter of the bulk request). Empty: none, apart from the index's own"
            + " index.default_pipeline.";

    public static final String ROUTING_FIELD = "routing.field";
    private static final String ROUTING_FIELD_DISPLAY = "Routing field";
    private static final String ROUTING_FIELD_DOC = "A top-level field of the document whose value becomes"
            + " the routing of its operation, so that documents sharing the value land on the same shard."
            + " All messages for one _id must then carry the same value, or a later operation would reach"
            + " another shard. A delete carries no document, so it is sent without routing and would miss a"
            + " document indexed with one: use routing.field only where documents are not deleted."
            + " Empty: OpenSearch routes by _id.";

    private IndexSettings() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        def.define(INDEX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, IndexNameRule.target(), Importance.HIGH,
                INDEX_DOC, GROUP, ++order, Width.LONG, INDEX_DISPLAY);
        def.define(TARGET_KIND, Type.STRING, TargetKind.INDEX.configName(), TARGET_KINDS, Importance.HIGH,
                TARGET_KIND_DOC, GROUP, ++order, Width.SHORT, TARGET_KIND_DISPLAY, Recommend.choices(TARGET_KINDS));
        def.define(DATA_STREAM_TIMESTAMP_FIELD, Type.STRING, null, TextRule.optional("a document field name"), Importance.LOW,
                DATA_STREAM_TIMESTAMP_FIELD_DOC, GROUP, ++order, Width.MEDIUM, DATA_STREAM_TIMESTAMP_FIELD_DISPLAY,
                Recommend.visibleWhen(TARGET_KIND, TargetKind.DATA_STREAM.configName()));
        def.define(DATA_STREAM_CREATE_TEMPLATE, Type.BOOLEAN, false, BooleanRule.INSTANCE, Importance.LOW,
                DATA_STREAM_CREATE_TEMPLATE_DOC, GROUP, ++order, Width.SHORT, DATA_STREAM_CREATE_TEMPLATE_DISPLAY,
                Recommend.visibleWhen(TARGET_KIND, TargetKind.DATA_STREAM.configName()));
        def.define(PIPELINE, Type.STRING, null, TextRule.optional("an ingest pipeline name"), Importance.MEDIUM,
                PIPELINE_DOC, GROUP, ++order, Width.MEDIUM, PIPELINE_DISPLAY);
        def.define(ROUTING_FIELD, Type.STRING, null, TextRule.optional("a document field name"), Importance.LOW,
                ROUTING_FIELD_DOC, GROUP, ++order, Width.MEDIUM, ROUTING_FIELD_DISPLAY);
        return def;
    }
}
