package io.inlet.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The index and the dead letters compared with the model of the stream.
 *
 * <ul>
 *   <li><b>lost</b>: the model ends with a document and the index has none;</li>
 *   <li><b>extra</b>: the index has a document the model does not (a delete not applied, a poison message
 *       written, an id never sent);</li>
 *   <li><b>wrong</b>: both have the document, with another {@code _version} or another message's source
 *       ({@code seq});</li>
 *   <li>dead letters: every poison message in the dead-letter index with its reason code, and no other;</li>
 *   <li><b>resurrected</b>, counted apart from extra: the model ends with a delete at version V and the index has
 *       the document at a lower version written by a message that came <em>after</em> the delete. OpenSearch keeps
 *       delete tombstones in memory only: after a restart of the node holding the shard it no longer knows the
 *       delete, and accepts the older version. Inlet wrote both in order; the refusal it relies on is gone.</li>
 * </ul>
 *
 * <p>{@link #ahead} is the check made at every checkpoint of a run: committed offsets and checkpoints never
 * ahead of what the index holds.
 */
record Verdict(long expectedDocs, long lost, long extra, long wrong, long resurrected, long deadLettersMissing,
               long deadLettersWrong, List<String> examples) {

    /** What a checkpoint found: ids ahead of the index, and deletes OpenSearch forgot (see {@link Verdict}). */
    record Ahead(List<String> violations, List<String> forgottenTombstones) {
    }

    private static final int EXAMPLES = 10;

    boolean clean() {
        return lost == 0 && extra == 0 && wrong == 0 && deadLettersMissing == 0 && deadLettersWrong == 0;
    }

    static Verdict compare(StreamModel model, Map<String, IndexSnapshot.Doc> index, Map<String, IndexSnapshot.Doc> deadLetters) {
        long expected = 0;
        long lost = 0;
        long extra = 0;
        long wrong = 0;
        long resurrected = 0;
        List<String> examples = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, List<StreamModel.Op>> e : model.ops().entrySet()) {
            String id = e.getKey();
            seen.add(id);
            StreamModel.Outcome want = StreamModel.impliedBy(e.getValue(), Committed.ALL);
            IndexSnapshot.Doc got = index.get(id);
            if (want.exists()) {
                expected++;
            }
            if (want.exists() && got == null) {
                lost++;
                example(examples, "lost " + id + ": expected version " + want.version());
            } else if (!want.exists() && got != null && writtenAfter(e.getValue(), want, got)) {
                resurrected++;
                example(examples, "resurrected " + id + ": deleted at version " + want.version() + ", then an older version "
                        + got.version() + " that came after the delete was accepted (the tombstone was forgotten)");
            } else if (!want.exists() && got != null) {
                extra++;
                example(examples, "extra " + id + ": deleted at version " + want.version() + ", index has version " + got.version());
            } else if (got != null && (got.version() != want.version() || got.source().path("seq").asLong(-1) != want.seq())) {
                wrong++;
                example(examples, "wrong " + id + ": expected version " + want.version() + " (seq " + want.seq() + "), index has "
                        + got.version() + " (seq " + got.source().path("seq").asLong(-1) + ")");
            }
        }
        for (String id : index.keySet()) {
            if (!seen.contains(id)) {
                extra++;
                example(examples, "extra " + id + ": never an acceptable message of the stream");
            }
        }
        Map<String, String> letters = new HashMap<>();
        deadLetters.values().forEach(d -> letters.put(at(d), d.source().path("reason").asText()));
        long missing = 0;
        long wrongReason = 0;
        for (StreamModel.Landed p : model.poisons()) {
            String reason = letters.remove(p.at());
            if (reason == null) {
                missing++;
                example(examples, "no dead letter for the poison message at " + p.at());
            } else if (!reason.equals(p.reason())) {
                wrongReason++;
                example(examples, "dead letter " + p.at() + " has reason " + reason + ", expected " + p.reason());
            }
        }
        wrongReason += letters.size();
        letters.forEach((at, reason) -> example(examples, "dead letter " + at + " (" + reason + ") for a message that is not poison"));
        return new Verdict(expected, lost, extra, wrong, resurrected, missing, wrongReason, examples);
    }

    /** A dead letter's {@code partition@pointer}. */
    private static String at(IndexSnapshot.Doc deadLetter) {
        return deadLetter.source().path("partition").asText() + "@" + deadLetter.source().path("pointer").asText();
    }

    /** Whether the stored version is a non-delete message that came after {@code delete} (an older version, arriving late). */
    private static boolean writtenAfter(List<StreamModel.Op> ops, StreamModel.Outcome delete, IndexSnapshot.Doc got) {
        return got.version() < delete.version()
                && ops.stream().anyMatch(o -> !o.delete() && o.version() == got.version() && o.order() > delete.order());
    }

    /**
     * Ids for which the committed offsets or checkpoints claim more than the index holds: every message they cover
     * must already be reflected, so the index holds the version that prefix implies or a
     * later one, or no document because a later delete (with a higher version) was written already; and every
     * poison message they cover has its dead letter. A document that is there only because
     * OpenSearch forgot a delete (an older version that came after the delete, accepted) is not an offset ahead of
     * the index: it is listed apart.
     */
    static Ahead ahead(StreamModel model, Committed committed, Map<String, IndexSnapshot.Doc> index,
                       Map<String, IndexSnapshot.Doc> deadLetters) {
        List<String> violations = new ArrayList<>();
        List<String> forgotten = new ArrayList<>();
        for (Map.Entry<String, List<StreamModel.Op>> e : model.ops().entrySet()) {
            StreamModel.Outcome implied = StreamModel.impliedBy(e.getValue(), committed);
            if (implied == null) {
                continue;
            }
            IndexSnapshot.Doc d = index.get(e.getKey());
            boolean ok;
            if (d != null) {
                boolean known = e.getValue().stream().anyMatch(o -> !o.delete() && o.version() == d.version());
                ok = known && d.version() >= implied.version() && !(!implied.exists() && d.version() == implied.version());
            } else {
                ok = !implied.exists() || e.getValue().stream()
                        .anyMatch(o -> !committed.covers(o.partition(), o.pointer()) && o.delete() && o.version() > implied.version());
            }
            if (!ok && !implied.exists() && d != null && writtenAfter(e.getValue(), implied, d)) {
                forgotten.add(e.getKey() + ": deleted at version " + implied.version() + ", then version " + d.version()
                        + ", which came after the delete, was accepted");
            } else if (!ok) {
                violations.add(e.getKey() + ": the committed messages imply " + (implied.exists() ? "a document" : "a tombstone")
                        + " at version >= " + implied.version() + ", index has " + (d == null ? "none" : "version " + d.version()));
            }
        }
        Set<String> letters = new HashSet<>();
        deadLetters.values().forEach(d -> letters.add(at(d)));
        for (StreamModel.Landed p : model.poisons()) {
            if (committed.covers(p.partition(), p.pointer()) && !letters.contains(p.at())) {
                violations.add("poison " + p.at() + " is committed and has no dead letter");
            }
        }
        return new Ahead(violations, forgotten);
    }

    private static void example(List<String> examples, String line) {
        if (examples.size() < EXAMPLES) {
            examples.add(line);
        }
    }
}
