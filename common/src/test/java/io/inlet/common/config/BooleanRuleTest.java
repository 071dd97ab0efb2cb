package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BooleanRuleTest {

    @Test
    void acceptsBooleansOnly() {
        assertDoesNotThrow(() -> BooleanRule.INSTANCE.ensureValid("opensearch.compression", true));
        assertDoesNotThrow(() -> BooleanRule.INSTANCE.ensureValid("opensearch.compression", false));
        ConfigException e = assertThrows(ConfigException.class,
                () -> BooleanRule.INSTANCE.ensureValid("opensearch.compression", "yes"));
        assertEquals("Invalid value \"yes\" for configuration opensearch.compression: write true or false",
                e.getMessage());
        assertEquals("true or false", BooleanRule.INSTANCE.toString());
    }
}
