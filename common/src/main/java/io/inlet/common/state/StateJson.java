package io.inlet.common.state;

import io.inlet.common.writer.WriterStats;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.message.Pointer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders ingestion state as JSON and reads it back, so that Kafka tasks can publish their state and
 * the REST extension on any worker can serve it. The shape, with field names as in OpenSearch
 * pull-based ingestion where it has them:
 *
 * <pre>{@code
 * {
 *   "name": "orders-sink",
 *   "partitions": [ {
 *     "stream": "orders", "partition": "0", "pointer_type": "kafka_offset",
 *     "poller_state": "POLLING", "error_policy": "DROP", "paused": false,
 *     "committed_pointer": "41", "last_acknowledged_pointer": "44", "latest_pointer": "99",
 *     "pointer_based_lag": 58, "lag_in_millis": null,
 *     "counters": { "total_processed_count": 45, "total_invalid_message_count": 1,
 *                   "total_version_conflicts_count": 3, "total_failed_count": 0,
 *                   "total_dropped_count": 1, "total_retries": 7,
 *                   "total_indexed_count": 40, "total_deleted_count": 0 },
 *     "last_error": { "pointer": "17", "reason": "mapper_parsing_exception",
 *                     "message": "failed to parse field [price]", "timestamp": 1700000000000 },
 *     "owner": "worker-1:8083"
 *   } ]
 * }
 * }</pre>
 *
 * Pointers are written with {@link Pointer#asString()} (a Kinesis sequence number as a decimal string,
 * with {@code :<sub-sequence>} for a record from a KPL aggregate); {@code pointer_type}
 * ({@code kafka_offset} or {@code sequence_number}) says how to read them back. Every field is always
 * present, null when unknown. Reading ignores fields it does not know.
 */
