package io.inlet.common.mapper;

import io.inlet.common.message.OpType;

import java.nio.charset.StandardCharsets;

/**
 * The fast path of {@link Envelope#read}: one pass over the bytes of an envelope of the common shape — the four
 * fields, each at most once, an {@code _id} of printable ASCII without escapes, a {@code _version} of up to 18
 * digits (a JSON integer or a numeric string), an {@code _op_type} written as one of the four names, and an {@code _source} object — that
 * checks the whole payload is strict JSON (RFC 8259, UTF-8) without tokenizing {@code _source} into names and
 * values as a general parser does. It answers only what the parser would answer the same: anything else (another
 * field, an escape or a non-ASCII character outside {@code _source}, a value to refuse, invalid JSON anywhere, very
 * deep nesting or very long names) gives null, and the message goes through the parser, which says what is wrong.
 * {@code EnvelopeScanTest} holds it to the parser's answers on generated and damaged envelopes.
 */
final class EnvelopeScan {

    /** Deeper objects and arrays go through the parser (its own limit is far above). */
    private static final int MAX_DEPTH = 100;
    /** Longer field names go through the parser (which limits them). */
    private static final int MAX_NAME_BYTES = 1_000;
    /** Longer numbers go through the parser (which limits them). */
    private static final int MAX_NUMBER_CHARS = 500;
    /** Ids longer than this go through the parser and its length check. */
    private static final int MAX_FAST_ID = 170;

    private static final byte[] ID = bytes("\"_id\"");
    private static final byte[] VERSION = bytes("\"_version\"");
    private static final byte[] OP_TYPE = bytes("\"_op_type\"");
    private static final byte[] SOURCE = bytes("\"_source\"");

    /** A position that is no valid JSON, or not of the shape this path takes. */
    private static final int NO = -1;

