package io.inlet.common.mapper;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MessageRejectedExceptionTest {

    @Test
    void carriesReasonFieldAndMessage() {
        MessageRejectedException e = new MessageRejectedException(ReasonCode.BAD_VERSION, "_version",
                "_version must be a non-negative integer or a numeric string, got \"abc\"");
        assertEquals(ReasonCode.BAD_VERSION, e.reason());
        assertEquals("_version", e.field());
        assertEquals("_version must be a non-negative integer or a numeric string, got \"abc\"", e.getMessage());
        assertNull(e.getCause());
        assertEquals("MessageRejectedException[BAD_VERSION _version: _version must be a non-negative integer or a"
                + " numeric string, got \"abc\"]", e.toString());
    }

    @Test
    void keepsItsCauseAndAllowsNoField() {
        IllegalStateException cause = new IllegalStateException("parser");
        MessageRejectedException e = new MessageRejectedException(ReasonCode.MALFORMED_JSON, null, "bad", cause);
        assertSame(cause, e.getCause());
        assertNull(e.field());
        assertEquals("MessageRejectedException[MALFORMED_JSON: bad]", e.toString());
    }

    @Test
    void needsAReason() {
        assertThrows(NullPointerException.class, () -> new MessageRejectedException(null, "f", "m"));
    }
}
