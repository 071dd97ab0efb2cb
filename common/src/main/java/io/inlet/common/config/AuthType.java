package io.inlet.common.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How Inlet authenticates to OpenSearch: the {@code opensearch.auth.type} setting. */
public enum AuthType {
    /** No authentication (a cluster without the security plugin, or behind a trusted proxy). */
    NONE,
    /** HTTP basic authentication with {@code opensearch.username} and {@code opensearch.password}. */
    BASIC,
    /** AWS Signature V4, with credentials from the AWS default provider chain. */
    AWS_SIGV4;

    /** The name written in configuration: {@code none}, {@code basic}, {@code aws_sigv4}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every configuration name, in declaration order. */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(AuthType::configName).toList();
    }

    /**
     * The type written {@code name}, in any case.
     *
     * @throws IllegalArgumentException for a null or unknown name, listing the valid ones
     */
    public static AuthType fromName(String name) {
        if (name != null) {
            String wanted = name.trim().toUpperCase(Locale.ROOT);
            for (AuthType type : values()) {
                if (type.name().equals(wanted)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("unknown authentication type '" + name + "': write one of "
                + String.join(", ", configNames()));
    }
}
