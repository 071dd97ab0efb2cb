package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Accepts {@code true} or {@code false}. Parsing already refuses anything else; this rule exists so
 * the documentation states it like every other rule.
 */
final class BooleanRule implements ConfigDef.Validator {

    static final BooleanRule INSTANCE = new BooleanRule();

    private BooleanRule() {
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (!(value instanceof Boolean)) {
            throw new ConfigException(name, Quote.of(value), "write true or false");
        }
    }

    @Override
    public String toString() {
        return "true or false";
    }
}
