package io.inlet.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model and the comparisons a fault run's figures rest on, on a small stream and hand-made index snapshots. */
class VerdictTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamModel model;
    private final Map<Integer, Long> nextOffset = new HashMap<>();

    @BeforeEach
    void sendTheStream() {
        model = new StreamModel(5_000, 4, 42);
        while (model.generated() < model.messages()) {
            StreamModel.Message m = model.next();
            model.landed(m, Integer.toString(m.partition()), BigInteger.valueOf(nextOffset.merge(m.partition(), 1L, Long::sum) - 1));
        }
    }

    /** The index one clean pass leaves: the model's own outcome for every id. */
    private Map<String, IndexSnapshot.Doc> cleanIndex() {
        Map<String, IndexSnapshot.Doc> index = new HashMap<>();
        model.ops().forEach((id, ops) -> {
            StreamModel.Outcome o = StreamModel.impliedBy(ops, Committed.ALL);
            if (o.exists()) {
                index.put(id, doc(o.version(), o.seq()));
            }
        });
        return index;
    }

    private Map<String, IndexSnapshot.Doc> deadLetters() {
        Map<String, IndexSnapshot.Doc> letters = new HashMap<>();
        for (StreamModel.Landed p : model.poisons()) {
            letters.put("faults-" + p.partition() + "-" + p.pointer(), new IndexSnapshot.Doc(1, JSON.createObjectNode()
                    .put("partition", p.partition()).put("pointer", p.pointer().toString()).put("reason", p.reason())));
        }
        return letters;
    }

    private static IndexSnapshot.Doc doc(long version, long seq) {
        return new IndexSnapshot.Doc(version, JSON.createObjectNode().put("seq", seq));
    }

    @Test
    void theStreamHasEveryKindOfMessage() {
        long deletes = model.ops().values().stream().flatMap(List::stream).filter(StreamModel.Op::delete).count();
        long creates = model.ops().values().stream().flatMap(List::stream).filter(o -> o.version() == 1).count();
        assertTrue(deletes > 100, "deletes: " + deletes);
        assertTrue(creates > 50, "creates: " + creates);
        assertEquals(5, model.poisons().size(), model.poisons().toString());
        assertEquals(5, model.poisons().stream().map(StreamModel.Landed::reason).distinct().count());
        long stale = model.ops().values().stream().filter(ops -> {
            for (int i = 1; i < ops.size(); i++) {
                if (ops.get(i).version() < ops.get(i - 1).version()) {
                    return true;
                }
            }
            return false;
        }).count();
        assertTrue(stale > 50, "ids with a version arriving after a higher one: " + stale);
    }

    @Test
    void aCleanIndexIsClean() {
        Verdict v = Verdict.compare(model, cleanIndex(), deadLetters());
        assertTrue(v.clean(), v.toString());
        assertTrue(v.expectedDocs() > 100);
        assertEquals(new Verdict.Ahead(List.of(), List.of()), Verdict.ahead(model, Committed.offsets(nextOffset), cleanIndex(), deadLetters()));
    }

    @Test
    void lostExtraWrongAndDeadLettersAreCounted() {
        Map<String, IndexSnapshot.Doc> index = cleanIndex();
        String[] ids = index.keySet().stream().sorted().limit(2).toArray(String[]::new);
        index.remove(ids[0]);
        IndexSnapshot.Doc d = index.get(ids[1]);
        index.put(ids[1], doc(d.version() - 1, d.source().path("seq").asLong()));
        index.put("poison-0", doc(1, 0));
        Map<String, IndexSnapshot.Doc> letters = deadLetters();
        letters.remove(letters.keySet().iterator().next());

        Verdict v = Verdict.compare(model, index, letters);
        assertFalse(v.clean());
        assertEquals(1, v.lost(), v.toString());
        assertEquals(1, v.wrong(), v.toString());
        assertEquals(1, v.extra(), v.toString());
        assertEquals(1, v.deadLettersMissing(), v.toString());
    }

    @Test
    void offsetsAheadOfTheIndexAreFound() {
        Map<String, IndexSnapshot.Doc> empty = Map.of();
        assertEquals(List.of(), Verdict.ahead(model, Committed.offsets(Map.of()), empty, Map.of()).violations(), "nothing committed claims nothing");
        List<String> ahead = Verdict.ahead(model, Committed.offsets(nextOffset), empty, Map.of()).violations();
        assertTrue(ahead.size() > 100, "everything committed and nothing written: " + ahead.size());
        assertTrue(ahead.stream().anyMatch(a -> a.startsWith("poison")), "the dead letters are checked too");
    }

    @Test
    void anOlderVersionAcceptedAfterADeleteIsAForgottenTombstoneNotAnOffsetAhead() {
        model = new StreamModel(100_000, 4, 42);
        nextOffset.clear();
        while (model.generated() < model.messages()) {
            StreamModel.Message m = model.next();
            model.landed(m, Integer.toString(m.partition()), BigInteger.valueOf(nextOffset.merge(m.partition(), 1L, Long::sum) - 1));
        }
        // an id the stream ends with a delete for, with an older version arriving after that delete
        String id = null;
        StreamModel.Op late = null;
        for (Map.Entry<String, List<StreamModel.Op>> e : model.ops().entrySet()) {
            StreamModel.Outcome end = StreamModel.impliedBy(e.getValue(), Committed.ALL);
            if (!end.exists()) {
                for (StreamModel.Op o : e.getValue()) {
                    if (!o.delete() && o.order() > end.order() && o.version() < end.version()) {
                        id = e.getKey();
                        late = o;
                    }
                }
            }
        }
        assertTrue(id != null, "the stream has a late older version after a final delete");
        Map<String, IndexSnapshot.Doc> index = cleanIndex();
        index.put(id, doc(late.version(), late.seq()));

        Verdict v = Verdict.compare(model, index, deadLetters());
        assertEquals(1, v.resurrected(), v.toString());
        assertEquals(0, v.extra(), v.toString());
        Verdict.Ahead ahead = Verdict.ahead(model, Committed.offsets(nextOffset), index, deadLetters());
        assertEquals(List.of(), ahead.violations());
        assertEquals(1, ahead.forgottenTombstones().size(), ahead.toString());

        // a version written before the delete is not explained by a forgotten delete: the delete itself is missing
        StreamModel.Outcome end = StreamModel.impliedBy(model.ops().get(id), Committed.ALL);
        StreamModel.Op early = model.ops().get(id).stream().filter(o -> !o.delete() && o.order() < end.order()).findFirst().orElseThrow();
        index.put(id, doc(early.version(), early.seq()));
        if (model.ops().get(id).stream().noneMatch(o -> !o.delete() && o.version() == early.version() && o.order() > end.order())) {
            assertEquals(1, Verdict.compare(model, index, deadLetters()).extra());
        }
    }

    @Test
    void kinesisCheckpointsCoverTheirRecordAndThoseBeforeItAndShardEndCoversAll() {
        Committed c = Committed.checkpoints(Map.of("shardId-000000000000", "49590338271490256608559692538361571095921575989136588898",
                "shardId-000000000001", "SHARD_END", "shardId-000000000002", "TRIM_HORIZON"));
        BigInteger at = new BigInteger("49590338271490256608559692538361571095921575989136588898");
        assertTrue(c.covers("shardId-000000000000", at), "the checkpointed record itself");
        assertTrue(c.covers("shardId-000000000000", at.subtract(BigInteger.ONE)));
        assertFalse(c.covers("shardId-000000000000", at.add(BigInteger.ONE)));
        assertTrue(c.covers("shardId-000000000001", at.multiply(BigInteger.TEN)), "a shard read to its end");
        assertFalse(c.covers("shardId-000000000002", BigInteger.ONE), "nothing read yet");
        assertFalse(c.covers("shardId-000000000003", BigInteger.ONE), "no lease yet");
    }

    @Test
    void messagesOfAnIdThatMovedToAChildShardApplyAfterTheParentsAndAreCommittedByTheirOwnShard() {
        // one id, versions 5 and 3 in the parent shard, then 4 and 9 in a child (after a split): the parent first
        model = new StreamModel(100, 1, 7);
        StreamModel.Message m = new StreamModel.Message("doc-x", 0, 0, null, null);
        String[] shards = {"shardId-0", "shardId-0", "shardId-1", "shardId-1"};
        long[] versions = {5, 3, 4, 9};
        for (int i = 0; i < 4; i++) {
            byte[] json = ("{\"_id\":\"doc-x\",\"_version\":" + versions[i] + ",\"_source\":{\"seq\":" + i + "}}").getBytes();
            model.landed(new StreamModel.Message("doc-x", 0, i, json, null), shards[i], BigInteger.valueOf(100 + i % 2));
        }
        List<StreamModel.Op> ops = model.ops().get(m.id());
        assertEquals(new StreamModel.Outcome(true, 9, 3, 3), StreamModel.impliedBy(ops, Committed.ALL));
        Committed parentOnly = Committed.checkpoints(Map.of("shardId-0", "SHARD_END", "shardId-1", "TRIM_HORIZON"));
        assertEquals(new StreamModel.Outcome(true, 5, 0, 0), StreamModel.impliedBy(ops, parentOnly));
        assertTrue(model.allCommitted(Committed.checkpoints(Map.of("shardId-0", "SHARD_END", "shardId-1", "101"))));
        assertFalse(model.allCommitted(Committed.checkpoints(Map.of("shardId-0", "SHARD_END", "shardId-1", "100"))));
        assertEquals(3, model.committedCount(Committed.checkpoints(Map.of("shardId-0", "SHARD_END", "shardId-1", "100"))));
        // the index at version 5 with the child's messages committed is behind: ahead of the index
        Map<String, IndexSnapshot.Doc> index = Map.of("doc-x", doc(5, 0));
        assertEquals(1, Verdict.ahead(model, Committed.ALL, index, Map.of()).violations().size());
        assertEquals(List.of(), Verdict.ahead(model, parentOnly, index, Map.of()).violations());
    }
}
