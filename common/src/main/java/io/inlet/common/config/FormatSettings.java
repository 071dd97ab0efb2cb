package io.inlet.common.config;

import io.inlet.common.mapper.MapperType;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.util.List;

/** Settings of the "Format" group: how a message becomes an OpenSearch operation. */
public final class FormatSettings {

    public static final String GROUP = "Format";

    /** The {@code mapper_type} for the {@code _id/_version/_op_type/_source} envelope. */
    public static final String MAPPER_DEFAULT = MapperType.DEFAULT.configName();
    /** The {@code mapper_type} for flat documents described by {@code mapper_settings.*}. */
    public static final String MAPPER_FIELD_MAPPING = MapperType.FIELD_MAPPING.configName();
    /** The {@code mapper_type} that takes the whole payload as the document. */
    public static final String MAPPER_RAW_PAYLOAD = MapperType.RAW_PAYLOAD.configName();
    /** The prefix of the settings that only apply to {@link #MAPPER_FIELD_MAPPING}. */
    public static final String MAPPER_SETTINGS_PREFIX = "mapper_settings.";

    public static final String MAPPER_TYPE = "mapper_type";
    public static final String MAPPER_TYPE_DEFAULT = MAPPER_DEFAULT;
    static final OneOf MAPPER_TYPES = OneOf.anyCase(List.of(MAPPER_DEFAULT, MAPPER_FIELD_MAPPING, MAPPER_RAW_PAYLOAD));
    private static final String MAPPER_TYPE_DISPLAY = "Message format";
    private static final String MAPPER_TYPE_DOC = "How a message becomes an OpenSearch operation (as in"
            + " OpenSearch 3.4+). default: a JSON envelope {\"_id\", \"_version\", \"_op_type\", \"_source\"}"
            + " whose _source is the document. field_mapping: a flat JSON document whose _id, version and"
            + " operation are read from the fields named by mapper_settings.*. raw_payload: the whole JSON"
            + " payload is the document, with an _id made from where it was read (topic-partition-offset or"
            + " stream-shard-sequence), so a replay overwrites instead of duplicating.";

    public static final String ID_FIELD = MAPPER_SETTINGS_PREFIX + "id_field";
    public static final String ID_FIELD_DEFAULT = "id";
    private static final String ID_FIELD_DISPLAY = "Id field";
    private static final String ID_FIELD_DOC = "With mapper_type=field_mapping: the top-level field whose"
            + " value (a string or a number) becomes the document's _id.";

    public static final String VERSION_FIELD = MAPPER_SETTINGS_PREFIX + "version_field";
    private static final String VERSION_FIELD_DISPLAY = "Version field";
    private static final String VERSION_FIELD_DOC = "With mapper_type=field_mapping: the top-level field"
            + " holding the document's version (a non-negative number). A message not newer than the stored"
            + " version is skipped as stale, so replays are harmless. Empty: no version check.";

    public static final String OP_TYPE_FIELD = MAPPER_SETTINGS_PREFIX + "op_type_field";
    private static final String OP_TYPE_FIELD_DISPLAY = "Operation field";
    private static final String OP_TYPE_FIELD_DOC = "With mapper_type=field_mapping: the top-level field that"
            + " says what to do with the document; its values are set by"
            + " mapper_settings.op_type_field.delete_value and mapper_settings.op_type_field.create_value."
            + " Empty: every message indexes its document.";

    public static final String OP_TYPE_DELETE_VALUE = OP_TYPE_FIELD + ".delete_value";
    public static final String OP_TYPE_DELETE_VALUE_DEFAULT = "delete";
    private static final String OP_TYPE_DELETE_VALUE_DISPLAY = "Delete value";
    private static final String OP_TYPE_DELETE_VALUE_DOC = "With mapper_type=field_mapping: the value of"
            + " mapper_settings.op_type_field that deletes the document.";

