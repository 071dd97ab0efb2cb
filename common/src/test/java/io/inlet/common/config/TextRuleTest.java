package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextRuleTest {

    @Test
    void optionalAcceptsNothingAndPlainText() {
        TextRule rule = TextRule.optional("a document field name");
        assertDoesNotThrow(() -> rule.ensureValid("routing.field", null));
        assertDoesNotThrow(() -> rule.ensureValid("routing.field", ""));
        assertDoesNotThrow(() -> rule.ensureValid("routing.field", "customer_id"));
        assertEquals("a document field name, or empty for none", rule.toString());
    }

    @Test
    void refusesSurroundingSpaces() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TextRule.optional("a document field name").ensureValid("routing.field", " customer_id"));
        assertEquals("Invalid value \" customer_id\" for configuration routing.field: write a document field name"
                + " without leading or trailing spaces", e.getMessage());
    }

    @Test
    void requiredRefusesEmpty() {
        TextRule rule = TextRule.required("a document field name");
        ConfigException e = assertThrows(ConfigException.class, () -> rule.ensureValid("update.version_field", ""));
        assertEquals("Invalid value \"\" for configuration update.version_field: write a document field name;"
                + " it cannot be empty", e.getMessage());
        assertThrows(ConfigException.class, () -> rule.ensureValid("update.version_field", null));
        assertEquals("a document field name", rule.toString());
    }

    @Test
    void matchingChecksTheShape() {
        TextRule rule = TextRule.optional("an AWS region").matching("[a-z]{2}(-[a-z]+)+-[0-9]+", "us-east-1");
        assertDoesNotThrow(() -> rule.ensureValid("opensearch.aws.region", "us-east-1"));
        assertDoesNotThrow(() -> rule.ensureValid("opensearch.aws.region", "us-gov-west-1"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> rule.ensureValid("opensearch.aws.region", "US East"));
        assertTrue(e.getMessage().contains("opensearch.aws.region: write an AWS region, e.g. us-east-1"),
                e.getMessage());
        assertEquals("an AWS region (e.g. us-east-1), or empty for none", rule.toString());
    }
}
