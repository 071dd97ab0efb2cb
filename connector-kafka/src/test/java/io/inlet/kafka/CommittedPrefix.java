package io.inlet.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.it.IndexReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Checks that committed offsets are never ahead of OpenSearch: every message before a partition's
 * committed offset must already be reflected in the index.
 *
 * <p>For each id, the messages before the committed offset of its partition (all of an id's messages are
 * in one partition: records are keyed by id) are run through the model a single clean pass follows:
 * a message applies when its version is above the stored one (a {@code create} has version 1 and is
 * refused once the id exists; an equal external version is refused, 409), and a delete leaves a
 * tombstone with its version. That gives the version the committed prefix implies. The index must then
 * hold, for that id, a document with at least that version (more: later messages may be written too,
 * in any order across ids), or no document because a later delete, with a higher version than the
 * prefix's, was written already. Anything else means an offset was committed before its write.
 */
final class CommittedPrefix {

    /** One message of the topic, as the check needs it. */
    record Op(int partition, long offset, boolean delete, long version) {
    }

    /** What the prefix leaves for an id: a document (or a tombstone) with this version. */
    private record Model(boolean exists, long version) {
    }

    /** The outcome of one check: how many ids the committed prefix covers, and the ids it found ahead of the index. */
    record Result(int idsChecked, List<String> violations) {
    }

    private final Map<String, List<Op>> byId = new HashMap<>();

    private CommittedPrefix() {
    }

    /** Indexes the topic's records (envelopes) by id, each id's messages in offset order. */
    static CommittedPrefix of(List<ConsumerRecord<byte[], byte[]>> records) {
        CommittedPrefix c = new CommittedPrefix();
        List<ConsumerRecord<byte[], byte[]>> sorted = new ArrayList<>(records);
        sorted.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        for (ConsumerRecord<byte[], byte[]> r : sorted) {
            JsonNode n;
            try {
                n = ConnectTestSupport.JSON.readTree(r.value());
            } catch (IOException e) {
                throw new UncheckedIOException("record " + r.partition() + "@" + r.offset() + " is not JSON", e);
            }
            String op = n.path("_op_type").asText("index");
            long version = op.equals("create") ? 1 : Long.parseLong(n.path("_version").asText());
            c.byId.computeIfAbsent(n.path("_id").asText(), k -> new ArrayList<>())
                    .add(new Op(r.partition(), r.offset(), op.equals("delete"), version));
        }
        return c;
    }

    /** Ids whose document in {@code index} is behind what the committed offsets claim is written. */
    Result check(Map<Integer, Long> committed, Map<String, IndexReader.Doc> index) {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, List<Op>> e : byId.entrySet()) {
            List<Op> ops = e.getValue();
            long upTo = committed.getOrDefault(ops.get(0).partition(), 0L);
            Model m = prefix(ops, upTo);
            if (m == null) {
                continue;
            }
            checked++;
            IndexReader.Doc d = index.get(e.getKey());
            if (d != null) {
                boolean known = ops.stream().anyMatch(o -> !o.delete() && o.version() == d.version());
                if (d.version() < m.version() || (!m.exists() && d.version() == m.version()) || !known) {
                    violations.add(e.getKey() + ": committed prefix (offset < " + upTo + ") implies "
                            + describe(m) + ", index has version " + d.version());
                }
            } else if (m.exists()) {
                boolean laterDelete = ops.stream().anyMatch(o -> o.offset() >= upTo && o.delete() && o.version() > m.version());
                if (!laterDelete) {
                    violations.add(e.getKey() + ": committed prefix (offset < " + upTo + ") implies " + describe(m)
                            + ", index has no document and no later delete explains it");
                }
            }
        }
        return new Result(checked, violations);
    }

    /** The model applied to the messages of one id before offset {@code upTo}; null when there are none. */
    private static Model prefix(List<Op> ops, long upTo) {
        Model m = null;
        for (Op o : ops) {
            if (o.offset() >= upTo) {
                break;
            }
            if (m == null || o.version() > m.version()) {
                m = new Model(!o.delete(), o.version());
            }
        }
        return m;
    }

    private static String describe(Model m) {
        return (m.exists() ? "a document" : "a tombstone") + " at version >= " + m.version();
    }
}
