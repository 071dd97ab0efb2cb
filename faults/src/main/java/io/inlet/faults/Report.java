package io.inlet.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A fault run written as {@code <name>.md} (for people) and {@code <name>.json} (the same figures, for tools). */
final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Per fault kind: how many, and the median and max of the fault's length and of the time to recover. */
    record KindFigures(FaultKind kind, int injected, double faultMedian, double faultMax, double recoverMedian, double recoverMax) {
    }

    private Report() {
    }

    static List<KindFigures> byKind(FaultRun.Result r) {
        List<KindFigures> out = new ArrayList<>();
        for (FaultKind k : r.kinds()) {
            List<Double> fault = new ArrayList<>();
            List<Double> recover = new ArrayList<>();
            r.faults().stream().filter(f -> f.kind() == k).forEach(f -> {
                fault.add(f.faultSeconds());
                recover.add(f.recoverSeconds());
            });
            out.add(new KindFigures(k, fault.size(), median(fault), max(fault), median(recover), max(recover)));
        }
        return out;
    }

    /** Messages written more than once: OpenSearch's write count beyond one write per acceptable message. */
    static long reapplied(FaultRun.Result r) {
        return Math.max(0, r.writesCounted() - (r.messagesSent() - r.poisonMessages()));
    }

    static int violations(FaultRun.Result r) {
        return r.checkpoints().stream().mapToInt(FaultRun.Checkpoint::violations).sum();
    }

    static int forgottenTombstones(FaultRun.Result r) {
        return r.checkpoints().stream().mapToInt(FaultRun.Checkpoint::forgottenTombstones).sum();
    }

    /**
     * Whether the run shows what it must: no failure, nothing lost, extra or wrong, no offset ahead of the index.
     * Documents resurrected because OpenSearch forgot a delete's tombstone are reported, not counted here: Inlet wrote
     * in order and OpenSearch accepted the older version (the README's delivery section says when).
     */
    static boolean passed(FaultRun.Result r) {
        return r.failure() == null && r.verdict().clean() && violations(r) == 0;
    }

    static void write(FaultRun.Result r, String source, Path md, Path json) throws IOException {
        Files.createDirectories(md.toAbsolutePath().getParent());
        Files.writeString(md, markdown(r, source));
        Files.writeString(json, JSON.writeValueAsString(json(r, source)));
    }

    static String markdown(FaultRun.Result r, String source) {
        FaultRun.Options o = r.options();
        Verdict v = r.verdict();
        StringBuilder b = new StringBuilder();
        b.append("# Fault run: ").append(source).append(passed(r) ? " (passed)" : " (FAILED)").append("\n\n");
        b.append(String.format(Locale.ROOT, "%,d messages over %d %s (%,d poison), %d faults in %.0f s; seed %d.%n%n",
                r.messagesSent(), o.partitions(), source.equals("kinesis") ? "shards at the start" : "partitions", r.poisonMessages(),
                r.faults().size(), r.seconds(), o.seed()));
        b.append("Reproduce: `").append(o.command()).append("`\n\n");
        if (r.failure() != null) {
            b.append("**The run stopped early:** ").append(r.failure()).append("\n\n");
        }
        b.append("## Outcome\n\n| | count |\n|---|---:|\n");
        row(b, "documents the model expects", v.expectedDocs());
        row(b, "**lost**", v.lost());
        row(b, "**extra**", v.extra());
        row(b, "**wrong versions**", v.wrong());
        row(b, "resurrected: deleted, then an older version that came later accepted because OpenSearch forgot the delete", v.resurrected());
        row(b, "poison messages without their dead letter", v.deadLettersMissing());
        row(b, "dead letters with a wrong reason, or for no poison message", v.deadLettersWrong());
        String committed = source.equals("kinesis") ? "lease checkpoints" : "committed offsets";
        row(b, "checkpoints (" + committed + " compared with the index)", r.checkpoints().size());
        row(b, "ids the " + committed + " were ahead of the index for (summed over checkpoints)", violations(r));
        row(b, "ids OpenSearch had forgotten the delete of (summed over checkpoints)", forgottenTombstones(r));
        row(b, "write operations OpenSearch counted (lower bound)", r.writesCounted());
        row(b, "messages written more than once (approximate)", reapplied(r));
        row(b, "requests the proxy answered 429", r.answered429());
        row(b, "connections the proxy reset", r.connectionsReset());
        if (!v.examples().isEmpty()) {
            b.append("\nFirst differences:\n\n");
            v.examples().forEach(e -> b.append("- ").append(e).append('\n'));
        }
        r.checkpoints().stream().filter(c -> c.violations() > 0).forEach(c -> {
            b.append("\nCheckpoint after fault ").append(c.afterFault()).append(": ").append(c.violations()).append(" ids ahead, e.g.\n\n");
            c.examples().forEach(e -> b.append("- ").append(e).append('\n'));
        });
        if (forgottenTombstones(r) > 0) {
            b.append("\nForgotten deletes: OpenSearch keeps delete tombstones in memory only, so after it restarted it accepted an"
                    + " older version of a deleted document that arrived later (a newer version or delete later in the stream puts the"
                    + " document right again). Inlet wrote the delete, then the older version, in stream order. First seen after fault "
                    + r.checkpoints().stream().filter(c -> c.forgottenTombstones() > 0).findFirst().orElseThrow().afterFault() + ", e.g.\n\n");
            r.checkpoints().stream().filter(c -> c.forgottenTombstones() > 0).findFirst().orElseThrow().forgottenExamples()
                    .forEach(e -> b.append("- ").append(e).append('\n'));
        }
        b.append("\n## Faults\n\nTime to recover: from the end of the fault (restart, thaw, lift) until every message sent so far is"
                + " committed; 0 when the pipeline caught up before the fault ended.\n\n");
        b.append("| fault | injected | lasted, median (max) s | recovered, median (max) s | what it does |\n|---|---:|---:|---:|---|\n");
        for (KindFigures k : byKind(r)) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %.1f (%.1f) | %.1f (%.1f) | %s |%n", k.kind().label(), k.injected(),
                    k.faultMedian(), k.faultMax(), k.recoverMedian(), k.recoverMax(), k.kind().description()));
        }
        b.append("\n<details><summary>Every fault in order</summary>\n\n| # | at s | fault | detail | lasted s | recovered s |\n"
                + "|---:|---:|---|---|---:|---:|\n");
        for (FaultRun.Injected f : r.faults()) {
            b.append(String.format(Locale.ROOT, "| %d | %.0f | %s | %s | %.1f | %.1f |%n", f.number(), f.atSeconds(), f.kind().label(),
                    f.detail(), f.faultSeconds(), f.recoverSeconds()));
        }
        b.append("\n</details>\n");
        return b.toString();
    }

    private static ObjectNode json(FaultRun.Result r, String source) {
        ObjectNode n = JSON.createObjectNode();
        n.put("source", source);
        n.put("passed", passed(r));
        FaultRun.Options o = r.options();
        ObjectNode options = n.putObject("options");
        options.put("messages", o.messages());
        options.put("partitions", o.partitions());
        options.put("seed", o.seed());
        options.put("kills", o.kills());
        options.put("per_kind", o.perKind());
        options.put("hold_seconds", o.hold().toSeconds());
        options.put("freeze_seconds", o.freeze().toSeconds());
        options.put("deadline_minutes", o.deadline().toMinutes());
        options.put("command", o.command());
        n.put("messages", r.messagesSent());
        n.put("poison_messages", r.poisonMessages());
        n.put("seconds", r.seconds());
        n.put("failure", r.failure());
        n.put("lost", r.verdict().lost());
        n.put("extra", r.verdict().extra());
        n.put("wrong_versions", r.verdict().wrong());
        n.put("resurrected_after_forgotten_delete", r.verdict().resurrected());
        n.put("forgotten_deletes_at_checkpoints", forgottenTombstones(r));
        n.put("dead_letters_missing", r.verdict().deadLettersMissing());
        n.put("dead_letters_wrong", r.verdict().deadLettersWrong());
        n.put("checkpoints", r.checkpoints().size());
        n.put("offsets_ahead_of_index", violations(r));
        n.put("writes_counted", r.writesCounted());
        n.put("reapplied_approx", reapplied(r));
        n.put("answered_429", r.answered429());
        n.put("connections_reset", r.connectionsReset());
        ArrayNode kinds = n.putArray("by_kind");
        byKind(r).forEach(k -> kinds.add(JSON.valueToTree(k)));
        n.set("faults", JSON.valueToTree(r.faults()));
        n.set("examples", JSON.valueToTree(r.verdict().examples()));
        return n;
    }

    private static void row(StringBuilder b, String what, long n) {
        b.append(String.format(Locale.ROOT, "| %s | %,d |%n", what, n));
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) {
            return 0;
        }
        List<Double> s = new ArrayList<>(v);
        s.sort(Double::compare);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
