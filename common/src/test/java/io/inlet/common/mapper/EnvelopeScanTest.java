package io.inlet.common.mapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static io.inlet.common.mapper.TestMessages.kafkaBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fast path answers only what the JSON parser answers: on generated envelopes, valid and damaged, whenever
 * it reads one, the parser reads the same id, version, operation and {@code _source} bytes from it.
 */
class EnvelopeScanTest {

    private static final String[] STRINGS = {"", "a", "plain text", "ünïcödé", "日本語", "emoji \uD83D\uDE00", "tab\\t",
        "quote \\\" and \\\\", "\\u00e9\\u0041", "slash \\/", "x".repeat(300)};
    private static final String[] NUMBERS = {"0", "-0", "7", "-12", "3.25", "1e9", "-2.5E-3", "123456789012345678901234"};
    /** Bytes a damaged envelope gets: structure, quotes, escapes, control characters, broken UTF-8. */
    private static final byte[] DAMAGE = {'{', '}', '[', ']', '"', '\\', ',', ':', ' ', '\n', 0, 0x1f, '0', '-', '.',
        'e', 't', 'n', 'u', (byte) 0x80, (byte) 0xc0, (byte) 0xc3, (byte) 0xe2, (byte) 0xed, (byte) 0xf0, (byte) 0xff};

    @Test
    void readsTheCommonShapeWithoutTheParser() {
        String json = "{\"_id\":\"order-17\",\"_version\":\"42\",\"_op_type\":\"index\",\"_source\":{\"a\":[1,2.5,\"ü\"],"
                + "\"b\":{\"c\":null,\"d\":true}}}";
        Envelope e = EnvelopeScan.read(json.getBytes(StandardCharsets.UTF_8));

        assertNotNull(e, "the common shape takes the fast path");
        assertEquals("order-17", e.id());
        assertEquals(42L, e.version());
        assertEquals(io.inlet.common.message.OpType.INDEX, e.op());
        assertEquals("{\"a\":[1,2.5,\"ü\"],\"b\":{\"c\":null,\"d\":true}}", new String(e.source(), StandardCharsets.UTF_8));
    }

    @Test
    void leavesToTheParserWhatItMustExplainOrReadOtherwise() {
        for (String json : List.of(
                "{\"_id\":\"a\",\"_id\":\"b\"}",                       // twice
                "{\"_id\":\"\",\"_source\":{}}",                        // an empty id is refused
                "{\"_id\":7,\"_source\":{}}",                           // an integer id
                "{\"_id\":\"\\u0041\",\"_source\":{}}",                 // an escape
                "{\"_version\":-1,\"_source\":{}}",                     // refused
                "{\"_version\":\"5x\",\"_source\":{}}",                 // not numeric
                "{\"_version\":\"\",\"_source\":{}}",                   // empty
                "{\"_version\":05,\"_source\":{}}",                     // invalid JSON
                "{\"_op_type\":\"INDEX\",\"_source\":{}}",              // other spelling
                "{\"_op_type\":\"upsert\",\"_source\":{}}",             // refused
                "{\"_source\":null}",
                "{\"_source\":[1]}",
                "{\"other\":1,\"_source\":{}}",
                "{\"_source\":{\"a\":tru}}",
                "{\"_source\":{\"a\":1,}}",
                "{\"_source\":{\"a\":\"\u0001\"}}",
                "{\"_source\":{}} x",
                "[]")) {
            assertNull(EnvelopeScan.read(json.getBytes(StandardCharsets.UTF_8)), json);
        }
        assertNull(EnvelopeScan.read(new byte[] {'{', '"', '_', 's', 'o', 'u', 'r', 'c', 'e', '"', ':', '{', '"',
            (byte) 0xc0, (byte) 0x80, '"', ':', '1', '}', '}'}), "an overlong UTF-8 form");
    }

