package io.inlet.kafka.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.common.pointer.PartitionReset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Turns the {@code reset_settings} of a resume request ({@link PartitionReset}, with an optional {@code "topic"}
 * per entry) into Kafka offsets, and those into the body of Connect's {@code PATCH /connectors/{name}/offsets}.
 */
final class ResetPlan {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

    private ResetPlan() {
    }

    /**
     * The offset each entry names, looked up with a consumer of {@code clientProps}; {@code topics} are the
     * connector's (an entry without a topic needs the connector to read just one).
     *
     * @throws IllegalArgumentException saying what to write
     */
    static Map<TopicPartition, Long> resolve(List<PartitionReset> resets, List<String> topics,
                                             Map<String, Object> clientProps) {
        List<TopicPartition> order = new ArrayList<>();
        for (PartitionReset r : resets) {
            order.add(partitionOf(r, topics));
        }
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clientProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            for (TopicPartition tp : order) {
                requireExists(consumer, tp);
            }
            for (int i = 0; i < resets.size(); i++) {
                offsets.put(order.get(i), offset(consumer, order.get(i), resets.get(i)));
            }
        }
        return offsets;
    }

    private static TopicPartition partitionOf(PartitionReset r, List<String> topics) {
        String topic = r.topic();
        if (topic == null) {
            if (topics.size() != 1) {
                throw new IllegalArgumentException("the connector reads " + topics
                        + ": give \"topic\" in each reset_settings entry");
            }
            topic = topics.get(0);
        } else if (!topics.contains(topic)) {
            throw new IllegalArgumentException("reset_settings names topic " + topic + ", which the connector does not"
                    + " read: give one of " + topics);
        }
        return new TopicPartition(topic, Integer.parseInt(r.partition()));
    }

    /** Refuses a partition its topic does not have (looking up its offsets would wait for it in vain). */
    private static void requireExists(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp) {
        int partitions = consumer.partitionsFor(tp.topic(), LOOKUP_TIMEOUT).size();
        if (tp.partition() >= partitions) {
            throw new IllegalArgumentException("reset_settings names partition " + tp.partition() + " of " + tp.topic()
                    + ", which has " + (partitions == 1 ? "only partition 0" : "partitions 0 to " + (partitions - 1))
                    + ": write one of those");
        }
    }

    private static long offset(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, PartitionReset r) {
        return switch (r.mode()) {
            case EARLIEST -> consumer.beginningOffsets(List.of(tp), LOOKUP_TIMEOUT).get(tp);
            case LATEST -> end(consumer, tp);
            case OFFSET -> {
                long offset = r.kafkaOffset();
                long end = end(consumer, tp);
                if (offset > end) {
                    // Connect would treat it as out of range and start the partition again from its earliest
                    throw new IllegalArgumentException("reset_settings offset " + offset + " for " + tp + " is past the"
                            + " end of the partition (" + end + "): write an offset up to " + end + ", or mode latest");
                }
                yield offset;
            }
            case TIMESTAMP -> {
                OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(tp, r.time().toEpochMilli()), LOOKUP_TIMEOUT)
                        .get(tp);
                yield found != null ? found.offset() : end(consumer, tp);
            }
        };
    }

    private static long end(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp) {
        return consumer.endOffsets(List.of(tp), LOOKUP_TIMEOUT).get(tp);
    }

    /** The body of {@code PATCH /connectors/{name}/offsets} for these offsets. */
    static String patchBody(Map<TopicPartition, Long> offsets) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode arr = body.putArray("offsets");
        offsets.forEach((tp, off) -> {
            ObjectNode o = arr.addObject();
            o.putObject("partition").put("kafka_topic", tp.topic()).put("kafka_partition", tp.partition());
            o.putObject("offset").put("kafka_offset", off);
        });
        return body.toString();
    }
}
