package io.inlet.common.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Which dead letters a re-drive takes, from the body of {@code _redrive}:
 * <pre>{"reason": ["strict_dynamic_mapping_exception"], "from": "2026-12-05T10:00:00Z", "to": 1764930000000,
 *  "partition": ["0", "3"], "include_rejected": false}</pre>
 * Every field is optional; no body takes every entry not yet re-driven. {@code reason} is a reason code or a list of
 * them; {@code from} (inclusive) and {@code to} (exclusive) bound the time the entry was dead-lettered, as ISO-8601
 * or epoch milliseconds; {@code partition} (also spelled {@code shard}) lists Kafka partitions or Kinesis shard ids.
 * An entry already re-driven is never taken again when it was indexed, deleted or stale; one that was refused again
 * is taken again only with {@code include_rejected}.
 *
 * @param reasons         reason codes to take; empty: any
 * @param fromMillis      dead-lettered at or after, epoch milliseconds, or null
 * @param toMillis        dead-lettered before, epoch milliseconds, or null
 * @param partitions      partitions or shard ids to take; empty: any
 * @param includeRejected also take entries a previous re-drive left in the dead-letter index with a new reason
 */
public record RedriveSelection(List<String> reasons, Long fromMillis, Long toMillis, List<String> partitions,
                               boolean includeRejected) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("reason", "from", "to", "partition", "shard", "include_rejected");
    /** Outcomes after which an entry is finished with for good. */
    static final List<String> FINISHED = List.of(RedriveResult.INDEXED.label(), RedriveResult.DELETED.label(),
            RedriveResult.STALE.label());

    public RedriveSelection {
        reasons = List.copyOf(reasons);
        partitions = List.copyOf(partitions);
        if (fromMillis != null && toMillis != null && fromMillis >= toMillis) {
            throw new IllegalArgumentException("from (" + Instant.ofEpochMilli(fromMillis) + ") must be before to ("
                    + Instant.ofEpochMilli(toMillis) + ")");
        }
    }

    /** Every entry not yet re-driven. */
    public static RedriveSelection all() {
        return new RedriveSelection(List.of(), null, null, List.of(), false);
    }

    /**
     * The selection a request body asks for; a missing or empty body is {@link #all()}.
     *
     * @throws IllegalArgumentException naming the field that is wrong and what it takes
     */
    public static RedriveSelection parse(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            return all();
        }
        if (!body.isObject()) {
            throw new IllegalArgumentException("the re-drive body must be a JSON object, e.g. {\"reason\":"
                    + "[\"mapper_parsing_exception\"]}; got " + body.getNodeType());
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field '" + f + "' in the re-drive body: use reason, from, to,"
                        + " partition (or shard) and include_rejected");
            }
        }
        if (body.has("partition") && body.has("shard")) {
            throw new IllegalArgumentException("give either partition or shard, not both (they are the same selection)");
        }
        JsonNode inc = body.path("include_rejected");
        if (!inc.isMissingNode() && !inc.isBoolean()) {
            throw new IllegalArgumentException("include_rejected must be true or false, not " + inc);
        }
        return new RedriveSelection(texts(body, "reason"), time(body, "from"), time(body, "to"),
                texts(body, body.has("shard") ? "shard" : "partition"), inc.asBoolean(false));
    }

    private static List<String> texts(JsonNode body, String field) {
        JsonNode n = body.path(field);
        List<String> out = new ArrayList<>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (n.isTextual() || n.isIntegralNumber()) {
            out.add(n.asText());
            return out;
        }
        if (n.isArray()) {
            for (JsonNode v : n) {
                if (!(v.isTextual() || v.isIntegralNumber()) || v.asText().isBlank()) {
                    throw new IllegalArgumentException(field + " must list non-empty strings, got " + v);
                }
                out.add(v.asText());
            }
            return out;
        }
        throw new IllegalArgumentException(field + " must be a string or a list of strings, got " + n);
    }

    private static Long time(JsonNode body, String field) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return Instant.parse(n.asText()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + " must be an ISO-8601 instant such as 2026-12-05T10:00:00Z"
                        + " or epoch milliseconds, got \"" + n.asText() + "\"");
            }
        }
        throw new IllegalArgumentException(field + " must be an ISO-8601 instant or epoch milliseconds, got " + n);
    }

    /** The selection as the body that asks for it, kept in the ledger so that a resumed re-drive takes the same. */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        if (!reasons.isEmpty()) {
            reasons.forEach(o.putArray("reason")::add);
        }
        if (fromMillis != null) {
            o.put("from", fromMillis);
        }
        if (toMillis != null) {
            o.put("to", toMillis);
        }
        if (!partitions.isEmpty()) {
            partitions.forEach(o.putArray("partition")::add);
        }
        o.put("include_rejected", includeRejected);
        return o;
    }

    /**
     * The OpenSearch query for the entries still to do in a run that started at {@code runStartedAt}: selected, of
     * one of {@code streams} (empty: any), not finished by an earlier re-drive, and not already done by this run.
     */
    ObjectNode query(List<String> streams, long runStartedAt) {
        ObjectNode bool = JSON.createObjectNode();
        ArrayNode filter = bool.putArray("filter");
        if (!reasons.isEmpty()) {
            terms(filter.addObject(), "reason", reasons);
        }
        if (!partitions.isEmpty()) {
            terms(filter.addObject(), "partition", partitions);
        }
        if (!streams.isEmpty()) {
            terms(filter.addObject(), "stream", streams);
        }
        if (fromMillis != null || toMillis != null) {
            ObjectNode range = filter.addObject().putObject("range").putObject("timestamp");
            if (fromMillis != null) {
                range.put("gte", fromMillis);
            }
            if (toMillis != null) {
                range.put("lt", toMillis);
            }
        }
        ArrayNode mustNot = bool.putArray("must_not");
        terms(mustNot.addObject(), "redrive_result", FINISHED);
        if (includeRejected) {
            mustNot.addObject().putObject("range").putObject("redriven_at").put("gte", runStartedAt);
        } else {
            mustNot.addObject().putObject("exists").put("field", "redriven_at");
        }
        ObjectNode q = JSON.createObjectNode();
        q.set("bool", bool);
        return q;
    }

    private static void terms(ObjectNode into, String field, List<String> values) {
        ArrayNode a = into.putObject("terms").putArray(field);
        values.forEach(a::add);
    }
}
