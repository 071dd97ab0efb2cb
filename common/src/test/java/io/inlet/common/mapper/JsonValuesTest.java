package io.inlet.common.mapper;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonValuesTest {

    private static final JsonFactory JSON = new JsonFactory();

    private static JsonParser at(String value) throws IOException {
        JsonParser parser = JSON.createParser(value);
        parser.nextToken();
        return parser;
    }

    @Test
    void readsIds() throws Exception {
        assertEquals("a b", JsonValues.id(at("\"a b\""), "f", "f"));
        assertEquals("-12", JsonValues.id(at("-12"), "f", "f"));
        assertNull(JsonValues.id(at("null"), "f", "f"));
        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> JsonValues.id(at("2.5"), "f", "the id"));
        assertEquals(ReasonCode.BAD_ID, e.reason());
        assertEquals("f", e.field());
        assertEquals("the id must be a non-empty string or an integer, got 2.5", e.getMessage());
    }

    @Test
    void readsVersions() throws Exception {
        assertEquals(0L, JsonValues.version(at("0"), "v", "v"));
        assertEquals(12L, JsonValues.version(at("\"12\""), "v", "v"));
        assertNull(JsonValues.version(at("null"), "v", "v"));
        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> JsonValues.version(at("\"1e3\""), "v", "the version"));
        assertEquals(ReasonCode.BAD_VERSION, e.reason());
        assertEquals("the version must be a non-negative integer or a numeric string, got \"1e3\"", e.getMessage());
    }

    @Test
    void readsStringsAndScalars() throws Exception {
        assertEquals("index", JsonValues.string(at("\"index\""), "o", "o", "x"));
        assertNull(JsonValues.string(at("null"), "o", "o", "x"));
        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> JsonValues.string(at("false"), "o", "the op", "index or delete"));
        assertEquals(ReasonCode.BAD_OP_TYPE, e.reason());
        assertEquals("the op must be a string (index or delete), got false", e.getMessage());

        assertEquals("true", JsonValues.scalar(at("true"), "o", "o"));
        assertEquals("1.50", JsonValues.scalar(at("1.50"), "o", "o"));
        assertEquals("d", JsonValues.scalar(at("\"d\""), "o", "o"));
        assertNull(JsonValues.scalar(at("null"), "o", "o"));
        assertEquals(ReasonCode.BAD_OP_TYPE,
                assertThrows(MessageRejectedException.class, () -> JsonValues.scalar(at("[]"), "o", "o")).reason());
    }

    @Test
    void describesValuesForMessages() throws Exception {
        assertEquals("an object", JsonValues.describe(at("{\"a\":1}")));
        assertEquals("an array", JsonValues.describe(at("[1]")));
        assertEquals("\"a\\\"b\\\\c\\u000a\"", JsonValues.describe(at("\"a\\\"b\\\\c\\n\"")));
        assertEquals("-1.5e3", JsonValues.describe(at("-1.5e3")));
        assertEquals("null", JsonValues.describe(at("null")));
    }

    @Test
    void shortensLongValues() throws Exception {
        String longText = "x".repeat(100);
        assertEquals("\"" + "x".repeat(64) + "\"... (100 characters)", JsonValues.describe(at("\"" + longText + "\"")));
        assertEquals("1".repeat(64) + "... (70 characters)", JsonValues.describe(at("1".repeat(70))));
        String emojiAtCut = "x".repeat(63) + "🎉" + "y";
        assertEquals("\"" + "x".repeat(63) + "\"... (66 characters)", JsonValues.quote(emojiAtCut));
    }
}
