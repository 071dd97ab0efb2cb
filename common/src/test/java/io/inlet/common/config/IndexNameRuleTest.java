package io.inlet.common.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class IndexNameRuleTest {

    private final IndexNameRule required = IndexNameRule.target();

    @Test
    void acceptsNamesAndTemplates() {
        for (String ok : List.of("orders", "logs-${topic}", "${stream}", "${topic}-v2", "a.b_c+d", "logs-2024.05")) {
            assertDoesNotThrow(() -> required.ensureValid("index", ok), ok);
        }
    }

    @Test
    void refusesUppercaseSayingWhatToWrite() {
        ConfigException e = assertThrows(ConfigException.class, () -> required.ensureValid("index", "Orders"));
        assertEquals("Invalid value \"Orders\" for configuration index: write the index name in lowercase,"
                + " e.g. orders or logs-${topic}", e.getMessage());
    }

    @Test
    void refusesIllegalStartsAndCharacters() {
        for (String bad : List.of("_orders", "-orders", "+orders", "a b", "a\\b", "a/b", "a*b", "a?b",
                "a\"b", "a<b", "a>b", "a|b", "a,b", "a#b", "a:b", ".", "..", "-${topic}")) {
            ConfigException e = assertThrows(ConfigException.class, () -> required.ensureValid("index", bad), bad);
            assertTrue(e.getMessage().contains("for configuration index: write"), e.getMessage());
        }
    }

    @Test
    void refusesUnknownOrUnclosedVariables() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> required.ensureValid("index", "logs-${partition}"));
        assertTrue(e.getMessage().contains("write ${topic}, ${stream}, ${timestamp:<pattern>} or ${field:<name>} as the only"
                + " template variables, not ${partition}"), e.getMessage());
        assertThrows(ConfigException.class, () -> required.ensureValid("index", "logs-${topic"));
    }

    @Test
    void theTargetIndexMayBeMadeFromTheRecordTimeAndTheDocument() {
        for (String ok : List.of("logs-${timestamp:yyyy.MM.dd}", "${topic}-${timestamp:yyyy.MM}", "tenant-${field:tenant}",
                "${field:tenant}-${timestamp:yyyy-MM-dd}", "m-${timestamp:MMM}")) {
            assertDoesNotThrow(() -> required.ensureValid("index", ok), ok);
        }
    }

    @Test
    void refusesDatePatternsThatAreNotOnesOrWriteIllegalCharacters() {
        ConfigException e = assertThrows(ConfigException.class, () -> required.ensureValid("index", "logs-${timestamp:yyyy.MM.ddd.q{}"));
        assertTrue(e.getMessage().contains("write a date pattern such as ${timestamp:yyyy.MM.dd}"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> required.ensureValid("index", "logs-${timestamp:}"));
        assertTrue(e.getMessage().contains("write a date pattern"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> required.ensureValid("index", "logs-${timestamp:yyyy.MM.dd HH:mm}"));
        assertTrue(e.getMessage().contains("without spaces"), "the pattern writes a space and a colon: " + e.getMessage());
        e = assertThrows(ConfigException.class, () -> required.ensureValid("index", "t-${field:}"));
        assertTrue(e.getMessage().contains("name a top-level field of the document, e.g. ${field:tenant}"), e.getMessage());
    }

    @Test
    void theDeadLetterIndexTakesNoMessageVariables() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> IndexNameRule.deadLetters().ensureValid("dlq.index", "dlq-${timestamp:yyyy.MM.dd}"));
        assertEquals("Invalid value \"dlq-${timestamp:yyyy.MM.dd}\" for configuration dlq.index: write ${topic} or ${stream} as"
                + " the only template variables, not ${timestamp:yyyy.MM.dd}", e.getMessage());
        assertDoesNotThrow(() -> IndexNameRule.deadLetters().ensureValid("dlq.index", "dlq-${topic}"));
    }

    @Test
    void refusesTooLongNames() {
        assertThrows(ConfigException.class, () -> required.ensureValid("index", "a".repeat(256)));
        assertDoesNotThrow(() -> required.ensureValid("index", "a".repeat(255)));
    }

    @Test
    void requiredRefusesEmptyOptionalAcceptsIt() {
        assertThrows(ConfigException.class, () -> required.ensureValid("index", ""));
        assertThrows(ConfigException.class, () -> required.ensureValid("index", null));
        assertDoesNotThrow(() -> IndexNameRule.deadLetters().ensureValid("dlq.index", null));
        assertDoesNotThrow(() -> IndexNameRule.deadLetters().ensureValid("dlq.index", ""));
        assertThrows(ConfigException.class, () -> IndexNameRule.deadLetters().ensureValid("dlq.index", "DLQ"));
    }

    @Test
    void resolvesTemplatesAndChecksResolvedNames() {
        assertEquals("logs-orders", IndexNameRule.resolve("logs-${topic}", "Orders"));
        assertEquals("clicks", IndexNameRule.resolve("${stream}", "clicks"));
        assertEquals("orders-v1", IndexNameRule.resolve("orders-v1", "clicks"), "a plain name stays as it is");
        assertNull(IndexNameRule.problemWith("logs-orders"));
        assertTrue(IndexNameRule.problemWith("logs-Orders").contains("lowercase"));
    }

    @Test
    void statesItsRule() {
        assertTrue(required.toString().startsWith("a lowercase index name, optionally with ${topic} or ${stream},"
                + " ${timestamp:<pattern>} or ${field:<name>};"), required.toString());
        assertTrue(IndexNameRule.deadLetters().toString().endsWith("or empty for none"));
    }
}
