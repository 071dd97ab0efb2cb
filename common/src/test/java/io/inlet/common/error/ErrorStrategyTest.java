package io.inlet.common.error;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorStrategyTest {

    @Test
    void namesAreReadInAnyCase() {
        assertEquals(ErrorStrategy.DROP, ErrorStrategy.fromName("DROP"));
        assertEquals(ErrorStrategy.DROP, ErrorStrategy.fromName("drop"));
        assertEquals(ErrorStrategy.BLOCK, ErrorStrategy.fromName(" Block "));
    }

    @Test
    void unknownNamesAreRefusedListingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ErrorStrategy.fromName("ignore"));
        assertTrue(e.getMessage().contains("'ignore'"), e.getMessage());
        assertTrue(e.getMessage().contains("DROP, BLOCK"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ErrorStrategy.fromName(null));
        assertThrows(IllegalArgumentException.class, () -> ErrorStrategy.fromName(""));
    }
}