    @Test
    void answersAsTheParserDoesOnGeneratedAndDamagedEnvelopes() {
        Random random = new Random(20261204);
        int fast = 0;
        int damaged = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] payload = envelope(random).getBytes(StandardCharsets.UTF_8);
            if (round % 2 == 1) {
                payload = damage(payload, random);
                damaged++;
            }
            Envelope scanned = EnvelopeScan.read(payload);
            if (scanned == null) {
                continue;
            }
            fast++;
            Envelope parsed;
            try {
                parsed = Envelope.parse(kafkaBytes(payload));
            } catch (MessageRejectedException e) {
                fail("the parser refuses what the fast path read (" + e.getMessage() + "): "
                        + new String(payload, StandardCharsets.UTF_8));
                return;
            }
            String shown = new String(payload, StandardCharsets.UTF_8);
            assertEquals(parsed.id(), scanned.id(), shown);
            assertEquals(parsed.version(), scanned.version(), shown);
            assertEquals(parsed.op(), scanned.op(), shown);
            assertEquals(parsed.sourceRange(), scanned.sourceRange(), shown);
            assertEquals(parsed.sourceNull(), scanned.sourceNull(), shown);
        }
        assertTrue(fast > 8_000, "most valid envelopes take the fast path: " + fast + " of 20,000 (" + damaged + " damaged)");
    }

    private static String envelope(Random r) {
        List<String> fields = new ArrayList<>();
        if (r.nextInt(10) > 0) {
            fields.add("\"_id\":" + (r.nextInt(20) == 0 ? "\"\"" : "\"id-" + r.nextInt(1_000_000) + "\""));
        }
        if (r.nextInt(10) > 0) {
            String digits = Long.toString(r.nextLong() >>> (1 + r.nextInt(62)));
            fields.add("\"_version\":" + switch (r.nextInt(8)) {
                case 0 -> "-3";
                case 1 -> "\"00" + digits + "\"";
                case 2, 3, 4 -> "\"" + digits + "\"";
                default -> digits;
            });
        }
        if (r.nextInt(10) > 0) {
            String[] ops = {"index", "create", "delete", "update"};
            fields.add("\"_op_type\":\"" + ops[r.nextInt(ops.length)] + "\"");
        }
        if (r.nextInt(10) > 0) {
            fields.add("\"_source\":" + object(r, 0));
        }
        java.util.Collections.shuffle(fields, r);
        return space(r) + "{" + space(r) + String.join(space(r) + "," + space(r), fields) + space(r) + "}" + space(r);
    }

    private static String value(Random r, int depth) {
        int kind = depth > 3 ? 2 + r.nextInt(4) : r.nextInt(6);
        return switch (kind) {
            case 0 -> object(r, depth + 1);
            case 1 -> array(r, depth + 1);
            case 2 -> "\"" + STRINGS[r.nextInt(STRINGS.length)] + "\"";
            case 3 -> NUMBERS[r.nextInt(NUMBERS.length)];
            case 4 -> r.nextBoolean() ? "true" : "false";
            default -> "null";
        };
    }

    private static String object(Random r, int depth) {
        StringBuilder b = new StringBuilder("{");
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            b.append(i > 0 ? "," : "").append(space(r)).append("\"").append(STRINGS[r.nextInt(STRINGS.length)])
                    .append(i).append("\"").append(space(r)).append(":").append(space(r)).append(value(r, depth));
        }
        return b.append(space(r)).append("}").toString();
    }

    private static String array(Random r, int depth) {
        StringBuilder b = new StringBuilder("[");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            b.append(i > 0 ? "," : "").append(space(r)).append(value(r, depth));
        }
        return b.append("]").toString();
    }

    private static String space(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> " ";
            case 1 -> "\n\t ";
            case 2 -> "\r\n";
            default -> "";
        };
    }

    private static byte[] damage(byte[] payload, Random r) {
        byte[] b = payload;
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits && b.length > 1; e++) {
            int at = r.nextInt(b.length);
            byte with = DAMAGE[r.nextInt(DAMAGE.length)];
            switch (r.nextInt(3)) {
                case 0 -> b[at] = with;
                case 1 -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
                default -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = with;
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }
}
