package io.inlet.common.mapper;

import java.util.Objects;

/**
 * Where translated writes go: the OpenSearch index, and optionally an ingest pipeline and a custom routing
 * value applied to every write.
 *
 * @param index    target index (or alias / data stream), required
 * @param pipeline ingest pipeline, or null for the index's default
 * @param routing  custom routing value, or null for routing by {@code _id}
 */
public record Target(String index, String pipeline, String routing) {

    public Target {
        Objects.requireNonNull(index, "index");
        if (index.isBlank()) {
            throw new IllegalArgumentException("a target index must not be blank");
        }
        if (pipeline != null && pipeline.isBlank()) {
            throw new IllegalArgumentException("a target pipeline must be null or non-blank, got \"" + pipeline + "\"");
        }
        if (routing != null && routing.isEmpty()) {
            throw new IllegalArgumentException("a target routing must be null or non-empty");
        }
    }

    /** A target index with no pipeline and default routing. */
    public static Target of(String index) {
        return new Target(index, null, null);
    }
}
