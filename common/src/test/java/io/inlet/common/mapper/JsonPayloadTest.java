package io.inlet.common.mapper;

import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.inlet.common.mapper.TestMessages.kafka;
import static io.inlet.common.mapper.TestMessages.kafkaBytes;
import static io.inlet.common.mapper.TestMessages.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonPayloadTest {

    private static byte[] whole(String payload) throws MessageRejectedException {
        var message = kafka(payload);
        return JsonPayload.readObject(message, p -> JsonPayload.objectBytes(p, message.payload()));
    }

    private static MessageRejectedException failure(String payload) {
        return assertThrows(MessageRejectedException.class, () -> whole(payload));
    }

    @Test
    void handsTheReaderTheOpeningBraceAndChecksTheEnd() throws Exception {
        String seen = JsonPayload.readObject(kafka(" {\"a\":1} "), p -> {
            assertEquals(JsonToken.START_OBJECT, p.currentToken());
            p.skipChildren();
            return "read";
        });
        assertEquals("read", seen);
    }

    @Test
    void cutsTheObjectOutOfThePayloadByteForByte() throws Exception {
        String object = "{\"é\" : [\"日本\", {\"🎉\": null}], \"e\": \"\\u00e9\"}";
        assertArrayEquals(utf8(object), whole("\r\n " + object + "\t\n"));
    }

    @Test
    void returnsThePayloadItselfWhenTheObjectIsAllOfIt() throws Exception {
        var message = kafka("{\"a\":1}");
        byte[] bytes = JsonPayload.readObject(message, p -> JsonPayload.objectBytes(p, message.payload()));
        assertSame(message.payload(), bytes);
    }

    @Test
    void slicesAndCopiesAPartOfThePayload() {
        byte[] payload = utf8("xx{}yy");
        byte[] slice = JsonPayload.slice(payload, 2, 4);
        assertArrayEquals(utf8("{}"), slice);
        assertNotSame(payload, slice);
        assertSame(payload, JsonPayload.slice(payload, 0, 6));
        assertThrows(IllegalStateException.class, () -> JsonPayload.slice(payload, -1, 4));
        assertThrows(IllegalStateException.class, () -> JsonPayload.slice(payload, 2, 7));
        assertThrows(IllegalStateException.class, () -> JsonPayload.slice(payload, 4, 2));
    }

    @Test
    void skipsAUtf8ByteOrderMark() throws Exception {
        var message = kafkaBytes(utf8("\uFEFF{\"a\":\"é\"}"));
        assertArrayEquals(utf8("{\"a\":\"é\"}"),
                JsonPayload.readObject(message, p -> JsonPayload.objectBytes(p, message.payload())));
    }

    @Test
    void saysWhereTheJsonBreaks() {
        MessageRejectedException e = failure("{\"a\":[1,2}");
        assertEquals(ReasonCode.MALFORMED_JSON, e.reason());
        assertTrue(e.getMessage().startsWith("payload is not valid JSON at byte 9: "), e.getMessage());
        assertTrue(e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException);
    }

    @Test
    void saysWhereTrailingJsonStarts() {
        assertEquals("payload must hold a single JSON object, got more JSON after it at byte 3",
                failure("{} [1]").getMessage());
    }

    @Test
    void rejectsEmptyAndNullPayloads() {
        assertEquals("payload is empty (0 bytes), expected a JSON object", failure("").getMessage());
        assertEquals("payload is empty (3 bytes), expected a JSON object", failure(" \n ").getMessage());
        assertEquals(ReasonCode.NULL_PAYLOAD, failure(null).reason());
    }

    @Test
    void rejectsUtf16() {
        var message = kafkaBytes("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE));
        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> JsonPayload.readObject(message, p -> JsonPayload.objectBytes(p, message.payload())));
        assertEquals(ReasonCode.MALFORMED_JSON, e.reason());
    }

    @Test
    void rejectsJsonThatIsNotAnObject() {
        assertEquals("payload must be a JSON object, got an array", failure("[{}]").getMessage());
        assertEquals("payload must be a JSON object, got \"{}\"", failure("\"{}\"").getMessage());
        assertEquals(ReasonCode.NOT_AN_OBJECT, failure("3").reason());
    }

    @Test
    void rejectsNestingBeyondTheParserLimit() {
        String deep = "{\"a\":" + "[".repeat(1500) + "]".repeat(1500) + "}";
        assertEquals(ReasonCode.MALFORMED_JSON, failure(deep).reason());
    }
}
