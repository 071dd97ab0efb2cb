package io.inlet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a short summary of a JMH JSON result file: per benchmark, the median and min–max of the
 * measurement iterations and, when run with {@code -prof gc}, the bytes allocated per operation.
 * Usage: {@code java -cp inlet-bench.jar io.inlet.bench.Summary results.json}.
 */
public final class Summary {

    private Summary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("Usage: Summary <jmh-result.json>");
            System.exit(2);
        }
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        for (JsonNode r : results) {
            System.out.println(line(r));
        }
    }

    static String line(JsonNode result) {
        String name = result.path("benchmark").asText();
        name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
        JsonNode primary = result.path("primaryMetric");
        List<Double> iterations = new ArrayList<>();
        for (JsonNode fork : primary.path("rawData")) {
            for (JsonNode value : fork) {
                iterations.add(value.asDouble());
            }
        }
        iterations.sort(Double::compare);
        String unit = primary.path("scoreUnit").asText();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s (%d thread%s): ", name,
                result.path("threads").asInt(), result.path("threads").asInt() == 1 ? "" : "s"));
        if (iterations.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%,.0f %s", primary.path("score").asDouble(), unit));
        } else {
            out.append(String.format(Locale.ROOT, "median %,.0f %s, min–max %,.0f–%,.0f over %d iterations",
                    median(iterations), unit, iterations.get(0), iterations.get(iterations.size() - 1),
                    iterations.size()));
        }
        JsonNode alloc = secondary(result, "gc.alloc.rate.norm");
        if (alloc != null) {
            out.append(String.format(Locale.ROOT, "; %,.0f %s allocated", alloc.path("score").asDouble(),
                    alloc.path("scoreUnit").asText()));
        }
        return out.toString();
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** A secondary metric by name; JMH before 1.37 prefixed profiler metrics with a middle dot. */
    private static JsonNode secondary(JsonNode result, String metric) {
        Iterator<Map.Entry<String, JsonNode>> fields = result.path("secondaryMetrics").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (e.getKey().equals(metric) || e.getKey().endsWith("·" + metric)) {
                return e.getValue();
            }
        }
        return null;
    }
}
