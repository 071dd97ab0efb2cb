package io.inlet.common.mapper;

import io.inlet.common.message.StreamMessage;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An index name template, parsed once: text and variables, replaced for each message and lower-cased as
 * OpenSearch requires.
 * <ul>
 *   <li>{@code ${topic}} (Kafka) or {@code ${stream}} (Kinesis): the name the message came from;</li>
 *   <li>{@code ${timestamp:<pattern>}}: the record's time (Kafka record timestamp, Kinesis approximate arrival
 *       time) in UTC, written with a {@link DateTimeFormatter} pattern, e.g. {@code ${timestamp:yyyy.MM.dd}};</li>
 *   <li>{@code ${field:<name>}}: the value of a top-level field of the document (a string or an integer).</li>
 * </ul>
 * The last two are message variables: only the target index may use them, not the dead-letter index.
 */
public final class IndexNameTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final String TOPIC = "topic";
    private static final String STREAM = "stream";
    private static final String TIMESTAMP = "timestamp:";
    private static final String FIELD = "field:";
    /** A moment whose every date and time field has two digits or more, to check what a pattern writes. */
    private static final Instant SAMPLE = Instant.parse("2024-11-28T13:45:56.789Z");

    private sealed interface Part permits Text, Name, Time, Field {
    }

    private record Text(String text) implements Part {
    }

    private record Name() implements Part {
    }

    private record Time(String pattern, DateTimeFormatter format) implements Part {
    }

    private record Field(String name) implements Part {
    }

    private final String template;
    private final List<Part> parts;
    private final boolean usesMessage;

    private IndexNameTemplate(String template, List<Part> parts) {
        this.template = template;
        this.parts = List.copyOf(parts);
        this.usesMessage = parts.stream().anyMatch(p -> p instanceof Time || p instanceof Field);
    }

    /**
     * Parses {@code template}.
     *
     * @param messageVariables whether {@code ${timestamp:...}} and {@code ${field:...}} are allowed
     * @throws IllegalArgumentException saying what to write instead, for an unknown or unclosed variable, an empty
     *                                  field name or a pattern {@link DateTimeFormatter} does not accept
     */
    public static IndexNameTemplate parse(String template, boolean messageVariables) {
        List<Part> parts = new ArrayList<>();
        Matcher m = VARIABLE.matcher(template);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(new Text(template.substring(at, m.start())));
            }
            parts.add(variable(m.group(), m.group(1), messageVariables));
            at = m.end();
        }
        String rest = template.substring(at);
        if (rest.contains("${")) {
            throw new IllegalArgumentException("close the template variable with }: write " + variables(messageVariables));
        }
        if (!rest.isEmpty()) {
            parts.add(new Text(rest));
        }
        return new IndexNameTemplate(template, parts);
    }

    private static Part variable(String whole, String inside, boolean messageVariables) {
        if (inside.equals(TOPIC) || inside.equals(STREAM)) {
            return new Name();
        }
        if (messageVariables && inside.startsWith(TIMESTAMP)) {
            String pattern = inside.substring(TIMESTAMP.length());
            try {
                if (pattern.isBlank()) {
                    throw new IllegalArgumentException("empty");
                }
                DateTimeFormatter format = DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC);
                format.format(SAMPLE);
                return new Time(pattern, format);
            } catch (IllegalArgumentException | DateTimeException e) {
                throw new IllegalArgumentException("write a date pattern such as ${timestamp:yyyy.MM.dd} or"
                        + " ${timestamp:yyyy.MM} (java.time DateTimeFormatter letters, UTC), not " + whole);
            }
        }
        if (messageVariables && inside.startsWith(FIELD)) {
            String name = inside.substring(FIELD.length());
            if (name.isBlank()) {
                throw new IllegalArgumentException("name a top-level field of the document, e.g. ${field:tenant}, not " + whole);
            }
            return new Field(name);
        }
        throw new IllegalArgumentException("write " + variables(messageVariables) + " as the only template variables, not " + whole);
    }

    private static String variables(boolean messageVariables) {
        return messageVariables
                ? "${topic}, ${stream}, ${timestamp:<pattern>} or ${field:<name>}"
                : "${topic} or ${stream}";
    }

    /** Whether the index depends on the message's time or document, not only on the name it came from. */
    public boolean usesMessage() {
        return usesMessage;
    }

    /** Whether the template is a plain index name, with no variable at all. */
    public boolean isFixed() {
        return parts.stream().allMatch(p -> p instanceof Text);
    }

    /**
     * An index name standing for every one the template can make, to check the text around the variables as it
     * is written (an uppercase letter there is a mistake): the name {@code x} for {@code ${topic}} and each field,
     * and what the pattern writes for a sample time, lower-cased as it will be.
     */
    public String sample() {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Text t) {
                b.append(t.text());
            } else if (p instanceof Time t) {
                b.append(t.format().format(SAMPLE).toLowerCase(Locale.ROOT));
            } else {
                b.append('x');
            }
        }
        return b.toString();
    }

    /** The index for a message from {@code stream}, when the template has no message variables. */
    public String resolve(String stream) {
        if (usesMessage()) {
            throw new IllegalStateException("the template " + template + " needs the message");
        }
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            b.append(p instanceof Text t ? t.text() : stream);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** Reads a top-level field of the message's document as text; null when absent or null. */
    @FunctionalInterface
    public interface Fields {
        String read(String name) throws MessageRejectedException;
    }

    /**
     * The index for {@code message}.
     *
     * @param fields the document's top-level fields, or null when the operation has no document (a delete)
     * @throws MessageRejectedException {@link ReasonCode#MISSING_INDEX_VALUE} when the record has no timestamp, or the
     *                                   field is absent, null or empty, or there is no document; what {@code fields}
     *                                   throws for a field of another type
     */
    public String resolve(StreamMessage message, Fields fields) throws MessageRejectedException {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Text t) {
                b.append(t.text());
            } else if (p instanceof Name) {
                b.append(message.stream());
            } else if (p instanceof Time t) {
                if (message.timestamp() < 0) {
                    throw new MessageRejectedException(ReasonCode.MISSING_INDEX_VALUE, "timestamp", "the index template \"" + template
                            + "\" uses ${timestamp:" + t.pattern() + "} and the record has no timestamp");
                }
                b.append(t.format().format(Instant.ofEpochMilli(message.timestamp())));
            } else if (p instanceof Field f) {
                b.append(field(f, fields));
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private String field(Field f, Fields fields) throws MessageRejectedException {
        if (fields == null) {
            throw new MessageRejectedException(ReasonCode.MISSING_INDEX_VALUE, f.name(), "the index template \"" + template + "\" uses ${field:"
                    + f.name() + "} and the operation has no document to read it from (a delete)");
        }
        String value = fields.read(f.name());
        if (value == null || value.isEmpty()) {
            throw new MessageRejectedException(ReasonCode.MISSING_INDEX_VALUE, f.name(), "the index template \"" + template + "\" uses ${field:"
                    + f.name() + "} and the document has no " + f.name() + " (absent, null or empty)");
        }
        return value;
    }

    @Override
    public String toString() {
        return template;
    }
}
