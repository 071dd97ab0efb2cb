package io.inlet.common.message;

/** A Kafka record offset within one topic partition. */
public record KafkaOffset(long offset) implements Pointer {

    public KafkaOffset {
        if (offset < 0) {
            throw new IllegalArgumentException("a Kafka offset is >= 0, got " + offset);
        }
    }

    /** {@code p} as a Kafka offset: the one place a pointer is taken for one. */
    public static KafkaOffset of(Pointer p) {
        if (p instanceof KafkaOffset o) {
            return o;
        }
        throw new IllegalArgumentException("not a Kafka offset: " + p + " is a " + p.kind() + " pointer");
    }

    public static KafkaOffset parse(String text) {
        try {
            return new KafkaOffset(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a Kafka offset: '" + text + "' (write a non-negative integer)", e);
        }
    }

    @Override
    public String asString() {
        return Long.toString(offset);
    }

    @Override
    public Kind kind() {
        return Kind.KAFKA_OFFSET;
    }

    @Override
    public int compareTo(Pointer other) {
        if (!(other instanceof KafkaOffset o)) {
            throw new IllegalArgumentException("cannot compare a Kafka offset with " + other.kind());
        }
        return Long.compare(offset, o.offset);
    }

    @Override
    public String toString() {
        return asString();
    }
}
