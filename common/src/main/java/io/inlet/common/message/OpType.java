package io.inlet.common.message;

import java.util.Locale;

/** The bulk operation a message turns into, spelled as in OpenSearch's {@code _op_type}. */
public enum OpType {
    INDEX("index"),
    CREATE("create"),
    DELETE("delete"),
    /** Partial document, merged into the stored one under a version guard (beyond OpenSearch). */
    UPDATE("update");

    private final String wireName;

    OpType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The op for a wire name, or null when the name is none of {@code index, create, delete, update}. */
    public static OpType fromWireName(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "index" -> INDEX;
            case "create" -> CREATE;
            case "delete" -> DELETE;
            case "update" -> UPDATE;
            default -> null;
        };
    }
}
