package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.regex.Pattern;

/**
 * Accepts free text such as a field, pipeline or path name: no leading or trailing spaces (almost
 * always a copy-and-paste slip), optionally a required shape such as an AWS region. An optional
 * rule treats no value and the empty string alike as "not set".
 */
public final class TextRule implements ConfigDef.Validator {

    private final String what;
    private final boolean required;
    private final Pattern shape;
    private final String example;

    private TextRule(String what, boolean required, Pattern shape, String example) {
        this.what = what;
        this.required = required;
        this.shape = shape;
        this.example = example;
    }

    /** Non-empty text describing {@code what}, e.g. "a document field name". */
    public static TextRule required(String what) {
        return new TextRule(what, true, null, null);
    }

    /** Text describing {@code what}, or not set (no value, or empty). */
    public static TextRule optional(String what) {
        return new TextRule(what, false, null, null);
    }

    /** This rule, and a set value must match {@code regex} entirely, like {@code example}. */
    public TextRule matching(String regex, String example) {
        return new TextRule(what, required, Pattern.compile(regex), example);
    }

    @Override
    public void ensureValid(String name, Object value) {
        String text = value == null ? null : value.toString();
        if (text == null || text.isEmpty()) {
            if (required) {
                throw new ConfigException(name, Quote.of(text), "write " + what + "; it cannot be empty");
            }
            return;
        }
        if (!text.equals(text.strip())) {
            throw new ConfigException(name, Quote.of(text),
                    "write " + what + " without leading or trailing spaces");
        }
        if (shape != null && !shape.matcher(text).matches()) {
            throw new ConfigException(name, Quote.of(text), "write " + what + ", e.g. " + example);
        }
    }

    @Override
    public String toString() {
        String rule = shape == null ? what : what + " (e.g. " + example + ")";
        return required ? rule : rule + ", or empty for none";
    }
}
