package io.inlet.common.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated stream of OpenSearch envelopes over a set of ids, with index, create, delete and
 * out-of-order versions, and the index a single clean pass must leave ({@link #expected()}).
 *
 * <p>Ids are of two kinds, as in a real change stream: "created" ids start with a {@code create}
 * (no version) and are then updated with versioned {@code index} ops; "versioned" ids get versioned
 * {@code index} and {@code delete} ops only. Versions of one id are distinct, and arrive out of order.
 */
public final class ChangeStream {

    /** What one id must look like in OpenSearch at the end: absent, or present with this version and seq. */
    public record Expected(boolean exists, long version, int seq) {
    }

    private final List<byte[]> payloads = new ArrayList<>();
    private final Map<String, Expected> expected = new HashMap<>();

    public ChangeStream(int messages, int ids, long seed) {
        Random r = new Random(seed);
        Map<String, Long> maxVersion = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (int seq = 0; seq < messages; seq++) {
            String id = "doc-" + r.nextInt(ids);
            boolean created = id.hashCode() % 3 == 0;
            int n = count.merge(id, 1, Integer::sum);
            String json;
            if (created && n == 1) {
                json = "{\"_id\":\"" + id + "\",\"_op_type\":\"create\",\"_source\":" + source(id, seq, r) + "}";
                expected.put(id, new Expected(true, 1, seq));
            } else {
                // distinct versions per id, out of order: n*10 plus jitter in [-15, 15] keeps them distinct per n
                long version = 2 + n * 100L + r.nextInt(61) - 30 + (r.nextInt(4) == 0 ? -80 : 0);
                while (version <= 1) {
                    version += 100;
                }
                boolean delete = !created && r.nextInt(5) == 0;
                if (delete) {
                    json = "{\"_id\":\"" + id + "\",\"_version\":\"" + version + "\",\"_op_type\":\"delete\"}";
                } else {
                    json = "{\"_op_type\":\"index\",\"_version\":" + version + ",\"_id\":\"" + id + "\",\"_source\":"
                            + source(id, seq, r) + "}";
                }
                Long max = maxVersion.get(id);
                Expected before = expected.get(id);
                long stored = Math.max(max == null ? 0 : max, before == null ? 0 : before.version());
                if (version > stored) {
                    expected.put(id, new Expected(!delete, version, seq));
                    maxVersion.put(id, version);
                } else if (maxVersion.containsKey(id) && version == stored) {
                    // an equal version is refused (409): nothing changes
                }
            }
            payloads.add(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String source(String id, int seq, Random r) {
        return "{\"customer\":{\"id\":\"" + id + "\",\"tier\":\"" + (r.nextBoolean() ? "gold" : "silver") + "\"},"
                + "\"seq\":" + seq + ",\"amount\":" + r.nextInt(10_000) + ",\"lines\":[{\"sku\":\"A-" + r.nextInt(100)
                + "\",\"qty\":" + (1 + r.nextInt(5)) + "}],\"note\":\"caf\u00e9 \u2713\"}";
    }

    public List<byte[]> payloads() {
        return payloads;
    }

    public Map<String, Expected> expected() {
        return expected;
    }

    public long expectedLiveDocs() {
        return expected.values().stream().filter(Expected::exists).count();
    }
}
