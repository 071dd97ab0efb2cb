package io.inlet.common.config;

import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PasswordRuleTest {

    @Test
    void acceptsAnyPasswordOrNoneAndNeverShowsOne() {
        assertDoesNotThrow(() -> PasswordRule.INSTANCE.ensureValid("opensearch.password", new Password("s3cret")));
        assertDoesNotThrow(() -> PasswordRule.INSTANCE.ensureValid("opensearch.password", null));
        assertFalse(PasswordRule.INSTANCE.toString().isEmpty());
    }
}