    private EnvelopeScan() {
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The envelope in {@code payload}, or null when the parser must read it. */
    static Envelope read(byte[] payload) {
        if (payload == null) {
            return null;
        }
        int n = payload.length;
        int i = skipSpace(payload, 0);
        if (i >= n || payload[i] != '{') {
            return null;
        }
        i = skipSpace(payload, i + 1);
        String id = null;
        Long version = null;
        OpType op = null;
        JsonPayload.Range source = null;
        int seen = 0;
        if (i < n && payload[i] == '}') {
            i++;
        } else {
            while (true) {
                int field = field(payload, i);
                if (field < 0 || (seen & (1 << field)) != 0) {
                    return null;
                }
                seen |= 1 << field;
                i = skipSpace(payload, i + NAMES[field].length);
                if (i >= n || payload[i] != ':') {
                    return null;
                }
                int start = skipSpace(payload, i + 1);
                if (start >= n) {
                    return null;
                }
                int end;
                switch (field) {
                    case 0 -> {
                        end = plainString(payload, start);
                        if (end == NO || end - start - 2 < 1 || end - start - 2 > MAX_FAST_ID) {
                            return null;
                        }
                        id = new String(payload, start + 1, end - start - 2, StandardCharsets.US_ASCII);
                    }
                    case 1 -> {
                        boolean quoted = payload[start] == '"';
                        int digits = quoted ? start + 1 : start;
                        int after = plainLong(payload, digits, quoted);
                        if (after == NO || quoted && (after >= n || payload[after] != '"')) {
                            return null;
                        }
                        version = decimal(payload, digits, after);
                        end = quoted ? after + 1 : after;
                    }
                    case 2 -> {
                        end = plainString(payload, start);
                        if (end == NO) {
                            return null;
                        }
                        op = opType(payload, start + 1, end - 1);
                        if (op == null) {
                            return null;
                        }
                    }
                    default -> {
                        if (payload[start] != '{') {
                            return null;
                        }
                        end = value(payload, start, 0);
                        if (end == NO) {
                            return null;
                        }
                        source = new JsonPayload.Range(start, end);
                    }
                }
                i = skipSpace(payload, end);
                if (i >= n) {
                    return null;
                }
                if (payload[i] == '}') {
                    i++;
                    break;
                }
                if (payload[i] != ',') {
                    return null;
                }
                i = skipSpace(payload, i + 1);
            }
        }
        return skipSpace(payload, i) == n ? new Envelope(id, version, op, payload, source, false) : null;
    }

    private static final byte[][] NAMES = {ID, VERSION, OP_TYPE, SOURCE};

    /** Which of the four names starts at {@code i} (0 to 3), or -1. */
    private static int field(byte[] b, int i) {
        for (int f = 0; f < NAMES.length; f++) {
            if (startsWith(b, i, NAMES[f])) {
                return f;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int i, byte[] prefix) {
        if (i + prefix.length > b.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (b[i + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static final byte[][] OP_NAMES = {bytes("index"), bytes("create"), bytes("delete"), bytes("update")};
    private static final OpType[] OPS = {OpType.INDEX, OpType.CREATE, OpType.DELETE, OpType.UPDATE};

    /** The operation written exactly as one of the four names in {@code b[start, end)}, or null. */
    private static OpType opType(byte[] b, int start, int end) {
        for (int o = 0; o < OP_NAMES.length; o++) {
            if (end - start == OP_NAMES[o].length && startsWith(b, start, OP_NAMES[o])) {
                return OPS[o];
            }
        }
        return null;
    }

    /** The value of the ASCII digits {@code b[start, end)}, at most 18 of them (so it cannot overflow). */
    private static long decimal(byte[] b, int start, int end) {
        long value = 0;
        for (int k = start; k < end; k++) {
            value = value * 10 + (b[k] - '0');
        }
        return value;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private static int skipSpace(byte[] b, int i) {
        while (i < b.length && isSpace(b[i])) {
            i++;
        }
        return i;
    }

    /** After a string of printable ASCII without escapes starting at {@code i} (its opening quote), or NO. */
    private static int plainString(byte[] b, int i) {
        if (b[i] != '"') {
            return NO;
        }
        for (int k = i + 1; k < b.length; k++) {
            byte c = b[k];
            if (c == '"') {
                return k + 1;
            }
            if (c < 0x20 || c > 0x7e || c == '\\') {
                return NO;
            }
        }
        return NO;
    }

    /**
     * After 1 to 18 ASCII digits: a JSON integer without a leading zero and followed by no fraction or exponent, or
     * ({@code quoted}) the content of a numeric string, where leading zeros are fine. NO otherwise.
     */
    private static int plainLong(byte[] b, int i, boolean quoted) {
        int k = i;
        while (k < b.length && b[k] >= '0' && b[k] <= '9') {
            k++;
        }
        int digits = k - i;
        if (digits == 0 || digits > 18 || (!quoted && digits > 1 && b[i] == '0')) {
            return NO;
        }
        if (k < b.length && (b[k] == '.' || b[k] == 'e' || b[k] == 'E')) {
            return NO;
        }
        return k;
    }

    /** After the JSON value starting at {@code i}, checked strictly, or NO. */
    private static int value(byte[] b, int i, int depth) {
        if (i >= b.length) {
            return NO;
        }
        return switch (b[i]) {
            case '{' -> object(b, i, depth + 1);
            case '[' -> array(b, i, depth + 1);
            case '"' -> string(b, i, Integer.MAX_VALUE);
            case 't' -> literal(b, i, "true");
            case 'f' -> literal(b, i, "false");
            case 'n' -> literal(b, i, "null");
            default -> number(b, i);
        };
    }

    private static int object(byte[] b, int i, int depth) {
        if (depth > MAX_DEPTH) {
            return NO;
        }
        i = skipSpace(b, i + 1);
        if (i < b.length && b[i] == '}') {
            return i + 1;
        }
        while (true) {
            if (i >= b.length || b[i] != '"') {
                return NO;
            }
            i = string(b, i, MAX_NAME_BYTES);
            if (i == NO) {
                return NO;
            }
            i = skipSpace(b, i);
            if (i >= b.length || b[i] != ':') {
                return NO;
            }
            i = value(b, skipSpace(b, i + 1), depth);
            if (i == NO) {
                return NO;
            }
            i = skipSpace(b, i);
            if (i >= b.length) {
                return NO;
            }
            if (b[i] == '}') {
                return i + 1;
            }
            if (b[i] != ',') {
                return NO;
            }
            i = skipSpace(b, i + 1);
        }
    }

    private static int array(byte[] b, int i, int depth) {
        if (depth > MAX_DEPTH) {
            return NO;
        }
        i = skipSpace(b, i + 1);
        if (i < b.length && b[i] == ']') {
            return i + 1;
        }
        while (true) {
            i = value(b, i, depth);
            if (i == NO) {
                return NO;
            }
            i = skipSpace(b, i);
            if (i >= b.length) {
                return NO;
            }
            if (b[i] == ']') {
                return i + 1;
            }
            if (b[i] != ',') {
                return NO;
            }
            i = skipSpace(b, i + 1);
        }
    }

    /** After the string starting at {@code i} (its opening quote) of at most {@code maxBytes}, or NO. */
    private static int string(byte[] b, int i, int maxBytes) {
        int start = i + 1;
        int k = start;
        int n = b.length;
        while (k < n) {
            int c = b[k] & 0xff;
            if (c == '"') {
                return k - start <= maxBytes ? k + 1 : NO;
            }
            if (c == '\\') {
                k = escape(b, k);
            } else if (c < 0x20) {
                return NO;
            } else if (c < 0x80) {
                k++;
            } else {
                k = utf8(b, k, c);
            }
            if (k == NO) {
                return NO;
            }
        }
        return NO;
    }

    private static int escape(byte[] b, int k) {
        if (k + 1 >= b.length) {
            return NO;
        }
        switch (b[k + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return k + 2;
            }
            case 'u' -> {
                if (k + 6 > b.length) {
                    return NO;
                }
                for (int h = k + 2; h < k + 6; h++) {
                    if (Character.digit(b[h], 16) < 0) {
                        return NO;
                    }
                }
                return k + 6;
            }
            default -> {
                return NO;
            }
        }
    }

    /** After one well-formed UTF-8 character (no overlong forms, no surrogates) starting with {@code c}, or NO. */
    private static int utf8(byte[] b, int k, int c) {
        int more;
        int low = 0x80;
        int high = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            more = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            more = 2;
            if (c == 0xe0) {
                low = 0xa0;
            } else if (c == 0xed) {
                high = 0x9f;
            }
        } else if (c >= 0xf0 && c <= 0xf4) {
            more = 3;
            if (c == 0xf0) {
                low = 0x90;
            } else if (c == 0xf4) {
                high = 0x8f;
            }
        } else {
            return NO;
        }
        if (k + more >= b.length) {
            return NO;
        }
        int second = b[k + 1] & 0xff;
        if (second < low || second > high) {
            return NO;
        }
        for (int m = 2; m <= more; m++) {
            int cont = b[k + m] & 0xff;
            if (cont < 0x80 || cont > 0xbf) {
                return NO;
            }
        }
        return k + more + 1;
    }

    private static int literal(byte[] b, int i, String word) {
        if (i + word.length() > b.length) {
            return NO;
        }
        for (int k = 0; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                return NO;
            }
        }
        return endOfToken(b, i + word.length());
    }

    /** After a number as RFC 8259 writes it, or NO. */
    private static int number(byte[] b, int i) {
        int k = i;
        int n = b.length;
        if (k < n && b[k] == '-') {
            k++;
        }
        if (k >= n) {
            return NO;
        }
        if (b[k] == '0') {
            k++;
        } else if (b[k] >= '1' && b[k] <= '9') {
            k = digits(b, k);
        } else {
            return NO;
        }
        if (k < n && b[k] == '.') {
            int after = digits(b, k + 1);
            if (after == k + 1) {
                return NO;
            }
            k = after;
        }
        if (k < n && (b[k] == 'e' || b[k] == 'E')) {
            k++;
            if (k < n && (b[k] == '+' || b[k] == '-')) {
                k++;
            }
            int after = digits(b, k);
            if (after == k) {
                return NO;
            }
            k = after;
        }
        return k - i > MAX_NUMBER_CHARS ? NO : endOfToken(b, k);
    }

    private static int digits(byte[] b, int k) {
        while (k < b.length && b[k] >= '0' && b[k] <= '9') {
            k++;
        }
        return k;
    }

    /** {@code k} when a number or literal may end there (at a delimiter or the end), else NO. */
    private static int endOfToken(byte[] b, int k) {
        if (k == b.length) {
            return k;
        }
        byte c = b[k];
        return isSpace(c) || c == ',' || c == '}' || c == ']' ? k : NO;
    }
}
