package io.inlet.common.error;

import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.StreamMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterTest {

    @Test
    void keepsWhereTheMessageCameFrom() {
        byte[] payload = "{not json".getBytes(StandardCharsets.UTF_8);
        byte[] key = "k1".getBytes(StandardCharsets.UTF_8);
        StreamMessage message = new StreamMessage("orders", "3", key, payload, Map.of(), new KafkaOffset(1234), 99L);
        DeadLetter dl = DeadLetter.of(message, "malformed_json", "Unexpected end of input", 1_700_000_000_000L,
                "orders-index");
        assertEquals("orders", dl.stream());
        assertEquals("3", dl.partition());
        assertEquals(new KafkaOffset(1234), dl.pointer());
        assertArrayEquals(payload, dl.rawPayload());
        assertArrayEquals(key, dl.key());
        assertEquals("malformed_json", dl.reasonCode());
        assertEquals(1_700_000_000_000L, dl.timestampMillis());
        assertEquals("orders-index", dl.targetIndex());
        assertEquals("orders-3@1234", dl.describe());
        assertTrue(dl.toString().contains("malformed_json"));
        assertFalse(dl.toString().contains("{not json"), "payloads stay out of logs");
    }

    @Test
    void requiresItsPointerAndReason() {
        KafkaOffset p = new KafkaOffset(1);
        assertThrows(NullPointerException.class, () -> new DeadLetter("s", "0", null, null, null, "r", null, 0, null));
        assertThrows(NullPointerException.class, () -> new DeadLetter("s", "0", p, null, null, null, null, 0, null));
    }
}
