package io.inlet.common.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthTypeTest {

    @Test
    void namesAreReadInAnyCase() {
        assertEquals(AuthType.AWS_SIGV4, AuthType.fromName("aws_sigv4"));
        assertEquals(AuthType.BASIC, AuthType.fromName(" Basic "));
        assertEquals(List.of("none", "basic", "aws_sigv4"), AuthType.configNames());
    }

    @Test
    void unknownNamesAreRefusedListingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuthType.fromName("kerberos"));
        assertTrue(e.getMessage().contains("write one of none, basic, aws_sigv4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AuthType.fromName(null));
    }
}