    public static final String OP_TYPE_CREATE_VALUE = OP_TYPE_FIELD + ".create_value";
    public static final String OP_TYPE_CREATE_VALUE_DEFAULT = "create";
    private static final String OP_TYPE_CREATE_VALUE_DISPLAY = "Create value";
    private static final String OP_TYPE_CREATE_VALUE_DOC = "With mapper_type=field_mapping: the value of"
            + " mapper_settings.op_type_field that creates the document, only if no document has its _id.";

    public static final String UPDATE_VERSION_FIELD = "update.version_field";
    public static final String UPDATE_VERSION_FIELD_DEFAULT = "_inlet_version";
    private static final String UPDATE_VERSION_FIELD_DISPLAY = "Update version field";
    private static final String UPDATE_VERSION_FIELD_DOC = "The field Inlet stores in each document to guard"
            + " update operations (partial documents, an Inlet extension): an update is applied only when"
            + " its version is newer than the one stored in this field, so replayed updates change nothing."
            + " Choose a name none of your documents uses.";

    private FormatSettings() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        List<String> mapperSettings = List.of(ID_FIELD, VERSION_FIELD, OP_TYPE_FIELD, OP_TYPE_DELETE_VALUE,
                OP_TYPE_CREATE_VALUE);
        Recommend onlyFieldMapping = Recommend.visibleWhen(MAPPER_TYPE, MAPPER_FIELD_MAPPING);
        def.define(MAPPER_TYPE, Type.STRING, MAPPER_TYPE_DEFAULT, MAPPER_TYPES, Importance.HIGH, MAPPER_TYPE_DOC,
                GROUP, ++order, Width.SHORT, MAPPER_TYPE_DISPLAY, mapperSettings, Recommend.choices(MAPPER_TYPES));
        def.define(ID_FIELD, Type.STRING, ID_FIELD_DEFAULT, TextRule.optional("a document field name"),
                Importance.MEDIUM, ID_FIELD_DOC, GROUP, ++order, Width.MEDIUM, ID_FIELD_DISPLAY, onlyFieldMapping);
        def.define(VERSION_FIELD, Type.STRING, null, TextRule.optional("a document field name"), Importance.MEDIUM,
                VERSION_FIELD_DOC, GROUP, ++order, Width.MEDIUM, VERSION_FIELD_DISPLAY, onlyFieldMapping);
        def.define(OP_TYPE_FIELD, Type.STRING, null, TextRule.optional("a document field name"), Importance.MEDIUM,
                OP_TYPE_FIELD_DOC, GROUP, ++order, Width.MEDIUM, OP_TYPE_FIELD_DISPLAY,
                List.of(OP_TYPE_DELETE_VALUE, OP_TYPE_CREATE_VALUE), onlyFieldMapping);
        def.define(OP_TYPE_DELETE_VALUE, Type.STRING, OP_TYPE_DELETE_VALUE_DEFAULT, TextRule.required("a value"),
                Importance.LOW, OP_TYPE_DELETE_VALUE_DOC, GROUP, ++order, Width.SHORT, OP_TYPE_DELETE_VALUE_DISPLAY,
                onlyFieldMapping);
        def.define(OP_TYPE_CREATE_VALUE, Type.STRING, OP_TYPE_CREATE_VALUE_DEFAULT, TextRule.required("a value"),
                Importance.LOW, OP_TYPE_CREATE_VALUE_DOC, GROUP, ++order, Width.SHORT, OP_TYPE_CREATE_VALUE_DISPLAY,
                onlyFieldMapping);
        def.define(UPDATE_VERSION_FIELD, Type.STRING, UPDATE_VERSION_FIELD_DEFAULT,
                TextRule.required("a document field name"), Importance.LOW, UPDATE_VERSION_FIELD_DOC, GROUP, ++order,
                Width.MEDIUM, UPDATE_VERSION_FIELD_DISPLAY);
        return def;
    }
}
