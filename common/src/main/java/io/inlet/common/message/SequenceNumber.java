package io.inlet.common.message;

import java.math.BigInteger;

/**
 * A Kinesis sequence number with the sub-sequence number of a record de-aggregated from a KPL
 * aggregate (0 for plain records). Sequence numbers are decimal strings of up to 128 bits and are
 * compared as integers, never as strings. String form: {@code <sequence>} or {@code <sequence>:<sub>}.
 */
public record SequenceNumber(BigInteger sequence, long subSequence) implements Pointer {

    public SequenceNumber {
        if (sequence == null || sequence.signum() < 0) {
            throw new IllegalArgumentException("a Kinesis sequence number is a non-negative integer, got " + sequence);
        }
        if (subSequence < 0) {
            throw new IllegalArgumentException("a sub-sequence number is >= 0, got " + subSequence);
        }
    }

    public SequenceNumber(String sequence, long subSequence) {
        this(parseSequence(sequence), subSequence);
    }

    /** {@code p} as a Kinesis sequence number: the one place a pointer is taken for one. */
    public static SequenceNumber of(Pointer p) {
        if (p instanceof SequenceNumber s) {
            return s;
        }
        throw new IllegalArgumentException("not a Kinesis sequence number: " + p + " is a " + p.kind() + " pointer");
    }

    public static SequenceNumber parse(String text) {
        String t = text.trim();
        int colon = t.indexOf(':');
        if (colon < 0) {
            return new SequenceNumber(parseSequence(t), 0);
        }
        try {
            return new SequenceNumber(parseSequence(t.substring(0, colon)), Long.parseLong(t.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a Kinesis sequence number: '" + text
                    + "' (write <sequence> or <sequence>:<subsequence>, both decimal integers)", e);
        }
    }

    private static BigInteger parseSequence(String s) {
        try {
            return new BigInteger(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a Kinesis sequence number: '" + s + "' (write a decimal integer)", e);
        }
    }

    @Override
    public String asString() {
        return subSequence == 0 ? sequence.toString() : sequence + ":" + subSequence;
    }

    /** The sequence number alone, as the Kinesis API spells it. */
    public String sequenceString() {
        return sequence.toString();
    }

    @Override
    public Kind kind() {
        return Kind.SEQUENCE_NUMBER;
    }

    @Override
    public int compareTo(Pointer other) {
        if (!(other instanceof SequenceNumber o)) {
            throw new IllegalArgumentException("cannot compare a Kinesis sequence number with " + other.kind());
        }
        int c = sequence.compareTo(o.sequence);
        return c != 0 ? c : Long.compare(subSequence, o.subSequence);
    }

    @Override
    public String toString() {
        return asString();
    }
}