public final class StateJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StateJson() {
    }

    /** The JSON text of {@code state}. */
    public static String write(IngestionSnapshot state) {
        return render(toTree(state));
    }

    /** The JSON text of one partition's state. */
    public static String write(PartitionSnapshot partition) {
        return render(toTree(partition));
    }

    /**
     * Reads an ingestion state written by {@link #write(IngestionSnapshot)}.
     *
     * @throws IllegalArgumentException when the text is not such a state
     */
    public static IngestionSnapshot readIngestion(String json) {
        return ingestionFromTree(parse(json));
    }

    /**
     * Reads one partition's state written by {@link #write(PartitionSnapshot)}.
     *
     * @throws IllegalArgumentException when the text is not such a state
     */
    public static PartitionSnapshot readPartition(String json) {
        return partitionFromTree(parse(json));
    }

    /** {@code state} as a Jackson tree, to embed in a larger response. */
    public static ObjectNode toTree(IngestionSnapshot state) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", state.name());
        ArrayNode partitions = node.putArray("partitions");
        for (PartitionSnapshot p : state.partitions()) {
            partitions.add(toTree(p));
        }
        return node;
    }

    /** One partition's state as a Jackson tree. */
    public static ObjectNode toTree(PartitionSnapshot p) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("stream", p.stream());
        node.put("partition", p.partition());
        node.put("pointer_type", p.pointerKind().name().toLowerCase(Locale.ROOT));
        node.put("poller_state", p.pollerState().name());
        node.put("error_policy", p.errorPolicy().name());
        node.put("paused", p.paused());
        node.put("committed_pointer", pointerText(p.committedPointer()));
        node.put("last_acknowledged_pointer", pointerText(p.lastAcknowledgedPointer()));
        node.put("latest_pointer", pointerText(p.latestPointer()));
        node.put("pointer_based_lag", p.pointerBasedLag());
        node.put("lag_in_millis", p.lagInMillis());
        CountersSnapshot c = p.counters();
        ObjectNode counters = node.putObject("counters");
        counters.put("total_processed_count", c.processed());
        counters.put("total_invalid_message_count", c.invalidMessages());
        counters.put("total_version_conflicts_count", c.versionConflicts());
        counters.put("total_failed_count", c.failed());
        counters.put("total_dropped_count", c.dropped());
        counters.put("total_retries", c.retries());
        counters.put("total_indexed_count", c.indexed());
        counters.put("total_deleted_count", c.deleted());
        LastError e = p.lastError();
        if (e == null) {
            node.putNull("last_error");
        } else {
            ObjectNode error = node.putObject("last_error");
            error.put("pointer", pointerText(e.pointer()));
            error.put("reason", e.reason());
            error.put("message", e.message());
            error.put("timestamp", e.timestampMillis());
        }
        node.put("owner", p.owner());
        WriterStats w = p.writer();
        if (w != null) {
            ObjectNode writer = node.putObject("writer");
            writer.put("concurrency_limit", w.concurrencyLimit());
            writer.put("max_concurrency", w.maxConcurrency());
            writer.put("requests_in_flight", w.inFlight());
            writer.put("total_requests", w.requests());
            writer.put("avg_request_bytes", w.avgRequestBytes());
            writer.put("last_request_bytes", w.lastRequestBytes());
            writer.put("last_request_operations", w.lastRequestOperations());
            writer.put("queued_messages", w.queued());
            writer.put("held_by_blocks", w.heldByBlocks());
            writer.put("usual_request_millis", w.usualRttMillis());
            writer.put("limit_decreases", w.limitDecreases());
        }
        return node;
    }

    /** Reads an ingestion state from a Jackson tree made by {@link #toTree(IngestionSnapshot)}. */
    public static IngestionSnapshot ingestionFromTree(JsonNode node) {
        requireObject(node, "an ingestion state");
        JsonNode partitions = node.path("partitions");
        List<PartitionSnapshot> list = new ArrayList<>();
        if (partitions.isArray()) {
            for (JsonNode p : partitions) {
                list.add(partitionFromTree(p));
            }
        } else if (!partitions.isMissingNode() && !partitions.isNull()) {
            throw new IllegalArgumentException("not an Inlet ingestion state: 'partitions' must be an array");
        }
        String name = text(node, "name");
        if (name == null) {
            throw new IllegalArgumentException("not an Inlet ingestion state: 'name' is missing");
        }
        return new IngestionSnapshot(name, list);
    }

    /** Reads one partition's state from a Jackson tree made by {@link #toTree(PartitionSnapshot)}. */
    public static PartitionSnapshot partitionFromTree(JsonNode node) {
        requireObject(node, "a partition state");
        try {
            Pointer.Kind kind = Pointer.Kind.valueOf(requiredText(node, "pointer_type").toUpperCase(Locale.ROOT));
            JsonNode c = node.path("counters");
            CountersSnapshot counters = new CountersSnapshot(
                    c.path("total_processed_count").asLong(),
                    c.path("total_invalid_message_count").asLong(),
                    c.path("total_version_conflicts_count").asLong(),
                    c.path("total_failed_count").asLong(),
                    c.path("total_dropped_count").asLong(),
                    c.path("total_retries").asLong(),
                    c.path("total_indexed_count").asLong(),
                    c.path("total_deleted_count").asLong());
            JsonNode e = node.path("last_error");
            LastError lastError = e.isObject()
                    ? new LastError(pointer(kind, e, "pointer"), requiredText(e, "reason"), text(e, "message"),
                    e.path("timestamp").asLong())
                    : null;
            return new PartitionSnapshot(
                    requiredText(node, "stream"),
                    requiredText(node, "partition"),
                    kind,
                    PollerState.valueOf(requiredText(node, "poller_state").toUpperCase(Locale.ROOT)),
                    ErrorStrategy.fromName(requiredText(node, "error_policy")),
                    node.path("paused").asBoolean(false),
                    pointer(kind, node, "committed_pointer"),
                    pointer(kind, node, "last_acknowledged_pointer"),
                    pointer(kind, node, "latest_pointer"),
                    longOrNull(node, "pointer_based_lag"),
                    longOrNull(node, "lag_in_millis"),
                    counters,
                    lastError,
                    text(node, "owner"),
                    writerStats(node.path("writer")));
        } catch (IllegalArgumentException | NullPointerException ex) {
            throw new IllegalArgumentException("not an Inlet partition state: " + ex.getMessage(), ex);
        }
    }

    private static WriterStats writerStats(JsonNode w) {
        if (!w.isObject()) {
            return null;
        }
        return new WriterStats(w.path("concurrency_limit").asInt(), w.path("max_concurrency").asInt(),
                w.path("requests_in_flight").asInt(), w.path("total_requests").asLong(), w.path("avg_request_bytes").asLong(),
                w.path("last_request_bytes").asLong(), w.path("last_request_operations").asInt(),
                w.path("queued_messages").asInt(), w.path("held_by_blocks").asInt(), w.path("usual_request_millis").asLong(),
                w.path("limit_decreases").asLong());
    }

    private static String pointerText(Pointer pointer) {
        return pointer == null ? null : pointer.asString();
    }

    private static Pointer pointer(Pointer.Kind kind, JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : Pointer.parse(kind, text);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static String requiredText(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value;
    }

    private static Long longOrNull(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' must be an integer, got " + value);
        }
        return value.asLong();
    }

    private static void requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not " + what + ": expected a JSON object, got "
                    + (node == null ? "nothing" : node.getNodeType()));
        }
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String render(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not render state as JSON", e);
        }
    }
}
