package io.inlet.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
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
            model.landed(m, nextOffset.merge(m.partition(), 1L, Long::sum) - 1);
        }
    }

    /** The index one clean pass leaves: the model's own outcome for every id. */
    private Map<String, IndexSnapshot.Doc> cleanIndex() {
        Map<String, IndexSnapshot.Doc> index = new HashMap<>();
        model.ops().forEach((id, ops) -> {
            StreamModel.Outcome o = StreamModel.impliedBy(ops, Long.MAX_VALUE);
            if (o.exists()) {
                index.put(id, doc(o.version(), o.seq()));
            }
        });
        return index;
    }

    private Map<String, IndexSnapshot.Doc> deadLetters() {
        Map<String, IndexSnapshot.Doc> letters = new HashMap<>();
        for (StreamModel.Landed p : model.poisons()) {
            letters.put("faults-" + p.partition() + "-" + p.offset(), new IndexSnapshot.Doc(1, JSON.createObjectNode()
                    .put("partition", Integer.toString(p.partition())).put("pointer", Long.toString(p.offset())).put("reason", p.reason())));
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
        assertEquals(new Verdict.Ahead(List.of(), List.of()), Verdict.ahead(model, nextOffset, cleanIndex(), deadLetters()));
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
        assertEquals(List.of(), Verdict.ahead(model, Map.of(), empty, Map.of()).violations(), "nothing committed claims nothing");
        List<String> ahead = Verdict.ahead(model, nextOffset, empty, Map.of()).violations();
        assertTrue(ahead.size() > 100, "everything committed and nothing written: " + ahead.size());
        assertTrue(ahead.stream().anyMatch(a -> a.startsWith("poison")), "the dead letters are checked too");
    }

    @Test
    void anOlderVersionAcceptedAfterADeleteIsAForgottenTombstoneNotAnOffsetAhead() {
        model = new StreamModel(100_000, 4, 42);
        nextOffset.clear();
        while (model.generated() < model.messages()) {
            StreamModel.Message m = model.next();
            model.landed(m, nextOffset.merge(m.partition(), 1L, Long::sum) - 1);
        }
        // an id the stream ends with a delete for, with an older version arriving after that delete
        String id = null;
        StreamModel.Op late = null;
        for (Map.Entry<String, List<StreamModel.Op>> e : model.ops().entrySet()) {
            StreamModel.Outcome end = StreamModel.impliedBy(e.getValue(), Long.MAX_VALUE);
            if (!end.exists()) {
                for (StreamModel.Op o : e.getValue()) {
                    if (!o.delete() && o.seq() > end.seq() && o.version() < end.version()) {
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
        Verdict.Ahead ahead = Verdict.ahead(model, nextOffset, index, deadLetters());
        assertEquals(List.of(), ahead.violations());
        assertEquals(1, ahead.forgottenTombstones().size(), ahead.toString());

        // a version written before the delete is not explained by a forgotten delete: the delete itself is missing
        StreamModel.Outcome end = StreamModel.impliedBy(model.ops().get(id), Long.MAX_VALUE);
        StreamModel.Op early = model.ops().get(id).stream().filter(o -> !o.delete() && o.seq() < end.seq()).findFirst().orElseThrow();
        index.put(id, doc(early.version(), early.seq()));
        if (model.ops().get(id).stream().noneMatch(o -> !o.delete() && o.version() == early.version() && o.seq() > end.seq())) {
            assertEquals(1, Verdict.compare(model, index, deadLetters()).extra());
        }
    }
}
