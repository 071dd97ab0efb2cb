package io.inlet.kinesis.kcl;

import io.inlet.common.config.PointerReset;
import io.inlet.kinesis.config.KclTimings;
import io.inlet.kinesis.config.KinesisWorkerConfig;
import io.inlet.kinesis.config.Retrieval;
import java.time.Instant;
import java.util.Objects;

/**
 * What a Kinesis worker consumes and how: the stream, the KCL application (which names the lease
 * table and so the shared checkpoints), this worker's id, where new shards start, and the retrieval
 * mode. Workers with the same application name share the shards of the stream between them.
 *
 * @param stream            stream name, or stream ARN ({@code arn:aws:kinesis:<region>:<account>:stream/<name>})
 * @param applicationName   KCL application name: the lease table's name; one per consumer group
 * @param workerId          this worker's id, unique within the application and stable across restarts
 *                          (a restarted worker with the same id gets its leases back at once)
 * @param initialPosition   where shards without a checkpoint start
 * @param initialTimestamp  the instant for {@link InitialPosition#AT_TIMESTAMP}, else null
 * @param retrieval         polling or enhanced fan-out
 * @param consumerName      enhanced fan-out consumer name, registered on the stream if missing; null
 *                          means the application name
 * @param pollingIdleMillis polling: idle time between GetRecords calls on a shard (KCL minimum 200 ms;
 *                          Kinesis allows 5 reads/s per shard across all polling consumers)
 * @param pollingMaxRecords polling: records per GetRecords call, 1..10000
 * @param timings           lease failover and sync intervals
 * @param bootstrapLeases   create the leases before the scheduler starts when the lease table is empty,
 *                          which skips the KCL's random 1–30 s wait on a new application (see
 *                          {@link LeaseBootstrap})
 */
