package io.inlet.common.mapper;

import io.inlet.common.message.OpType;
import org.junit.jupiter.api.Test;

import static io.inlet.common.mapper.TestMessages.kafka;
import static io.inlet.common.mapper.TestMessages.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeTest {

    @Test
    void readsEachField() throws Exception {
        Envelope e = Envelope.read(kafka("{\"_op_type\":\"delete\",\"_version\":\"2\",\"_id\":3,\"_source\":{\"a\" : 1}}"));
        assertEquals("3", e.id());
        assertEquals(2L, e.version());
        assertEquals(OpType.DELETE, e.op());
        assertArrayEquals(utf8("{\"a\" : 1}"), e.source());
        assertFalse(e.sourceNull());
    }

    @Test
    void leavesAbsentFieldsNull() throws Exception {
        Envelope e = Envelope.read(kafka("{\"other\":{\"_id\":1,\"_source\":{}}}"));
        assertNull(e.id());
        assertNull(e.version());
        assertNull(e.op());
        assertNull(e.source());
        assertFalse(e.sourceNull());
    }

    @Test
    void remembersANullSource() throws Exception {
        Envelope e = Envelope.read(kafka("{\"_source\":null}"));
        assertNull(e.source());
        assertTrue(e.sourceNull());
    }

    @Test
    void matchesFieldNamesExactly() throws Exception {
        Envelope e = Envelope.read(kafka("{\"_ID\":\"1\",\"_Source\":[],\"id\":\"2\",\"source\":1}"));
        assertNull(e.id());
        assertNull(e.source());
    }

    @Test
    void rejectsOnTheFirstBadField() {
        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> Envelope.read(kafka("{\"_version\":\"x\",\"_id\":true}")));
        assertEquals(ReasonCode.BAD_VERSION, e.reason());
    }
}
