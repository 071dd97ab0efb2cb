package io.inlet.kafka.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.common.config.PointerReset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Turns OpenSearch-style {@code reset_settings} ({@code [{"partition":0,"mode":"offset"|"timestamp"|
 * "earliest"|"latest","value":…}]}, with an optional {@code "topic"}) into the body of Connect's
 * {@code PATCH /connectors/{name}/offsets}.
 */
final class OffsetPlan {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OffsetPlan() {
    }

    static Map<TopicPartition, Long> resolve(JsonNode resetSettings, List<String> topics, Map<String, Object> clientProps) {
        if (!resetSettings.isArray() || resetSettings.isEmpty()) {
            throw new IllegalArgumentException("reset_settings must be a non-empty array like"
                    + " [{\"partition\":0,\"mode\":\"timestamp\",\"value\":1700000000000}]");
        }
        List<TopicPartition> order = new ArrayList<>();
        Map<TopicPartition, JsonNode> entries = new HashMap<>();
        for (JsonNode e : resetSettings) {
            String topic = e.hasNonNull("topic") ? e.get("topic").asText() : null;
            if (topic == null) {
                if (topics.size() != 1) {
                    throw new IllegalArgumentException("the connector reads " + topics + ": give \"topic\" in each reset_settings entry");
                }
                topic = topics.get(0);
            }
            if (!e.has("partition") || !e.get("partition").canConvertToInt()) {
                throw new IllegalArgumentException("each reset_settings entry needs \"partition\": a partition number, got " + e);
            }
            TopicPartition tp = new TopicPartition(topic, e.get("partition").asInt());
            order.add(tp);
            entries.put(tp, e);
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clientProps, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (TopicPartition tp : order) {
                JsonNode e = entries.get(tp);
                String mode = e.path("mode").asText("");
                switch (mode) {
                    case "earliest" -> offsets.put(tp, consumer.beginningOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp));
                    case "latest" -> offsets.put(tp, consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp));
                    case "offset" -> {
                        long offset = PointerReset.parseOffset(text(e, mode)).longValueExact();
                        long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
                        if (offset > end) {
                            // Connect would treat it as out of range and start the partition again from its earliest
                            throw new IllegalArgumentException("reset_settings offset " + offset + " for " + tp + " is past the"
                                    + " end of the partition (" + end + "): write an offset up to " + end + ", or mode latest");
                        }
                        offsets.put(tp, offset);
                    }
                    case "timestamp" -> {
                        long ts = PointerReset.parseTimestamp(text(e, mode)).toEpochMilli();
                        OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(tp, ts), Duration.ofSeconds(30)).get(tp);
                        offsets.put(tp, found != null ? found.offset()
                                : consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp));
                    }
                    default -> throw new IllegalArgumentException("reset_settings mode \"" + mode + "\" for " + tp
                            + ": write one of offset, timestamp, earliest, latest");
                }
            }
        }
        return offsets;
    }

    private static String text(JsonNode e, String mode) {
        if (!e.hasNonNull("value")) {
            throw new IllegalArgumentException("reset_settings mode " + mode + " needs \"value\" ("
                    + (mode.equals("offset") ? "an offset" : "epoch milliseconds or an ISO-8601 time") + ")");
        }
        return e.get("value").asText();
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
