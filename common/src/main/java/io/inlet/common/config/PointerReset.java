package io.inlet.common.config;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a partition or shard with no committed pointer starts reading: the {@code pointer.init.reset}
 * setting, with OpenSearch's spellings. {@code reset_by_*} and {@code rewind_by_*} are synonyms.
 */
public enum PointerReset {
    /** The oldest message still retained. */
    EARLIEST("earliest"),
    /** Only messages that arrive from now on. */
    LATEST("latest"),
    /** From a Kafka offset or a Kinesis sequence number given in {@code pointer.init.reset.value}. */
    BY_OFFSET("reset_by_offset", "rewind_by_offset"),
    /** From the first message at or after a time given in {@code pointer.init.reset.value}. */
    BY_TIMESTAMP("reset_by_timestamp", "rewind_by_timestamp"),
    /** Fail, saying so, when nothing is committed yet. */
    NONE("none");

    /** What a {@link #BY_OFFSET} value looks like, for messages. */
    static final String OFFSET_HINT = "a Kafka offset or a Kinesis sequence number, i.e. a non-negative whole"
            + " number such as 42";
    /** What a {@link #BY_OFFSET} value may look like, a list included, for messages. */
    static final String OFFSETS_HINT = OFFSET_HINT + ", or for Kinesis a comma-separated list of sequence numbers,"
            + " one per shard";
    /** What a {@link #BY_TIMESTAMP} value looks like, for messages. */
    static final String TIMESTAMP_HINT = "a time as epoch milliseconds (e.g. 1714564800000) or an ISO-8601"
            + " instant (e.g. 2024-05-01T12:00:00Z)";

    private final List<String> spellings;

    PointerReset(String... spellings) {
        this.spellings = List.of(spellings);
    }

    /** The names this mode is written with, OpenSearch's {@code reset_by_*} first. */
    public List<String> spellings() {
        return spellings;
    }

    /** Whether this mode needs {@code pointer.init.reset.value}. */
    public boolean needsValue() {
        return this == BY_OFFSET || this == BY_TIMESTAMP;
    }

    /** Every accepted spelling, in declaration order. */
    public static List<String> allSpellings() {
        List<String> all = new ArrayList<>();
        for (PointerReset mode : values()) {
            all.addAll(mode.spellings);
        }
        return List.copyOf(all);
    }

    /**
     * The mode written {@code name}, in any case ({@code rewind_by_offset} and {@code reset_by_offset}
     * both give {@link #BY_OFFSET}).
     *
     * @throws IllegalArgumentException for a null or unknown name, listing the valid ones
     */
    public static PointerReset fromName(String name) {
        if (name != null) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            for (PointerReset mode : values()) {
                if (mode.spellings.contains(wanted)) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException("unknown pointer reset mode '" + name + "': write one of "
                + String.join(", ", allSpellings()));
    }

    /**
     * A starting offset or sequence number: a non-negative whole number in decimal, as big as a Kinesis
     * sequence number may be. Kafka offsets must also fit a long, which the Kafka runtime checks.
     *
     * @throws IllegalArgumentException saying what to write
     */
    public static BigInteger parseOffset(String value) {
        return parseOne(value, OFFSET_HINT);
    }

    /**
     * The starting points of {@link #BY_OFFSET}: one, or a comma-separated list (Kinesis: one sequence number per
     * shard, each starting the shard that holds it).
     *
     * @throws IllegalArgumentException saying what to write
     */
    public static List<BigInteger> parseOffsets(String value) {
        List<BigInteger> out = new ArrayList<>();
        for (String one : (value == null ? "" : value).split(",", -1)) {
            out.add(parseOne(one, OFFSETS_HINT));
        }
        return List.copyOf(out);
    }

    private static BigInteger parseOne(String value, String hint) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("write " + hint);
        }
        return new BigInteger(text);
    }

    /**
     * A starting time: epoch milliseconds ({@code 1714564800000}) or an ISO-8601 instant
     * ({@code 2024-05-01T12:00:00Z}, or with an offset such as {@code +02:00}).
     *
     * @throws IllegalArgumentException saying what to write
     */
    public static Instant parseTimestamp(String value) {
        String text = value == null ? "" : value.strip();
        String hint = "write " + TIMESTAMP_HINT;
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(text));
            } catch (NumberFormatException | DateTimeException e) {
                throw new IllegalArgumentException(hint);
            }
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(hint);
            }
        }
    }
}
