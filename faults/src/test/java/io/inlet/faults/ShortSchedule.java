package io.inlet.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The short seeded schedule the fault ITs run on a stack: a few tens of thousands of messages and one fault of every
 * kind the stack has, each while messages are in flight, and what a user would check of the report.
 */
final class ShortSchedule {

    private ShortSchedule() {
    }

    /** The seed: {@code -Dinlet.faults.seed=<n>} replays a run. */
    static long seed() {
        return Long.getLong("inlet.faults.seed", System.currentTimeMillis());
    }

    static FaultRun.Result run(FaultStack stack, long messages, long seed, String it) {
        FaultRun.Options options = new FaultRun.Options(messages, 4, seed, 1, 1, Duration.ofSeconds(3), Duration.ofSeconds(3),
                Duration.ofMinutes(6), "mvn verify -pl faults -Dit.test=" + it + " -Dinlet.faults.seed=" + seed);
        FaultRun.Result r = new FaultRun(stack, options, System.out).run();
        System.out.println(Report.markdown(r, stack.source()));
        return r;
    }

    /**
     * Every kind injected once; at every checkpoint the committed offsets or checkpoints not ahead of the index; at
     * the end the index equal to the model (nothing lost, extra or wrong) and every poison message in the
     * dead-letter index with its reason; the report written and saying so.
     */
    static void assertLosesNothing(FaultRun.Result r, int kinds, String source, Path out) throws IOException {
        String report = Report.markdown(r, source);
        assertNull(r.failure(), report);
        assertEquals(kinds, r.faults().size(), report);
        for (Report.KindFigures k : Report.byKind(r)) {
            assertEquals(1, k.injected(), k.kind() + " injected once: " + report);
        }
        long messages = r.options().messages();
        assertEquals(messages, r.messagesSent());
        assertTrue(r.poisonMessages() >= 5, "poison messages in the stream: " + r.poisonMessages());
        assertTrue(r.verdict().expectedDocs() > 500, report);
        assertEquals(0, r.verdict().lost(), report);
        assertEquals(0, r.verdict().extra(), report);
        assertEquals(0, r.verdict().wrong(), report);
        assertEquals(0, r.verdict().deadLettersMissing(), report);
        assertEquals(0, r.verdict().deadLettersWrong(), report);
        assertEquals(kinds + 1, r.checkpoints().size(), report);
        assertEquals(0, Report.violations(r), report);
        assertEquals(messages, r.checkpoints().get(r.checkpoints().size() - 1).committed(), "everything committed at the end: " + report);
        assertTrue(r.answered429() > 0, "the 429 storm reached the workers: " + report);
        // writesCounted() is a lower bound (the writes in the last second before an OpenSearch kill are not counted):
        // that every message reached OpenSearch is what the verdict above shows, not this count
        assertTrue(r.writesCounted() > 0, "OpenSearch's write counters were read: " + report);

        Report.write(r, source, out.resolve("run.md"), out.resolve("run.json"));
        assertTrue(Files.readString(out.resolve("run.md")).contains("(passed)"));
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"lost\" : 0"));
    }
}
