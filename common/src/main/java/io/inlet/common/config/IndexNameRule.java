package io.inlet.common.config;

import io.inlet.common.mapper.IndexNameTemplate;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Accepts an OpenSearch index name, or a template ({@link IndexNameTemplate}: {@code ${topic}}, {@code ${stream}},
 * and for the target index {@code ${timestamp:<pattern>}} and {@code ${field:<name>}}), that is legal once the
 * variables are replaced: lowercase, no spaces, not starting with {@code _ - +}, none of
 * {@code \ / * ? " < > | , # :}, not {@code .} or {@code ..}, at most 255 bytes.
 */
public final class IndexNameRule implements ConfigDef.Validator {

    /** Replaced by the Kafka topic of the record. */
    public static final String TOPIC_VARIABLE = "${topic}";
    /** Replaced by the Kinesis stream of the record. */
    public static final String STREAM_VARIABLE = "${stream}";

    private static final String FORBIDDEN = "\\/*?\"<>|,#: ";
    private static final String EXAMPLE = "e.g. orders or logs-${topic}";

    private final boolean required;
    private final boolean messageVariables;

    private IndexNameRule(boolean required, boolean messageVariables) {
        this.required = required;
        this.messageVariables = messageVariables;
    }

    /** The target index: a name or template that must be given, message variables allowed. */
    public static IndexNameRule target() {
        return new IndexNameRule(true, true);
    }

    /** The dead-letter index: a name or template with {@code ${topic}} / {@code ${stream}} only, or not set. */
    public static IndexNameRule deadLetters() {
        return new IndexNameRule(false, false);
    }

    @Override
    public void ensureValid(String name, Object value) {
        String template = value == null ? null : value.toString();
        if (template == null || template.isEmpty()) {
            if (required) {
                throw new ConfigException(name, Quote.of(template), "write an index name, " + EXAMPLE);
            }
            return;
        }
        String problem = templateProblem(template);
        if (problem != null) {
            throw new ConfigException(name, Quote.of(template), problem);
        }
    }

    /**
     * The index for a message from {@code streamName} (a Kafka topic or a Kinesis stream): {@code template}, which
     * has no message variables, with {@link #TOPIC_VARIABLE} and {@link #STREAM_VARIABLE} replaced by the name,
     * lower-cased as OpenSearch requires. Check the result with {@link #problemWith(String)}.
     */
    public static String resolve(String template, String streamName) {
        return IndexNameTemplate.parse(template, false).resolve(streamName);
    }

    /**
     * What is wrong with {@code index} as a concrete OpenSearch index name, or null when it is legal.
     * Runtimes check a resolved template with it (a topic named {@code Orders} makes an illegal index).
     */
    public static String problemWith(String index) {
        if (index.isEmpty()) {
            return "write a non-empty index name, " + EXAMPLE;
        }
        if (!index.equals(index.toLowerCase(Locale.ROOT))) {
            return "write the index name in lowercase, " + EXAMPLE;
        }
        char first = index.charAt(0);
        if (first == '_' || first == '-' || first == '+') {
            return "write an index name that does not start with _, - or +, " + EXAMPLE;
        }
        for (char c : index.toCharArray()) {
            if (FORBIDDEN.indexOf(c) >= 0) {
                return "write an index name without spaces or any of \\ / * ? \" < > | , # : (found '" + c + "'), "
                        + EXAMPLE;
            }
        }
        if (index.equals(".") || index.equals("..")) {
            return "write an index name other than . or .., " + EXAMPLE;
        }
        if (index.getBytes(StandardCharsets.UTF_8).length > 255) {
            return "write an index name of at most 255 bytes";
        }
        return null;
    }

    private String templateProblem(String template) {
        IndexNameTemplate parsed;
        try {
            parsed = IndexNameTemplate.parse(template, messageVariables);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return problemWith(parsed.sample());
    }

    @Override
    public String toString() {
        return "a lowercase index name, optionally with " + TOPIC_VARIABLE + " or " + STREAM_VARIABLE
                + (messageVariables ? ", ${timestamp:<pattern>} or ${field:<name>}" : "") + "; not starting with _ - +; no spaces or \\ / * ? \" < > | , # :"
                + (required ? "" : "; or empty for none");
    }
}
