package io.inlet.common.mapper;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The {@code mapper_type} setting: which {@link MessageMapper} reads the messages of a stream. */
public enum MapperType {
    /** {@link DefaultMapper}: an OpenSearch envelope {@code {"_id","_version","_op_type","_source"}}. */
    DEFAULT("default"),
    /** {@link FieldMappingMapper}: a flat document, id/version/operation read from configured fields. */
    FIELD_MAPPING("field_mapping"),
    /** {@link RawPayloadMapper}: any JSON object, indexed as is under an id derived from its stream position. */
    RAW_PAYLOAD("raw_payload");

    private final String configName;

    MapperType(String configName) {
        this.configName = configName;
    }

    /** The name written in configuration, e.g. {@code field_mapping}. */
    public String configName() {
        return configName;
    }

    /**
     * The mapper type for a configuration name. Unknown names are refused, never replaced by a default.
     *
     * @throws IllegalArgumentException when {@code name} is none of the valid names, which the message lists
     */
    public static MapperType fromName(String name) {
        for (MapperType type : values()) {
            if (type.configName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown mapper_type " + (name == null ? "null" : "\"" + name + "\"")
                + "; valid values are: " + validNames());
    }

    /** The valid configuration names, comma-separated, for documentation and error messages. */
    public static String validNames() {
        return Arrays.stream(values()).map(MapperType::configName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return configName;
    }
}
