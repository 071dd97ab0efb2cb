package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigDef;

/**
 * Accepts any password, or none. Never puts the value in a message: parsing has already made it a
 * {@link org.apache.kafka.common.config.types.Password}, whose {@code toString()} is {@code [hidden]}.
 */
public final class PasswordRule implements ConfigDef.Validator {

    public static final PasswordRule INSTANCE = new PasswordRule();

    private PasswordRule() {
    }

    @Override
    public void ensureValid(String name, Object value) {
        // any text is a possible password; whether one is needed is a cross-field rule
    }

    @Override
    public String toString() {
        return "any text, shown as [hidden]; or empty for none";
    }
}
