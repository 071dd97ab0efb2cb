package io.inlet.common.mapper;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Reads and validates the id, version and operation values a mapper takes from a payload, from the parser's
 * current token. A JSON {@code null} reads as absent (null). Each method names its field with {@code label}
 * in rejection messages, e.g. {@code _version} or {@code mapper_settings.version_field "ts"}.
 */
final class JsonValues {

    private static final int MAX_SHOWN_CHARS = 64;

    private JsonValues() {
    }

    /** A document id: a non-empty string, or an integer as its decimal text; null when JSON null. */
    static String id(JsonParser parser, String field, String label) throws IOException, MessageRejectedException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT) {
            return DocumentIds.check(parser.getText(), field, label);
        }
        throw new MessageRejectedException(ReasonCode.BAD_ID, field,
                label + " must be a non-empty string or an integer, got " + describe(parser));
    }

    /**
     * An external version: a JSON integer or a string of ASCII digits, from 0 to {@link Long#MAX_VALUE};
     * null when JSON null.
     */
    static Long version(JsonParser parser, String field, String label) throws IOException, MessageRejectedException {
        JsonToken token = parser.currentToken();
        boolean tooLarge = false;
        if (token == JsonToken.VALUE_NULL) {
            return null;
        } else if (token == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                long version = parser.getLongValue();
                if (version >= 0) {
                    return version;
                }
            } else {
                tooLarge = !parser.getText().startsWith("-");
            }
        } else if (token == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            if (isDigits(text)) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    tooLarge = true;
                }
            }
        }
        throw new MessageRejectedException(ReasonCode.BAD_VERSION, field, label
                + " must be a non-negative integer or a numeric string"
                + (tooLarge ? " no greater than " + Long.MAX_VALUE : "") + ", got " + describe(parser));
    }

    /** The text of a string value, for {@code _op_type}; null when JSON null. */
    static String string(JsonParser parser, String field, String label, String expected)
            throws IOException, MessageRejectedException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        throw new MessageRejectedException(ReasonCode.BAD_OP_TYPE, field,
                label + " must be a string (" + expected + "), got " + describe(parser));
    }

    /**
     * The text of a scalar value (a string's content, or a number or boolean as written), for an operation
     * field; null when JSON null. Objects and arrays are rejected.
     */
    static String scalar(JsonParser parser, String field, String label) throws IOException, MessageRejectedException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token.isScalarValue()) {
            return parser.getText();
        }
        throw new MessageRejectedException(ReasonCode.BAD_OP_TYPE, field,
                label + " must be a string, a number or a boolean, got " + describe(parser));
    }

    /** What the parser's current value is, for messages: {@code "abc"}, {@code -1}, {@code true}, {@code an object}. */
    static String describe(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> quote(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL ->
                    shortenUnquoted(parser.getText());
            default -> token.toString();
        };
    }

    /**
     * {@code text} in double quotes, with quotes, backslashes and control characters escaped; a long text
     * is cut, and its length given after the closing quote.
     */
    static String quote(String text) {
        String shown = shorten(text);
        StringBuilder out = new StringBuilder(shown.length() + 2).append('"');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
        return shown.length() == text.length() ? out.toString() : out + suffix(text);
    }

    private static String shortenUnquoted(String text) {
        String shown = shorten(text);
        return shown.length() == text.length() ? text : shown + suffix(text);
    }

    private static String shorten(String text) {
        if (text.length() <= MAX_SHOWN_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_SHOWN_CHARS - 1)) ? MAX_SHOWN_CHARS - 1 : MAX_SHOWN_CHARS;
        return text.substring(0, end);
    }

    private static String suffix(String text) {
        return "... (" + text.length() + " characters)";
    }

    /** Whether {@code text} is one or more ASCII digits (not other Unicode digits, signs or spaces). */
    private static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
