package io.inlet.common.message;

/**
 * A position in a partition (Kafka) or shard (Kinesis). Pointers of one partition are totally ordered;
 * pointers of different kinds never compare.
 */
public sealed interface Pointer extends Comparable<Pointer> permits KafkaOffset, SequenceNumber {

    /** The string form, which {@link #parse(Kind, String)} reads back. */
    String asString();

    Kind kind();

    enum Kind { KAFKA_OFFSET, SEQUENCE_NUMBER }

    static Pointer parse(Kind kind, String text) {
        return switch (kind) {
            case KAFKA_OFFSET -> KafkaOffset.parse(text);
            case SEQUENCE_NUMBER -> SequenceNumber.parse(text);
        };
    }
}
