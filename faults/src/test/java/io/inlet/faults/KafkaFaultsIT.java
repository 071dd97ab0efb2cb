package io.inlet.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault run's code on a short seeded schedule on the Kafka stack, so that {@code bin/faults kafka} cannot rot:
 * 30,000 messages, one fault of every kind (a worker kill, a zombie worker, OpenSearch killed and frozen, the
 * network cut, slowed and reset, a broker restart, a 429 storm, a flood-stage block), each while messages are in
 * flight ({@link ShortSchedule}). {@code -Dinlet.faults.seed=<n>} replays a run.
 */
class KafkaFaultsIT {

    @Test
    void oneFaultOfEveryKindLosesNothing(@TempDir Path out) throws Exception {
        long seed = ShortSchedule.seed();
        FaultRun.Result r;
        int kinds;
        try (KafkaFaultStack stack = KafkaFaultStack.start(4, "faults-it-" + seed)) {
            kinds = stack.kinds().size();
            r = ShortSchedule.run(stack, 30_000, seed, "KafkaFaultsIT");
        }
        assertEquals(10, kinds);
        ShortSchedule.assertLosesNothing(r, kinds, "kafka", out);
    }
}
