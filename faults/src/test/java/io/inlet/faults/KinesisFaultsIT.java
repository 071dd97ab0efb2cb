package io.inlet.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault run's code on a short seeded schedule on the Kinesis stack, so that {@code bin/faults kinesis} cannot
 * rot: 20,000 messages (kinesis-local, single-threaded, slows down as the stream grows) over four shards and two KCL workers, one fault of every kind (a worker kill, a zombie
 * worker, OpenSearch killed and frozen, the network cut, slowed and reset, a 429 storm, a flood-stage block, a
 * lease steal, a shard split, a shard merge, the lease table restarted), each while messages are in flight
 * ({@link ShortSchedule}). {@code -Dinlet.faults.seed=<n>} replays a run.
 */
class KinesisFaultsIT {

    @Test
    void oneFaultOfEveryKindLosesNothing(@TempDir Path out) throws Exception {
        long seed = ShortSchedule.seed();
        FaultRun.Result r;
        int kinds;
        try (KinesisFaultStack stack = KinesisFaultStack.start(4, "faults-it-" + seed)) {
            kinds = stack.kinds().size();
            r = ShortSchedule.run(stack, 20_000, seed, "KinesisFaultsIT");
        }
        assertEquals(13, kinds);
        ShortSchedule.assertLosesNothing(r, kinds, "kinesis", out);
        assertTrue(r.faults().stream().filter(f -> f.kind() == FaultKind.SHARD_SPLIT).allMatch(f -> f.detail().contains(" split into ")),
                "the split happened: " + r.faults());
        assertTrue(r.faults().stream().filter(f -> f.kind() == FaultKind.LEASE_STEAL).allMatch(f -> f.detail().contains(" taken from ")),
                "a lease was stolen: " + r.faults());
    }
}
