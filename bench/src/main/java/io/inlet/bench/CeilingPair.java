package io.inlet.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch size × requests in flight pair of the ceiling's bulk loader, written {@code 5000x4}. The ceiling
 * either sweeps a list of pairs or, with {@code --ceiling-pair}, loads with a fixed one.
 */
record CeilingPair(int batchSize, int concurrency) {

    /** Every partition count: the key of a pair given without {@code p:} in {@link #parsePerPartitions}. */
    static final int ANY_PARTITIONS = 0;

    CeilingPair {
        if (batchSize < 1 || concurrency < 1) {
            throw new IllegalArgumentException("a ceiling pair needs a batch size and requests in flight of at least 1, not "
                    + batchSize + "x" + concurrency);
        }
    }

    /** {@code 5000x4}: batch size 5,000, 4 requests in flight. */
    static CeilingPair parse(String s) {
        String[] parts = s.trim().toLowerCase(java.util.Locale.ROOT).split("[x×]");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a ceiling pair is <batch size>x<requests in flight>, e.g. 5000x4, not '" + s + "'");
        }
        try {
            return new CeilingPair(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a ceiling pair is <batch size>x<requests in flight>, e.g. 5000x4, not '" + s + "'");
        }
    }

    /** {@code 5000x2,5000x4}: a list of pairs (the sweep's). */
    static List<CeilingPair> parseList(String s) {
        List<CeilingPair> pairs = new ArrayList<>();
        for (String p : s.split(",")) {
            pairs.add(parse(p));
        }
        return List.copyOf(pairs);
    }

    /**
     * {@code 5000x4} (every partition count, under {@link #ANY_PARTITIONS}) or {@code 1:5000x4,4:2000x4} (per partition
     * count), or both ({@code 5000x4,4:2000x4}: the pair for 4 partitions, 5000x4 for the others).
     */
    static Map<Integer, CeilingPair> parsePerPartitions(String s) {
        Map<Integer, CeilingPair> pairs = new LinkedHashMap<>();
        for (String item : s.split(",")) {
            int colon = item.indexOf(':');
            int p = ANY_PARTITIONS;
            if (colon >= 0) {
                try {
                    p = Integer.parseInt(item.substring(0, colon).trim());
                } catch (NumberFormatException e) {
                    p = -1;
                }
                if (p < 1) {
                    throw new IllegalArgumentException("--ceiling-pair: '" + item + "' needs a partition count before ':', e.g. 4:2000x4");
                }
            }
            pairs.put(p, parse(item.substring(colon + 1)));
        }
        return pairs;
    }

    /** The pair for {@code partitions} in a map of {@link #parsePerPartitions}, or null. */
    static CeilingPair forPartitions(Map<Integer, CeilingPair> pairs, int partitions) {
        return pairs.getOrDefault(partitions, pairs.get(ANY_PARTITIONS));
    }

    @Override
    public String toString() {
        return batchSize + "x" + concurrency;
    }
}
