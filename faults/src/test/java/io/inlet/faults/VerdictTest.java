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
        assertEquals(List.of(), Verdict.ahead(model, nextOffset, cleanIndex(), deadLetters()));
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
        assertEquals(List.of(), Verdict.ahead(model, Map.of(), empty, Map.of()), "nothing committed claims nothing");
        List<String> ahead = Verdict.ahead(model, nextOffset, empty, Map.of());
        assertTrue(ahead.size() > 100, "everything committed and nothing written: " + ahead.size());
        assertTrue(ahead.stream().anyMatch(a -> a.startsWith("poison")), "the dead letters are checked too");
    }
}
