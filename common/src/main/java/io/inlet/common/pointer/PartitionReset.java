package io.inlet.common.pointer;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.config.PointerReset;
import io.inlet.common.message.Pointer;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of OpenSearch-style {@code reset_settings} in a resume request: where one partition (Kafka) or shard
 * (Kinesis) resumes. Both management APIs read the body with {@link #parseBody}, the one parser; each runtime then
 * turns the entries into its own pointers (Kafka offsets through Connect, Kinesis checkpoints in the lease table).
 *
 * <pre>{@code {"reset_settings":[{"partition":0,"mode":"timestamp","value":1714564800000}]}          Kafka
 * {"reset_settings":[{"shard":"shardId-000000000000","mode":"earliest"}]}                           Kinesis}</pre>
 *
 * @param topic     Kafka only: the topic, when the entry names one (a connector reading several topics needs it)
 * @param partition the partition number (Kafka) or shard id (Kinesis)
 * @param mode      {@code offset} (value: an offset or sequence number; reading starts at that message),
 *                  {@code timestamp} (value: epoch ms or an ISO-8601 instant; reading starts at the first message
 *                  at or after it), {@code earliest} or {@code latest} (no value); OpenSearch's
 *                  {@code reset_by_*} and 3.0's {@code rewind_by_*} spellings are accepted
 * @param offset    the offset or sequence number in decimal, for {@code offset}; else null
 * @param time      the instant, for {@code timestamp}; else null
 */
public record PartitionReset(String topic, String partition, Mode mode, String offset, Instant time) {

    /** How a partition is rewound. */
    public enum Mode { OFFSET, TIMESTAMP, EARLIEST, LATEST }

    public PartitionReset {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(mode, "mode");
    }

    /**
     * Reads the body of a resume request: empty (or {@code {}}) for a plain resume, or an object with
     * {@code reset_settings}, whose entries name partitions of {@code kind}.
     *
     * @throws IllegalArgumentException saying what to write
     */
    public static List<PartitionReset> parseBody(JsonNode body, Pointer.Kind kind) {
        if (body == null || body.isMissingNode() || body.isNull() || (body.isObject() && body.isEmpty())) {
            return List.of();
        }
        Source source = Source.of(kind);
        if (!body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object, like {\"reset_settings\":["
                    + source.example + "]}, or empty");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("reset_settings")) {
                throw new IllegalArgumentException("unknown field \"" + f + "\": the body takes only reset_settings");
            }
        }
        return parse(body.get("reset_settings"), source);
    }

    private static List<PartitionReset> parse(JsonNode settings, Source source) {
        if (settings == null || !settings.isArray() || settings.isEmpty()) {
            throw new IllegalArgumentException("reset_settings must be a non-empty array like [" + source.example + "]");
        }
        List<PartitionReset> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode e : settings) {
            PartitionReset r = entry(e, source);
            String key = r.topic() == null ? r.partition() : r.topic() + "-" + r.partition();
            if (!seen.add(key)) {
                throw new IllegalArgumentException("reset_settings names " + source.noun + " " + key
                        + " twice: give each " + source.noun + " once");
            }
            out.add(r);
        }
        return List.copyOf(out);
    }

    private static PartitionReset entry(JsonNode e, Source source) {
        if (!e.isObject()) {
            throw new IllegalArgumentException("each reset_settings entry must be an object like " + source.example
                    + ", got " + e);
        }
        for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!source.fields.contains(f)) {
                throw new IllegalArgumentException("unknown field \"" + f + "\" in reset_settings entry " + e
                        + ": write " + String.join(", ", source.fields));
            }
        }
        String partition = source.partition(e);
        String topic = e.hasNonNull("topic") ? e.get("topic").asText().strip() : null;
        String name = source.noun + " " + (topic == null ? partition : topic + "-" + partition);
        if (!e.hasNonNull("mode") || !e.get("mode").isTextual()) {
            throw new IllegalArgumentException("reset_settings entry for " + name + " needs \"mode\": one of offset,"
                    + " timestamp, earliest, latest");
        }
        Mode mode = mode(e.get("mode").asText(), name);
        JsonNode value = e.get("value");
        boolean hasValue = value != null && !value.isNull();
        if (mode == Mode.EARLIEST || mode == Mode.LATEST) {
            if (hasValue) {
                throw new IllegalArgumentException("reset_settings mode " + lower(mode) + " for " + name
                        + " takes no value: remove \"value\"");
            }
            return new PartitionReset(topic, partition, mode, null, null);
        }
        if (!hasValue || !(value.isTextual() || value.isIntegralNumber())) {
            throw new IllegalArgumentException("reset_settings mode " + lower(mode) + " for " + name + " needs \"value\": "
                    + (mode == Mode.OFFSET ? source.offsetExample : "epoch milliseconds (1714564800000) or an ISO-8601"
                    + " instant (\"2024-05-01T12:00:00Z\")"));
        }
        return mode == Mode.OFFSET ? new PartitionReset(topic, partition, mode, source.offset(value.asText(), name), null)
                : new PartitionReset(topic, partition, mode, null, time(value, name));
    }

    private static Instant time(JsonNode value, String name) {
        Instant time;
        try {
            time = PointerReset.parseTimestamp(value.asText());
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("reset_settings value " + value + " for " + name + " is not a time:"
                    + " write epoch milliseconds (1714564800000) or an ISO-8601 instant (\"2024-05-01T12:00:00Z\")");
        }
        if (time.isAfter(Instant.now())) {
            throw new IllegalArgumentException("reset_settings value " + value + " for " + name + " is in the future"
                    + " (reading resumes from a past time only): write a time before now, or mode latest to read only"
                    + " what arrives from now on");
        }
        return time;
    }

    private static Mode mode(String text, String name) {
        String m = text.strip().toLowerCase(Locale.ROOT);
        return switch (m) {
            case "offset", "reset_by_offset", "rewind_by_offset" -> Mode.OFFSET;
            case "timestamp", "reset_by_timestamp", "rewind_by_timestamp" -> Mode.TIMESTAMP;
            case "earliest" -> Mode.EARLIEST;
            case "latest" -> Mode.LATEST;
            default -> throw new IllegalArgumentException("reset_settings mode \"" + text + "\" for " + name
                    + " is unknown: write one of offset, timestamp, earliest, latest");
        };
    }

    private static String lower(Mode m) {
        return m.name().toLowerCase(Locale.ROOT);
    }

    /** The Kafka offset of an {@code offset} entry. */
    public long kafkaOffset() {
        return Long.parseLong(offset);
    }

    /** For logs and responses: {@code timestamp 2024-05-01T12:00:00Z}. */
    public String describe() {
        return switch (mode) {
            case OFFSET -> "offset " + offset;
            case TIMESTAMP -> "timestamp " + time;
            case EARLIEST, LATEST -> lower(mode);
        };
    }

    /** What differs between the sources: how an entry names its partition, and what an offset is. */
    private enum Source {
        KAFKA("partition", List.of("topic", "partition", "mode", "value"),
                "{\"partition\":0,\"mode\":\"timestamp\",\"value\":1714564800000}",
                "an offset of that partition, e.g. 1500"),
        KINESIS("shard", List.of("shard", "partition", "mode", "value"),
                "{\"shard\":\"shardId-000000000000\",\"mode\":\"timestamp\",\"value\":1714564800000}",
                "the sequence number of a record of that shard, e.g."
                        + " \"49590338271490256608559692538361571095921575989136588898\"");

        final String noun;
        final List<String> fields;
        final String example;
        final String offsetExample;

        Source(String noun, List<String> fields, String example, String offsetExample) {
            this.noun = noun;
            this.fields = fields;
            this.example = example;
            this.offsetExample = offsetExample;
        }

        static Source of(Pointer.Kind kind) {
            return kind == Pointer.Kind.KAFKA_OFFSET ? KAFKA : KINESIS;
        }

        String partition(JsonNode e) {
            if (this == KAFKA) {
                JsonNode p = e.get("partition");
                if (p == null || !(p.canConvertToInt() && p.isIntegralNumber() || p.isTextual()
                        && p.asText().strip().matches("\\d{1,9}")) || p.asInt() < 0) {
                    throw new IllegalArgumentException("each reset_settings entry needs \"partition\": a partition"
                            + " number such as 0, got " + e);
                }
                return Integer.toString(Integer.parseInt(p.asText().strip()));
            }
            JsonNode shard = e.hasNonNull("shard") ? e.get("shard") : e.get("partition");
            if (shard == null || !shard.isTextual() || shard.asText().isBlank()) {
                throw new IllegalArgumentException("each reset_settings entry needs \"shard\": a shard id such as"
                        + " \"shardId-000000000000\", got " + e);
            }
            return shard.asText().strip();
        }

        String offset(String text, String name) {
            BigInteger parsed;
            try {
                parsed = PointerReset.parseOffset(text);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("reset_settings value \"" + text + "\" for " + name + " is not "
                        + (this == KAFKA ? "an offset: write a whole number of 0 or more"
                        : "a sequence number: write the decimal SequenceNumber of a record of that shard"));
            }
            if (this == KAFKA && parsed.bitLength() > 63) {
                throw new IllegalArgumentException("reset_settings value \"" + text + "\" for " + name
                        + " is not an offset: Kafka offsets are at most " + Long.MAX_VALUE);
            }
            return parsed.toString();
        }
    }
}
