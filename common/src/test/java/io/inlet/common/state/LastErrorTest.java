package io.inlet.common.state;

import io.inlet.common.message.KafkaOffset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LastErrorTest {

    @Test
    void aReasonIsRequiredAPointerIsNot() {
        LastError e = new LastError(null, "connection_refused", null, 5L);
        assertNull(e.pointer());
        assertEquals("connection_refused", e.reason());
        assertThrows(NullPointerException.class, () -> new LastError(new KafkaOffset(1), null, "m", 1L));
    }
}
