package io.inlet.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic change stream of a small shop in OpenSearch's envelope format: customers are indexed,
 * updated and sometimes deleted (versioned); orders are created, then updated with versions that
 * sometimes arrive out of order; a few poison messages (malformed JSON, a bad version) are mixed in.
 * It also keeps the index a single clean pass must leave, to check the result against.
 */
final class DemoStream {

    /** One message: its key (the document id, so one id stays in one partition or shard) and its value. */
    record Message(String key, byte[] value) {
    }

    private final List<Message> messages = new ArrayList<>();
    private final Map<String, long[]> model = new HashMap<>(); // id -> {exists 0/1, version}
    private int poison;

    DemoStream(int count, long seed) {
        Random r = new Random(seed);
        int customers = Math.max(10, count / 20);
        int orders = Math.max(10, count / 4);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < count; i++) {
            if (i % 5_000 == 2_500) {
                poison++;
                String bad = poison % 2 == 0 ? "{\"_id\":\"order-x" + i + "\",\"_source\":{\"broken\": "
                        : "{\"_id\":\"order-x" + i + "\",\"_version\":\"soon\",\"_source\":{}}";
                messages.add(new Message("poison-" + i, bad.getBytes(StandardCharsets.UTF_8)));
                continue;
            }
            boolean customer = r.nextInt(4) == 0;
            String id = customer ? "customer-" + r.nextInt(customers) : "order-" + r.nextInt(orders);
            int n = seen.merge(id, 1, Integer::sum);
            String json;
            if (!customer && n == 1) {
                json = "{\"_id\":\"" + id + "\",\"_op_type\":\"create\",\"_source\":" + order(id, "placed", r) + "}";
                model.put(id, new long[] {1, 1});
            } else {
                long version = 10L * n + r.nextInt(9) - (r.nextInt(6) == 0 ? 15 : 0);
                version = Math.max(2, version);
                long[] m = model.get(id);
                long stored = m == null ? 0 : m[1];
                boolean delete = customer && r.nextInt(8) == 0;
                if (delete) {
                    json = "{\"_id\":\"" + id + "\",\"_version\":\"" + version + "\",\"_op_type\":\"delete\"}";
                } else {
                    String source = customer ? customer(id, r) : order(id, r.nextBoolean() ? "paid" : "shipped", r);
                    json = "{\"_id\":\"" + id + "\",\"_version\":" + version + ",\"_op_type\":\"index\",\"_source\":" + source + "}";
                }
                if (version > stored) {
                    model.put(id, new long[] {delete ? 0 : 1, version});
                }
            }
            messages.add(new Message(id, json.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static String customer(String id, Random r) {
        return "{\"type\":\"customer\",\"id\":\"" + id + "\",\"name\":\"Customer " + id.substring(9) + "\",\"tier\":\""
                + (r.nextBoolean() ? "gold" : "silver") + "\",\"address\":{\"city\":\"" + CITIES[r.nextInt(CITIES.length)]
                + "\",\"zip\":\"" + (10000 + r.nextInt(89999)) + "\"}}";
    }

    private static String order(String id, String status, Random r) {
        StringBuilder lines = new StringBuilder("[");
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            lines.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(r.nextInt(500)).append("\",\"qty\":")
                    .append(1 + r.nextInt(4)).append(",\"price\":").append(100 + r.nextInt(9900) / 100.0).append('}');
        }
        return "{\"type\":\"order\",\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"customer\":\"customer-"
                + r.nextInt(1000) + "\",\"lines\":" + lines + "]}";
    }

    private static final String[] CITIES = {"Lisboa", "Zürich", "Kraków", "Dublin", "Malmö", "Québec"};

    List<Message> messages() {
        return messages;
    }

    /** Documents the index must hold at the end. */
    long expectedDocuments() {
        return model.values().stream().filter(m -> m[0] == 1).count();
    }

    /** Messages that must land in the dead-letter index. */
    int poisonMessages() {
        return poison;
    }

    /** id -> expected _version, for the documents that must exist. */
    Map<String, Long> expectedVersions() {
        Map<String, Long> out = new HashMap<>();
        model.forEach((id, m) -> {
            if (m[0] == 1) {
                out.put(id, m[1]);
            }
        });
        return out;
    }
}
