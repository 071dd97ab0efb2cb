package io.inlet.common.redrive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.Pointer;
import io.inlet.common.message.SequenceNumber;
import io.inlet.common.message.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeadLetterEntryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static DeadLetterEntry entry(String source) throws Exception {
        return DeadLetterEntry.of(JSON.readTree("{\"_index\":\"dlq\",\"_id\":\"t-0-7\",\"_source\":" + source + "}"));
    }

    @Test
    void rebuildsTheMessageAsItWasRead() throws Exception {
        byte[] binary = {0, (byte) 0xff, 42};
        StreamMessage m = entry("{\"stream\":\"t\",\"partition\":\"0\",\"pointer\":\"7\",\"reason\":\"r\","
                + "\"raw_payload\":\"" + Base64.getEncoder().encodeToString(binary) + "\",\"raw_payload_encoding\":\"base64\","
                + "\"key\":\"k-1\",\"key_encoding\":\"utf-8\",\"record_timestamp\":1234}").toMessage(Pointer.Kind.KAFKA_OFFSET);
        assertEquals("t", m.stream());
        assertEquals("0", m.partition());
        assertEquals(new KafkaOffset(7), m.pointer());
        assertArrayEquals(binary, m.payload());
        assertArrayEquals("k-1".getBytes(StandardCharsets.UTF_8), m.key());
        assertEquals(1234, m.timestamp());
    }

    @Test
    void aTombstoneAndAnOlderEntryWithoutTheNewFields() throws Exception {
        StreamMessage m = entry("{\"stream\":\"s\",\"partition\":\"shardId-000000000001\",\"pointer\":\"4959:3\","
                + "\"reason\":\"r\",\"key\":\"pk\"}").toMessage(Pointer.Kind.SEQUENCE_NUMBER);
        assertNull(m.payload(), "no raw_payload: a Kafka tombstone");
        assertEquals(SequenceNumber.parse("4959:3"), m.pointer(), "the sub-sequence number of an aggregated record");
        assertArrayEquals("pk".getBytes(StandardCharsets.UTF_8), m.key(), "no key_encoding: written as UTF-8");
        assertEquals(-1, m.timestamp(), "no record_timestamp: unknown");
    }

    @Test
    void anEntryThatCannotBeReadBackSaysWhy() throws Exception {
        String bad = assertThrows(IllegalArgumentException.class, () -> entry("{\"stream\":\"t\",\"partition\":\"0\","
                + "\"pointer\":\"abc\",\"reason\":\"r\"}").toMessage(Pointer.Kind.KAFKA_OFFSET)).getMessage();
        assertTrue(bad.contains("pointer 'abc'"), bad);
        String encoding = assertThrows(IllegalArgumentException.class, () -> entry("{\"stream\":\"t\",\"partition\":\"0\","
                + "\"pointer\":\"1\",\"reason\":\"r\",\"raw_payload\":\"x\",\"raw_payload_encoding\":\"hex\"}")
                .toMessage(Pointer.Kind.KAFKA_OFFSET)).getMessage();
        assertTrue(encoding.contains("raw_payload_encoding 'hex'"), encoding);
    }
}
