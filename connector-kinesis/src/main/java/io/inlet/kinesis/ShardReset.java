package io.inlet.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.config.PointerReset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of {@code reset_settings} in {@code POST /ingestion/_resume}: where one shard resumes.
 *
 * <pre>{@code {"reset_settings":[{"shard":"shardId-000000000000","mode":"timestamp","value":1714564800000}]}}</pre>
 *
 * @param shard    the shard id
 * @param mode     {@code offset} (value: a sequence number of that shard; reading starts at that record),
 *                 {@code timestamp} (value: epoch ms or an ISO-8601 instant; reading starts at the first
 *                 record that arrived at or after it), {@code earliest} or {@code latest} (no value)
 * @param sequence the sequence number, for {@code offset}; else null
 * @param time     the instant, for {@code timestamp}; else null
 */
public record ShardReset(String shard, Mode mode, String sequence, Instant time) {

    /** How a shard is rewound. */
    public enum Mode { OFFSET, TIMESTAMP, EARLIEST, LATEST }

    public ShardReset {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(mode, "mode");
    }

    private static final Set<String> FIELDS = Set.of("shard", "partition", "mode", "value");

    /**
     * Reads the body of {@code POST /ingestion/_resume}: empty (or {@code {}}) for a plain resume, or an
     * object with {@code reset_settings}.
     *
     * @throws IllegalArgumentException saying what to write
     */
    public static List<ShardReset> parseBody(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull() || (body.isObject() && body.isEmpty())) {
            return List.of();
        }
        if (!body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object, like {\"reset_settings\":[{\"shard\":"
                    + "\"shardId-000000000000\",\"mode\":\"earliest\"}]}, or empty");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("reset_settings")) {
                throw new IllegalArgumentException("unknown field \"" + f + "\": the body takes only reset_settings");
            }
        }
        return parse(body.get("reset_settings"));
    }

    /** Reads a {@code reset_settings} array. */
    public static List<ShardReset> parse(JsonNode settings) {
        if (settings == null || !settings.isArray() || settings.isEmpty()) {
            throw new IllegalArgumentException("reset_settings must be a non-empty array like [{\"shard\":"
                    + "\"shardId-000000000000\",\"mode\":\"timestamp\",\"value\":1714564800000}]");
        }
        List<ShardReset> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode e : settings) {
            ShardReset r = entry(e);
            if (!seen.add(r.shard())) {
                throw new IllegalArgumentException("reset_settings names shard " + r.shard() + " twice: give each shard once");
            }
            out.add(r);
        }
        return List.copyOf(out);
    }

    private static ShardReset entry(JsonNode e) {
        if (!e.isObject()) {
            throw new IllegalArgumentException("each reset_settings entry must be an object like {\"shard\":"
                    + "\"shardId-000000000000\",\"mode\":\"earliest\"}, got " + e);
        }
        for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field \"" + f + "\" in reset_settings entry " + e
                        + ": write shard, mode and value");
            }
        }
        JsonNode shardNode = e.hasNonNull("shard") ? e.get("shard") : e.get("partition");
        if (shardNode == null || !shardNode.isTextual() || shardNode.asText().isBlank()) {
            throw new IllegalArgumentException("each reset_settings entry needs \"shard\": a shard id such as"
                    + " \"shardId-000000000000\", got " + e);
        }
        String shard = shardNode.asText().strip();
        if (!e.hasNonNull("mode") || !e.get("mode").isTextual()) {
            throw new IllegalArgumentException("reset_settings entry for " + shard + " needs \"mode\": one of offset,"
                    + " timestamp, earliest, latest");
        }
        Mode mode = mode(e.get("mode").asText(), shard);
        JsonNode value = e.get("value");
        boolean hasValue = value != null && !value.isNull();
        return switch (mode) {
            case EARLIEST, LATEST -> {
                if (hasValue) {
                    throw new IllegalArgumentException("reset_settings mode " + lower(mode) + " for " + shard
                            + " takes no value: remove \"value\"");
                }
                yield new ShardReset(shard, mode, null, null);
            }
            case OFFSET -> {
                if (!hasValue || !(value.isTextual() || value.isIntegralNumber())) {
                    throw new IllegalArgumentException("reset_settings mode offset for " + shard + " needs \"value\": the"
                            + " sequence number of a record of that shard, e.g. \"49590338271490256608559692538361571095921575989136588898\"");
                }
                try {
                    yield new ShardReset(shard, mode, PointerReset.parseOffset(value.asText()).toString(), null);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("reset_settings value " + value + " for " + shard + " is not a"
                            + " sequence number: write the decimal SequenceNumber of a record of that shard");
                }
            }
            case TIMESTAMP -> {
                if (!hasValue || !(value.isTextual() || value.isIntegralNumber())) {
                    throw new IllegalArgumentException("reset_settings mode timestamp for " + shard + " needs \"value\":"
                            + " epoch milliseconds (1714564800000) or an ISO-8601 instant (\"2024-05-01T12:00:00Z\")");
                }
                java.time.Instant time;
                try {
                    time = PointerReset.parseTimestamp(value.asText());
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("reset_settings value " + value + " for " + shard + " is not a time:"
                            + " write epoch milliseconds (1714564800000) or an ISO-8601 instant (\"2024-05-01T12:00:00Z\")");
                }
                if (time.isAfter(java.time.Instant.now())) {
                    throw new IllegalArgumentException("reset_settings value " + value + " for " + shard + " is in the future"
                            + " (Kinesis reads from a past time only): write a time before now, or mode latest to read only"
                            + " what arrives from now on");
                }
                yield new ShardReset(shard, mode, null, time);
            }
        };
    }

    private static Mode mode(String text, String shard) {
        String m = text.strip().toLowerCase(Locale.ROOT);
        return switch (m) {
            case "offset", "reset_by_offset", "rewind_by_offset" -> Mode.OFFSET;
            case "timestamp", "reset_by_timestamp", "rewind_by_timestamp" -> Mode.TIMESTAMP;
            case "earliest" -> Mode.EARLIEST;
            case "latest" -> Mode.LATEST;
            default -> throw new IllegalArgumentException("reset_settings mode \"" + text + "\" for " + shard
                    + " is unknown: write one of offset, timestamp, earliest, latest");
        };
    }

    private static String lower(Mode m) {
        return m.name().toLowerCase(Locale.ROOT);
    }

    /** For logs and responses: {@code timestamp 2024-05-01T12:00:00Z}. */
    public String describe() {
        return switch (mode) {
            case OFFSET -> "offset " + sequence;
            case TIMESTAMP -> "timestamp " + time;
            case EARLIEST, LATEST -> lower(mode);
        };
    }
}
