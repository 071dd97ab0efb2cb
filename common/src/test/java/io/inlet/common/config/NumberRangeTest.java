package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NumberRangeTest {

    @Test
    void atLeastAcceptsTheMinimumAndAbove() {
        NumberRange rule = NumberRange.atLeast(1);
        assertDoesNotThrow(() -> rule.ensureValid("max_batch_size", 1));
        assertDoesNotThrow(() -> rule.ensureValid("max_batch_size", Integer.MAX_VALUE));
        assertDoesNotThrow(() -> rule.ensureValid("bulk.max.bytes", 5L * 1024 * 1024));
        ConfigException e = assertThrows(ConfigException.class, () -> rule.ensureValid("max_batch_size", 0));
        assertEquals("Invalid value 0 for configuration max_batch_size: write a whole number of at least 1",
                e.getMessage());
        assertThrows(ConfigException.class, () -> rule.ensureValid("max_batch_size", null));
        assertEquals("at least 1", rule.toString());
    }

    @Test
    void betweenAcceptsBothBounds() {
        NumberRange rule = NumberRange.between(1, 64);
        assertDoesNotThrow(() -> rule.ensureValid("num_processor_threads", 1));
        assertDoesNotThrow(() -> rule.ensureValid("num_processor_threads", 64));
        ConfigException e = assertThrows(ConfigException.class, () -> rule.ensureValid("num_processor_threads", 65));
        assertEquals("Invalid value 65 for configuration num_processor_threads: write a whole number from 1 to 64",
                e.getMessage());
        assertThrows(ConfigException.class, () -> rule.ensureValid("num_processor_threads", 0));
        assertEquals("1 to 64", rule.toString());
    }

    @Test
    void orUnsetAlsoAcceptsNoValue() {
        NumberRange rule = NumberRange.atLeast(1).orUnset();
        assertDoesNotThrow(() -> rule.ensureValid("poll.max_batch_size", null));
        assertThrows(ConfigException.class, () -> rule.ensureValid("poll.max_batch_size", 0));
        assertEquals("at least 1, or not set", rule.toString());
    }

    @Test
    void refusesAnEmptyRange() {
        assertThrows(IllegalArgumentException.class, () -> NumberRange.between(5, 1));
    }
}
