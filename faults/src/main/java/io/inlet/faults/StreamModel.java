package io.inlet.faults;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The stream a fault run sends and the model of what one clean pass over it leaves in OpenSearch.
 *
 * <p>Messages are OpenSearch envelopes over {@code messages / 25} ids, generated from the seed one at a time
 * (the run never holds the payloads). A third of the ids start with a {@code create} and are then updated
 * with versioned {@code index} messages; the others get versioned {@code index} and {@code delete} messages
 * only. The versions of one id are distinct and arrive out of order, so a clean pass already refuses some
 * of them as stale. Every id lives in one partition. A few poison messages, each of a kind Inlet must
 * refuse with a known reason code, are spread over the stream.
 *
 * <p>The model keeps, per id, where each of its messages landed (a Kafka partition and offset, or a Kinesis
 * shard and sequence number: the pointer), in which order, its version and whether it deletes: enough to say
 * what the index must hold at the end and what the committed part of the stream implies ({@link #impliedBy}).
 * Messages of one id are applied in the order they landed: one partition or shard in pointer order, and a
 * Kinesis parent shard to its end before its children.
 */
final class StreamModel {

    /** One message to send: its key (the id), its Kafka partition (Kinesis hashes the id) and its payload. */
    record Message(String id, int partition, long seq, byte[] payload, Poison poison) {
    }

    /** A message Inlet must refuse: the reason code its dead letter carries. */
    record Poison(String reason) {
    }

    /** One message of an id, once it landed: where, its place in the landing order, what it does. */
    record Op(String partition, BigInteger pointer, long order, boolean delete, long version, long seq) {
    }

    /** What a pass over some of an id's messages leaves: a document, or a tombstone, with this version. */
    record Outcome(boolean exists, long version, long seq, long order) {
    }

    /** A poison message as it landed. */
    record Landed(String partition, BigInteger pointer, String reason) {

        /** How its dead letter names it: {@code partition@pointer}. */
        String at() {
            return partition + "@" + pointer;
        }
    }

    /** The five kinds of poison, each with the reason code Inlet gives it. {@code amount} is mapped as an integer. */
    private static final String[][] POISONS = {
        {"[{\"_id\":\"%s\"}]", "NOT_AN_OBJECT"},
        {"{\"_id\":\"%s\",\"_op_type\":\"index\"}", "MISSING_SOURCE"},
        {"{\"_id\":\"%s\",\"_version\":\"abc\",\"_source\":{\"amount\":1}}", "BAD_VERSION"},
        {"{\"_id\":\"%s\",\"_op_type\":\"upsert\",\"_source\":{\"amount\":2}}", "UNKNOWN_OP_TYPE"},
        {"{\"_id\":\"%s\",\"_source\":{\"amount\":\"many\"}}", "mapper_parsing_exception"},
    };

    /** The target index's mapping: {@code amount} typed, so a text amount is a mapping error. */
    static final String MAPPING = "{\"properties\":{\"amount\":{\"type\":\"integer\"},\"seq\":{\"type\":\"long\"}}}";

    private final long messages;
    private final int partitions;
    private final int ids;
    private final long poisonEvery;
    private final Random random;
    private final Map<String, Integer> count = new HashMap<>();
    private final Map<String, List<Op>> ops = new HashMap<>();
    private final List<Landed> poisons = new ArrayList<>();
    private final Map<String, BigInteger> lastLanded = new HashMap<>();
    private long generated;
    private long landedCount;
    private int poisonCount;

    StreamModel(long messages, int partitions, long seed) {
        this.messages = messages;
        this.partitions = partitions;
        this.ids = (int) Math.max(100, messages / 25);
        this.poisonEvery = Math.max(1_000, messages / 40);
        this.random = new Random(seed);
    }

    long messages() {
        return messages;
    }

    long generated() {
        return generated;
    }

    /** The next message of the stream. */
    Message next() {
        long seq = generated++;
        if (seq % poisonEvery == poisonEvery / 2) {
            String[] kind = POISONS[poisonCount % POISONS.length];
            String id = "poison-" + poisonCount++;
            return new Message(id, partitionOf(id), seq, String.format(kind[0], id).getBytes(StandardCharsets.UTF_8), new Poison(kind[1]));
        }
        String id = "doc-" + random.nextInt(ids);
        boolean created = Math.floorMod(id.hashCode(), 3) == 0;
        int n = count.merge(id, 1, Integer::sum);
        String json;
        if (created && n == 1) {
            json = "{\"_id\":\"" + id + "\",\"_op_type\":\"create\",\"_source\":" + source(id, seq) + "}";
        } else {
            // distinct per id (each n has its own window of 100), out of order across neighbouring n
            long version = 2 + n * 100L + random.nextInt(61) - 30 + (random.nextInt(4) == 0 ? -80 : 0);
            while (version <= 1) {
                version += 100; // above a create's version 1 (an equal version elsewhere is refused, as OpenSearch does)
            }
            if (!created && random.nextInt(5) == 0) {
                json = "{\"_id\":\"" + id + "\",\"_version\":\"" + version + "\",\"_op_type\":\"delete\"}";
            } else {
                json = "{\"_op_type\":\"index\",\"_version\":" + version + ",\"_id\":\"" + id + "\",\"_source\":" + source(id, seq) + "}";
            }
        }
        return new Message(id, partitionOf(id), seq, json.getBytes(StandardCharsets.UTF_8), null);
    }

    private String source(String id, long seq) {
        return "{\"customer\":{\"id\":\"" + id + "\",\"tier\":\"" + (random.nextBoolean() ? "gold" : "silver") + "\"},\"seq\":" + seq
                + ",\"amount\":" + random.nextInt(10_000) + ",\"note\":\"caf\u00e9 \u2713\"}";
    }

    int partitionOf(String id) {
        return Math.floorMod(id.hashCode(), partitions);
    }

    /** Records where a sent message landed; called in pointer order per partition or shard. */
    synchronized void landed(Message m, String partition, BigInteger pointer) {
        long order = landedCount++;
        lastLanded.merge(partition, pointer, BigInteger::max);
        if (m.poison() != null) {
            poisons.add(new Landed(partition, pointer, m.poison().reason()));
            return;
        }
        String text = new String(m.payload(), StandardCharsets.UTF_8);
        boolean delete = text.contains("\"_op_type\":\"delete\"");
        long version = text.contains("\"_op_type\":\"create\"") ? 1 : versionOf(text);
        ops.computeIfAbsent(m.id(), k -> new ArrayList<>()).add(new Op(partition, pointer, order, delete, version, m.seq()));
    }

    /** How many messages have landed. */
    synchronized long landed() {
        return landedCount;
    }

    /** Whether {@code committed} covers the last message landed in every partition or shard: all sent is committed. */
    synchronized boolean allCommitted(Committed committed) {
        return lastLanded.entrySet().stream().allMatch(e -> committed.covers(e.getKey(), e.getValue()));
    }

    /** How many of the landed messages {@code committed} covers. */
    synchronized long committedCount(Committed committed) {
        return ops.values().stream().flatMap(List::stream).filter(o -> committed.covers(o.partition(), o.pointer())).count()
                + poisons.stream().filter(p -> committed.covers(p.partition(), p.pointer())).count();
    }

    private static long versionOf(String json) {
        int at = json.indexOf("\"_version\":") + "\"_version\":".length();
        int from = json.charAt(at) == '"' ? at + 1 : at;
        int to = from;
        while (Character.isDigit(json.charAt(to))) {
            to++;
        }
        return Long.parseLong(json.substring(from, to));
    }

    /** Every id with its messages in the order they landed. */
    synchronized Map<String, List<Op>> ops() {
        ops.values().forEach(l -> l.sort(Comparator.comparingLong(Op::order)));
        return ops;
    }

    synchronized List<Landed> poisons() {
        return List.copyOf(poisons);
    }

    /**
     * What a clean pass over those of an id's messages {@code committed} covers leaves (null when it covers none):
     * a message applies when its version is above the stored one (a create has version 1 and is refused once the
     * id exists; an equal external version is refused), and a delete leaves a tombstone with its version.
     */
    static Outcome impliedBy(List<Op> idOps, Committed committed) {
        Outcome o = null;
        for (Op op : idOps) {
            if (!committed.covers(op.partition(), op.pointer())) {
                continue;
            }
            if (o == null || op.version() > o.version()) {
                o = new Outcome(!op.delete(), op.version(), op.seq(), op.order());
            }
        }
        return o;
    }
}
