package io.inlet.common.config;

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
            + " logs-${topic}. Once replaced it must be a legal OpenSearch index name: lowercase, no spaces,"
            + " not starting with _, - or +, and none of \\ / * ? \" < > | , # :. An index that does not"
            + " exist is created by OpenSearch on the first write, from its index templates if any match.";

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
        def.define(INDEX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, IndexNameRule.required(), Importance.HIGH,
                INDEX_DOC, GROUP, ++order, Width.LONG, INDEX_DISPLAY);
        def.define(PIPELINE, Type.STRING, null, TextRule.optional("an ingest pipeline name"), Importance.MEDIUM,
                PIPELINE_DOC, GROUP, ++order, Width.MEDIUM, PIPELINE_DISPLAY);
        def.define(ROUTING_FIELD, Type.STRING, null, TextRule.optional("a document field name"), Importance.LOW,
                ROUTING_FIELD_DOC, GROUP, ++order, Width.MEDIUM, ROUTING_FIELD_DISPLAY);
        return def;
    }
}
