package io.inlet.kafka;

import io.inlet.common.config.PointerReset;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * {@code pointer.init.reset} at the first assignment of a partition that has no committed offset for
 * this connector's consumer group: earliest, latest, an offset, or the first offset at or after a
 * timestamp ({@code offsetsForTimes}); {@code none} fails the task saying how to set an offset. An offset
 * before the log start starts at the log start; one past the log end starts at the end and the records
 * below it are skipped as they arrive.
 * Partitions with a committed offset are left where they are.
 *
 * <p>One Kafka Admin client does all of it (committed offsets, log start and end, offsets for a time), made on
 * first use: a task that starts creates no Kafka client of its own besides Connect's consumer.
 */
final class InitialOffsets implements AutoCloseable {

    private final PointerReset mode;
    private final InletSinkConfig config;
    private final String connector;
    private final String groupId;
    private Admin admin;
    private boolean closed;

    InitialOffsets(InletSinkConfig config, String connector, String groupId) {
        this.mode = config.pointerReset();
        this.config = config;
        this.connector = connector;
        this.groupId = groupId;
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new RetriableException("the task is stopping");
        }
        if (admin == null) {
            admin = Admin.create(config.kafkaClientProps());
        }
        return admin;
    }

    /** The log end offsets of the partitions (the next offset to be written), for lag. */
    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.latest(), 10);
    }

    private Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.earliest(), 30);
    }

    /**
     * The offset {@code spec} names in each partition; for a time with no record at or after it, absent (the
     * caller starts at the end).
     */
    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec, int seconds) {
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, spec));
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found =
                    admin().listOffsets(query).all().get(seconds, TimeUnit.SECONDS);
            Map<TopicPartition, Long> out = new HashMap<>();
            found.forEach((tp, info) -> {
                if (info.offset() >= 0) {
                    out.put(tp, info.offset());
                }
            });
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("Interrupted while listing offsets of " + partitions, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RetriableException("Couldn't list the offsets of " + partitions + " from "
                    + config.kafkaBootstrapServers() + " (kafka.bootstrap.servers): " + e.getMessage(), e);
        }
    }

    /**
     * Where the partitions without a committed offset start.
     *
     * @param seek      the offset to seek to, per partition; empty when all have a committed offset
     * @param skipBelow for reset_by_offset past the end of a partition: the wanted offset, below which the
     *                  records arriving from {@code seek} on are skipped (Kafka cannot seek past the end: the
     *                  consumer would find the offset out of range and start over from the beginning)
     */
    record Start(Map<TopicPartition, Long> seek, Map<TopicPartition, Long> skipBelow) {
    }

    /** The offsets committed for this connector's consumer group: per partition, the next offset to read. */
    Map<TopicPartition, OffsetAndMetadata> committed() {
        try {
            return admin().listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("Interrupted while reading the committed offsets of " + groupId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RetriableException("Couldn't read the committed offsets of consumer group " + groupId
                    + " from " + config.kafkaBootstrapServers() + " (kafka.bootstrap.servers): " + e.getMessage(), e);
        }
    }

    /** Where the partitions that have no offset in {@code committed} start; an empty seek when all have one. */
    Start forUncommitted(Collection<TopicPartition> partitions, Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<TopicPartition, Long> seek = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            if (c == null) {
                seek.put(tp, null);
            }
        }
        Map<TopicPartition, Long> skipBelow = new HashMap<>();
        if (seek.isEmpty()) {
            return new Start(seek, skipBelow);
        }
        switch (mode) {
            case EARLIEST -> seek.putAll(beginningOffsets(seek.keySet()));
            case LATEST -> seek.putAll(offsets(seek.keySet(), OffsetSpec.latest(), 30));
            case BY_OFFSET -> {
                long wanted = config.pointerResetOffset().longValueExact();
                Map<TopicPartition, Long> begins = beginningOffsets(seek.keySet());
                Map<TopicPartition, Long> ends = offsets(seek.keySet(), OffsetSpec.latest(), 30);
                seek.replaceAll((tp, v) -> Math.min(Math.max(wanted, begins.get(tp)), ends.get(tp)));
                seek.keySet().stream().filter(tp -> wanted > ends.get(tp)).forEach(tp -> skipBelow.put(tp, wanted));
            }
            case BY_TIMESTAMP -> {
                long ts = config.pointerResetTimestamp().toEpochMilli();
                Map<TopicPartition, Long> found = offsets(seek.keySet(), OffsetSpec.forTimestamp(ts), 30);
                Map<TopicPartition, Long> ends = offsets(seek.keySet(), OffsetSpec.latest(), 30);
                seek.replaceAll((tp, v) -> found.getOrDefault(tp, ends.get(tp)));
            }
            case NONE -> {
                TopicPartition tp = seek.keySet().iterator().next();
                throw new ConnectException("Partition " + tp + " has no committed offset for connector " + connector
                        + " and pointer.init.reset=none. Set a starting offset with Connect's offsets API (stop the"
                        + " connector, then PATCH /connectors/" + connector + "/offsets with {\"offsets\":[{\"partition\":"
                        + "{\"kafka_topic\":\"" + tp.topic() + "\",\"kafka_partition\":" + tp.partition() + "},\"offset\":"
                        + "{\"kafka_offset\":0}}]}, and resume), or choose another pointer.init.reset");
            }
        }
        return new Start(seek, skipBelow);
    }

    @Override
    public void close() {
        Admin a;
        synchronized (this) {
            closed = true;
            a = admin;
            admin = null;
        }
        if (a != null) {
            a.close(Duration.ofSeconds(5));
        }
    }
}
