package io.inlet.common.mapper;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a mapper finds a message's id, version and operation.
 *
 * <p>The first five settings are OpenSearch's {@code mapper_settings} for {@code mapper_type: field_mapping}
 * and are ignored by the other mappers. The last two apply to every mapper:
 * <ul>
 *   <li>{@code idFromKey} (Kafka {@code id.source=key}): when the message carries no id, the record key,
 *       read as UTF-8, is the id; when the key is null too, the mapper's own rule applies.</li>
 *   <li>{@code versionFromPointer} (Kafka {@code version.source=offset}): when the message carries no
 *       version, the Kafka offset is its external version. Only Kafka offsets are used; safe only when all
 *       messages for one id go to one partition.</li>
 * </ul>
 *
 * @param idField            top-level field holding the document id (default {@code id})
 * @param versionField       top-level field holding the external version, or null for no version
 * @param opTypeField        top-level field holding the operation, or null: every message is an {@code index}
 * @param deleteValue        value of {@code opTypeField} that means delete (default {@code delete})
 * @param createValue        value of {@code opTypeField} that means create (default {@code create})
 * @param idFromKey          use the record key as id when the message has none
 * @param versionFromPointer use the Kafka offset as version when the message has none
 */
public record MapperSettings(String idField, String versionField, String opTypeField, String deleteValue,
                             String createValue, boolean idFromKey, boolean versionFromPointer) {

    /** {@code mapper_settings} key: field holding the id. */
    public static final String ID_FIELD = "id_field";
    /** {@code mapper_settings} key: field holding the version. */
    public static final String VERSION_FIELD = "version_field";
    /** {@code mapper_settings} key: field holding the operation. */
    public static final String OP_TYPE_FIELD = "op_type_field";
    /** {@code mapper_settings} key: value of the operation field meaning delete. */
    public static final String DELETE_VALUE = "op_type_field.delete_value";
    /** {@code mapper_settings} key: value of the operation field meaning create. */
    public static final String CREATE_VALUE = "op_type_field.create_value";

    /** Every {@code mapper_settings} key, in documentation order. */
    public static final List<String> KEYS = List.of(ID_FIELD, VERSION_FIELD, OP_TYPE_FIELD, DELETE_VALUE, CREATE_VALUE);

    public static final String DEFAULT_ID_FIELD = "id";
    public static final String DEFAULT_DELETE_VALUE = "delete";
    public static final String DEFAULT_CREATE_VALUE = "create";

    private static final MapperSettings DEFAULTS = new MapperSettings(DEFAULT_ID_FIELD, null, null,
            DEFAULT_DELETE_VALUE, DEFAULT_CREATE_VALUE, false, false);

    public MapperSettings {
        requireName(ID_FIELD, idField);
        if (versionField != null) {
            requireName(VERSION_FIELD, versionField);
        }
        if (opTypeField != null) {
            requireName(OP_TYPE_FIELD, opTypeField);
        }
        Objects.requireNonNull(deleteValue, DELETE_VALUE);
        Objects.requireNonNull(createValue, CREATE_VALUE);
        if (deleteValue.equals(createValue)) {
            throw new IllegalArgumentException("mapper_settings " + DELETE_VALUE + " and " + CREATE_VALUE
                    + " must differ, both are \"" + deleteValue + "\"");
        }
        Set<String> fields = new HashSet<>();
        for (String f : new String[] {idField, versionField, opTypeField}) {
            if (f != null && !fields.add(f)) {
                throw new IllegalArgumentException("mapper_settings " + ID_FIELD + ", " + VERSION_FIELD + " and "
                        + OP_TYPE_FIELD + " must name different fields, \"" + f + "\" is used twice");
            }
        }
    }

    /** Id from {@code id}, no version, every message an {@code index}; key and offset not used. */
    public static MapperSettings defaults() {
        return DEFAULTS;
    }

    /**
     * Reads OpenSearch-style {@code mapper_settings}. Unknown keys are refused (the error lists the valid
     * ones), as are delete/create values without an {@code op_type_field}. Absent keys take their defaults;
     * {@code idFromKey} and {@code versionFromPointer} are false.
     */
    public static MapperSettings fromMap(Map<String, String> mapperSettings) {
        Map<String, String> s = mapperSettings == null ? Map.of() : new LinkedHashMap<>(mapperSettings);
        for (String key : s.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown mapper_settings key \"" + key + "\"; valid keys are: "
                        + String.join(", ", KEYS));
            }
        }
        if (s.get(OP_TYPE_FIELD) == null && (s.get(DELETE_VALUE) != null || s.get(CREATE_VALUE) != null)) {
            throw new IllegalArgumentException("mapper_settings " + DELETE_VALUE + " and " + CREATE_VALUE
                    + " need " + OP_TYPE_FIELD + " to be set");
        }
        return new MapperSettings(s.getOrDefault(ID_FIELD, DEFAULT_ID_FIELD), s.get(VERSION_FIELD),
                s.get(OP_TYPE_FIELD), s.getOrDefault(DELETE_VALUE, DEFAULT_DELETE_VALUE),
                s.getOrDefault(CREATE_VALUE, DEFAULT_CREATE_VALUE), false, false);
    }

    /** These settings with the id, version and operation fields of a {@code field_mapping} mapper. */
    public MapperSettings withFields(String idField, String versionField, String opTypeField) {
        return new MapperSettings(idField, versionField, opTypeField, deleteValue, createValue, idFromKey,
                versionFromPointer);
    }

    /** These settings with the operation field values that mean delete and create. */
    public MapperSettings withOpValues(String deleteValue, String createValue) {
        return new MapperSettings(idField, versionField, opTypeField, deleteValue, createValue, idFromKey,
                versionFromPointer);
    }

    /** These settings with Kafka {@code id.source=key} on or off. */
    public MapperSettings withIdFromKey(boolean idFromKey) {
        return new MapperSettings(idField, versionField, opTypeField, deleteValue, createValue, idFromKey,
                versionFromPointer);
    }

    /** These settings with Kafka {@code version.source=offset} on or off. */
    public MapperSettings withVersionFromPointer(boolean versionFromPointer) {
        return new MapperSettings(idField, versionField, opTypeField, deleteValue, createValue, idFromKey,
                versionFromPointer);
    }

    private static void requireName(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("mapper_settings " + key + " must name a top-level field, got "
                    + (value == null ? "null" : "\"" + value + "\""));
        }
    }
}
