package io.inlet.common.state;

import io.inlet.common.writer.WriterStats;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.Pointer;

import java.util.Comparator;
import java.util.Objects;

/**
 * The state of one partition or shard at one moment, as the state API shows it. Immutable; rendered
 * and read back by {@link StateJson}.
 *
 * @param stream                  Kafka topic or Kinesis stream
 * @param partition               Kafka partition number or Kinesis shard id
 * @param pointerKind             whether pointers are Kafka offsets or Kinesis sequence numbers
 * @param pollerState             what the reader is doing
 * @param errorPolicy             the error strategy in force
 * @param paused                  whether the user paused it
 * @param committedPointer        the last pointer committed to the source (every message up to it is
 *                                finished with), or null
 * @param lastAcknowledgedPointer the highest pointer finished with, possibly ahead of the committed
 *                                one, or null
 * @param latestPointer           the newest pointer available in the source, or null when unknown
 * @param pointerBasedLag         Kafka only: {@code latest - committed} offsets, or null
 * @param lagInMillis             how far behind the newest message reading is, in milliseconds (Kinesis
 *                                {@code millisBehindLatest}), or null when unknown
 * @param counters                the running counts
 * @param lastError               the most recent error, or null
 * @param owner                   the worker or lease owner reading it, or null
 * @param writer                  what the writer serving it (its Connect task's or its worker's) is doing: the
 *                                adaptive limit, requests in flight, bytes per request; or null when unknown
 */
public record PartitionSnapshot(String stream, String partition, Pointer.Kind pointerKind, PollerState pollerState,
                                ErrorStrategy errorPolicy, boolean paused, Pointer committedPointer,
                                Pointer lastAcknowledgedPointer, Pointer latestPointer, Long pointerBasedLag,
                                Long lagInMillis, CountersSnapshot counters, LastError lastError, String owner,
                                WriterStats writer) {

    /** The one order of partitions in every state the user sees: by stream, then by {@link #comparePartitions}. */
    public static final Comparator<PartitionSnapshot> ORDER = Comparator.comparing(PartitionSnapshot::stream)
            .thenComparing(PartitionSnapshot::partition, PartitionSnapshot::comparePartitions);

    /** A partition's state without the writer's figures. */
    public PartitionSnapshot(String stream, String partition, Pointer.Kind pointerKind, PollerState pollerState,
                             ErrorStrategy errorPolicy, boolean paused, Pointer committedPointer,
                             Pointer lastAcknowledgedPointer, Pointer latestPointer, Long pointerBasedLag,
                             Long lagInMillis, CountersSnapshot counters, LastError lastError, String owner) {
        this(stream, partition, pointerKind, pollerState, errorPolicy, paused, committedPointer, lastAcknowledgedPointer,
                latestPointer, pointerBasedLag, lagInMillis, counters, lastError, owner, null);
    }

    public PartitionSnapshot {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(pointerKind, "pointerKind");
        Objects.requireNonNull(pollerState, "pollerState");
        Objects.requireNonNull(errorPolicy, "errorPolicy");
        Objects.requireNonNull(counters, "counters");
        requireKind(pointerKind, committedPointer, "committed pointer");
        requireKind(pointerKind, lastAcknowledgedPointer, "last acknowledged pointer");
        requireKind(pointerKind, latestPointer, "latest pointer");
        if (lastError != null) {
            requireKind(pointerKind, lastError.pointer(), "last error pointer");
        }
    }

    /**
     * The pointer-based lag: for Kafka offsets, how many offsets lie after the committed one up to the
     * latest ({@code latest - committed}, never negative); null for Kinesis, whose sequence numbers
     * are not dense, or when either pointer is unknown.
     */
    public static Long pointerBasedLag(Pointer committed, Pointer latest) {
        if (committed instanceof KafkaOffset c && latest instanceof KafkaOffset l) {
            return Math.max(0, l.offset() - c.offset());
        }
        return null;
    }

    static void requireKind(Pointer.Kind kind, Pointer pointer, String what) {
        if (pointer != null && pointer.kind() != kind) {
            throw new IllegalArgumentException("the " + what + " " + pointer.asString() + " is a " + pointer.kind()
                    + ", but this partition's pointers are " + kind);
        }
    }

    /**
     * Orders partition ids numerically when both are numbers (Kafka: 2 before 10), else as text (Kinesis shard
     * ids, which sort by number too as their digits are zero-padded).
     */
    public static int comparePartitions(String a, String b) {
        if (isDigits(a) && isDigits(b)) {
            int byLength = Integer.compare(stripZeros(a).length(), stripZeros(b).length());
            if (byLength != 0) {
                return byLength;
            }
            int byDigits = stripZeros(a).compareTo(stripZeros(b));
            return byDigits != 0 ? byDigits : a.compareTo(b);
        }
        return a.compareTo(b);
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String stripZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }
}
