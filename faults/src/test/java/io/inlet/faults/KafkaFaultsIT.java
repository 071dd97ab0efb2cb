package io.inlet.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault run's code on a short seeded schedule, so that {@code bin/faults} cannot rot: 30,000 messages, one
 * fault of every kind (a worker kill, a zombie worker, OpenSearch killed and frozen, the network cut, slowed and
 * reset, a broker restart, a 429 storm, a flood-stage block), each while messages are in flight. At every
 * checkpoint the committed offsets are not ahead of the index; at the end the index equals the model (nothing
 * lost, extra or wrong) and every poison message is in the dead-letter index with its reason.
 * {@code -Dinlet.faults.seed=<n>} replays a run.
 */
class KafkaFaultsIT {

    @Test
    void oneFaultOfEveryKindLosesNothing(@TempDir Path out) throws Exception {
        long seed = Long.getLong("inlet.faults.seed", System.currentTimeMillis());
        FaultRun.Options options = new FaultRun.Options(30_000, 4, seed, 1, 1, Duration.ofSeconds(3), Duration.ofSeconds(5),
                Duration.ofMinutes(6), "mvn verify -pl faults -Dit.test=KafkaFaultsIT -Dinlet.faults.seed=" + seed);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        FaultRun.Result r;
        try (KafkaFaultStack stack = KafkaFaultStack.start(4, "faults-it-" + seed)) {
            r = new FaultRun(stack, options, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
        }
        String report = Report.markdown(r, "kafka");
        System.out.println(progress.toString(StandardCharsets.UTF_8) + report);

        assertNull(r.failure(), report);
        assertEquals(FaultKind.values().length, r.faults().size(), report);
        for (Report.KindFigures k : Report.byKind(r)) {
            assertEquals(1, k.injected(), k.kind() + " injected once: " + report);
        }
        assertEquals(30_000, r.messagesSent());
        assertTrue(r.poisonMessages() >= 5, "poison messages in the stream: " + r.poisonMessages());
        assertTrue(r.verdict().expectedDocs() > 500, report);
        assertEquals(0, r.verdict().lost(), report);
        assertEquals(0, r.verdict().extra(), report);
        assertEquals(0, r.verdict().wrong(), report);
        assertEquals(0, r.verdict().deadLettersMissing(), report);
        assertEquals(0, r.verdict().deadLettersWrong(), report);
        assertEquals(FaultKind.values().length + 1, r.checkpoints().size(), report);
        assertEquals(0, Report.violations(r), report);
        assertTrue(r.answered429() > 0, "the 429 storm reached the workers: " + report);
        assertTrue(r.writesCounted() >= r.messagesSent() - r.poisonMessages(), "every message reached OpenSearch: " + report);

        Report.write(r, "kafka", out.resolve("run.md"), out.resolve("run.json"));
        assertTrue(Files.readString(out.resolve("run.md")).contains("(passed)"));
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"lost\" : 0"));
    }
}
