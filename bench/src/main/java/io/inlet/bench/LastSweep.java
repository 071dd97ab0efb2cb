package io.inlet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The best ceiling pair per partition count from the newest pipeline result in {@code bench/results} that has
 * sweep results ({@code "sweeps": {"1": [fastest trial, …], "4": […]}}); newest by the run's recorded start
 * ({@code setup.Started}), else by the file's modification time. {@code bin/bench quick} loads with it instead of
 * sweeping again.
 */
final class LastSweep {

    /** The pairs, by partition count, and the file they came from. */
    record Found(Path file, Map<Integer, CeilingPair> pairs) {
    }

    private LastSweep() {
    }

    static Optional<Found> find(Path resultsDir) throws IOException {
        if (!Files.isDirectory(resultsDir)) {
            return Optional.empty();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(resultsDir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
        }
        Found newest = null;
        Instant newestAt = null;
        for (Path f : files.stream().sorted(Comparator.comparing(Path::toString)).toList()) {
            JsonNode json;
            try {
                json = Indices.JSON.readTree(f.toFile());
            } catch (IOException e) {
                continue; // not a pipeline result (or broken): not a source of pairs
            }
            Map<Integer, CeilingPair> pairs = bestPairs(json);
            if (pairs.isEmpty()) {
                continue;
            }
            Instant at = started(json, f);
            if (newestAt == null || !at.isBefore(newestAt)) {
                newest = new Found(f, pairs);
                newestAt = at;
            }
        }
        return Optional.ofNullable(newest);
    }

    /** The fastest trial of each partition count's sweep; empty when the result has none (or is not a pipeline result). */
    static Map<Integer, CeilingPair> bestPairs(JsonNode json) {
        Map<Integer, CeilingPair> pairs = new LinkedHashMap<>();
        JsonNode sweeps = json.path("sweeps");
        if (!sweeps.isObject()) {
            return pairs;
        }
        sweeps.fields().forEachRemaining(e -> {
            JsonNode best = null;
            for (JsonNode trial : e.getValue()) {
                if (best == null || docsPerSecond(trial) > docsPerSecond(best)) {
                    best = trial;
                }
            }
            if (best == null) {
                return;
            }
            int batch = best.path("batchSize").asInt();
            int concurrency = best.path("concurrency").asInt();
            try {
                int p = Integer.parseInt(e.getKey());
                if (batch > 0 && concurrency > 0) {
                    pairs.put(p, new CeilingPair(batch, concurrency));
                }
            } catch (NumberFormatException ignored) {
                // not a partition count
            }
        });
        return pairs;
    }

    private static double docsPerSecond(JsonNode trial) {
        double seconds = trial.path("seconds").asDouble();
        return seconds > 0 ? trial.path("docs").asDouble() / seconds : 0;
    }

    private static Instant started(JsonNode json, Path f) throws IOException {
        try {
            return Instant.parse(json.path("setup").path("Started").asText());
        } catch (DateTimeParseException e) {
            return Files.getLastModifiedTime(f).toInstant();
        }
    }
}
