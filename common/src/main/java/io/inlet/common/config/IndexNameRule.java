package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Accepts an OpenSearch index name, or a template with {@code ${topic}} (Kafka) or {@code ${stream}}
 * (Kinesis), that is legal once the variables are replaced: lowercase, no spaces, not starting with
 * {@code _ - +}, none of {@code \ / * ? " < > | , # :}, not {@code .} or {@code ..}, at most 255 bytes.
 */
public final class IndexNameRule implements ConfigDef.Validator {

    /** Replaced by the Kafka topic of the record. */
    public static final String TOPIC_VARIABLE = "${topic}";
    /** Replaced by the Kinesis stream of the record. */
    public static final String STREAM_VARIABLE = "${stream}";

    private static final List<String> VARIABLES = List.of(TOPIC_VARIABLE, STREAM_VARIABLE);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final String FORBIDDEN = "\\/*?\"<>|,#: ";
    private static final String EXAMPLE = "e.g. orders or logs-${topic}";

    private final boolean required;

    private IndexNameRule(boolean required) {
        this.required = required;
    }

    /** A name or template that must be given. */
    public static IndexNameRule required() {
        return new IndexNameRule(true);
    }

    /** A name or template, or not set (no value, or empty). */
    public static IndexNameRule optional() {
        return new IndexNameRule(false);
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
     * The index for a message from {@code streamName} (a Kafka topic or a Kinesis stream): {@code template} with
     * {@link #TOPIC_VARIABLE} and {@link #STREAM_VARIABLE} replaced by the name, lower-cased as OpenSearch
     * requires. The one resolver of the target index and the dead-letter index; check the result with
     * {@link #problemWith(String)}.
     */
    public static String resolve(String template, String streamName) {
        return template.replace(TOPIC_VARIABLE, streamName).replace(STREAM_VARIABLE, streamName)
                .toLowerCase(Locale.ROOT);
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

    private static String templateProblem(String template) {
        Matcher variables = VARIABLE.matcher(template);
        StringBuilder resolved = new StringBuilder();
        while (variables.find()) {
            if (!VARIABLES.contains(variables.group())) {
                return "write " + TOPIC_VARIABLE + " or " + STREAM_VARIABLE + " as the only template variables, not "
                        + variables.group();
            }
            // a short legal name stands in for the topic or stream to check what surrounds it
            variables.appendReplacement(resolved, "x");
        }
        variables.appendTail(resolved);
        if (resolved.indexOf("${") >= 0) {
            return "close the template variable: write " + TOPIC_VARIABLE + " or " + STREAM_VARIABLE;
        }
        return problemWith(resolved.toString());
    }

    @Override
    public String toString() {
        return "a lowercase index name, optionally with " + TOPIC_VARIABLE + " or " + STREAM_VARIABLE
                + "; not starting with _ - +; no spaces or \\ / * ? \" < > | , # :"
                + (required ? "" : "; or empty for none");
    }
}