public record ConsumerSettings(String stream, String applicationName, String workerId,
                               InitialPosition initialPosition, Instant initialTimestamp,
                               Retrieval retrieval, String consumerName,
                               long pollingIdleMillis, int pollingMaxRecords,
                               KclTimings timings, boolean bootstrapLeases) {

    /** The KCL's default idle time between GetRecords calls. */
    public static final long DEFAULT_POLLING_IDLE_MILLIS = 1_500;
    public static final long MIN_POLLING_IDLE_MILLIS = 200;
    public static final int MAX_POLLING_RECORDS = 10_000;

    public ConsumerSettings {
        require("stream", stream);
        require("applicationName", applicationName);
        require("workerId", workerId);
        Objects.requireNonNull(initialPosition, "initialPosition");
        Objects.requireNonNull(retrieval, "retrieval");
        Objects.requireNonNull(timings, "timings");
        if (initialPosition == InitialPosition.AT_TIMESTAMP && initialTimestamp == null) {
            throw new IllegalArgumentException("initial position AT_TIMESTAMP needs a timestamp");
        }
        if (initialPosition != InitialPosition.AT_TIMESTAMP && initialTimestamp != null) {
            throw new IllegalArgumentException("a timestamp is only used with initial position AT_TIMESTAMP, not "
                    + initialPosition);
        }
        if (pollingIdleMillis < MIN_POLLING_IDLE_MILLIS) {
            throw new IllegalArgumentException("pollingIdleMillis must be >= " + MIN_POLLING_IDLE_MILLIS
                    + " (the KCL minimum), got " + pollingIdleMillis);
        }
        if (pollingMaxRecords < 1 || pollingMaxRecords > MAX_POLLING_RECORDS) {
            throw new IllegalArgumentException("pollingMaxRecords must be in 1.." + MAX_POLLING_RECORDS
                    + ", got " + pollingMaxRecords);
        }
    }

    /**
     * What the KCL needs from the worker's settings: stream, application, worker id, retrieval, timings, and where
     * shards without a checkpoint start ({@code pointer.init.reset}: earliest → TRIM_HORIZON, latest → LATEST,
     * reset_by_timestamp → AT_TIMESTAMP; reset_by_offset and none start new shards at TRIM_HORIZON, the offset
     * being seeded into the lease table by {@code InitialPositions}).
     */
    public static ConsumerSettings from(KinesisWorkerConfig c) {
        ConsumerSettings s = of(c.stream(), c.applicationName(), c.workerId())
                .withTimings(c.timings())
                .withBootstrapLeases(c.leaseBootstrap() || c.pointerReset() == PointerReset.BY_OFFSET);
        s = switch (c.pointerReset()) {
            case EARLIEST, BY_OFFSET, NONE -> s.withInitialPosition(InitialPosition.TRIM_HORIZON);
            case LATEST -> s.withInitialPosition(InitialPosition.LATEST);
            case BY_TIMESTAMP -> s.withInitialTimestamp(c.pointerResetTimestamp());
        };
        return c.retrieval() == Retrieval.FAN_OUT ? s.withFanOut(c.consumerName())
                : s.withPolling(c.pollingIdleMs(), c.pollingMaxRecords());
    }

    /** Polling from TRIM_HORIZON with the KCL's default timings. */
    public static ConsumerSettings of(String stream, String applicationName, String workerId) {
        return new ConsumerSettings(stream, applicationName, workerId, InitialPosition.TRIM_HORIZON, null,
                Retrieval.POLLING, null, DEFAULT_POLLING_IDLE_MILLIS, MAX_POLLING_RECORDS, KclTimings.kclDefaults(), true);
    }

    /** True when {@link #stream} is an ARN rather than a name. */
    public boolean streamIsArn() {
        return stream.startsWith("arn:");
    }

    /** The fan-out consumer name in effect. */
    public String effectiveConsumerName() {
        return consumerName != null ? consumerName : applicationName;
    }

    public ConsumerSettings withInitialPosition(InitialPosition position) {
        return new ConsumerSettings(stream, applicationName, workerId, position, null, retrieval, consumerName,
                pollingIdleMillis, pollingMaxRecords, timings, bootstrapLeases);
    }

    public ConsumerSettings withInitialTimestamp(Instant at) {
        return new ConsumerSettings(stream, applicationName, workerId, InitialPosition.AT_TIMESTAMP,
                Objects.requireNonNull(at, "at"), retrieval, consumerName, pollingIdleMillis, pollingMaxRecords, timings,
                bootstrapLeases);
    }

    public ConsumerSettings withPolling(long idleMillis, int maxRecords) {
        return new ConsumerSettings(stream, applicationName, workerId, initialPosition, initialTimestamp,
                Retrieval.POLLING, consumerName, idleMillis, maxRecords, timings, bootstrapLeases);
    }

    /** Enhanced fan-out with the given consumer name (null: the application name). */
    public ConsumerSettings withFanOut(String consumer) {
        return new ConsumerSettings(stream, applicationName, workerId, initialPosition, initialTimestamp,
                Retrieval.FAN_OUT, consumer, pollingIdleMillis, pollingMaxRecords, timings, bootstrapLeases);
    }

    public ConsumerSettings withTimings(KclTimings t) {
        return new ConsumerSettings(stream, applicationName, workerId, initialPosition, initialTimestamp,
                retrieval, consumerName, pollingIdleMillis, pollingMaxRecords, t, bootstrapLeases);
    }

    public ConsumerSettings withBootstrapLeases(boolean bootstrap) {
        return new ConsumerSettings(stream, applicationName, workerId, initialPosition, initialTimestamp,
                retrieval, consumerName, pollingIdleMillis, pollingMaxRecords, timings, bootstrap);
    }

    public ConsumerSettings withWorkerId(String id) {
        return new ConsumerSettings(stream, applicationName, id, initialPosition, initialTimestamp,
                retrieval, consumerName, pollingIdleMillis, pollingMaxRecords, timings, bootstrapLeases);
    }

    private static void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
    }
}
