package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneOfTest {

    private final OneOf strategies = OneOf.anyCase(List.of("DROP", "BLOCK"));

    @Test
    void acceptsTheValidWordsInAnyCase() {
        assertDoesNotThrow(() -> strategies.ensureValid("error_strategy", "DROP"));
        assertDoesNotThrow(() -> strategies.ensureValid("error_strategy", "block"));
        assertDoesNotThrow(() -> strategies.ensureValid("error_strategy", " Drop "));
        assertEquals(Optional.of("BLOCK"), strategies.match("Block"));
    }

    @Test
    void refusesAnythingElseListingTheValidWords() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> strategies.ensureValid("error_strategy", "drop_it"));
        assertEquals("Invalid value \"drop_it\" for configuration error_strategy: write one of DROP, BLOCK",
                e.getMessage());
        assertThrows(ConfigException.class, () -> strategies.ensureValid("error_strategy", ""));
        assertThrows(ConfigException.class, () -> strategies.ensureValid("error_strategy", null));
        assertEquals(Optional.empty(), strategies.match(42));
    }

    @Test
    void statesItsRule() {
        assertEquals("one of DROP, BLOCK (any case)", strategies.toString());
        assertEquals(List.of("DROP", "BLOCK"), strategies.validValues());
    }

    @Test
    void needsAtLeastOneWord() {
        assertThrows(IllegalArgumentException.class, () -> OneOf.anyCase(List.of()));
    }

    @Test
    void orUnsetAlsoTakesNoValueButStillRefusesAWrongOne() {
        OneOf auth = OneOf.anyCase(List.of("none", "bearer")).orUnset();
        auth.ensureValid("management.auth", null);
        auth.ensureValid("management.auth", " ");
        auth.ensureValid("management.auth", "BEARER");
        assertThrows(ConfigException.class,
                () -> auth.ensureValid("management.auth", "token"));
        assertTrue(auth.toString().endsWith("; or empty"), auth.toString());
    }
}
