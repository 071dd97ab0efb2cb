package io.inlet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastSweepTest {

    private static String result(String started, String sweeps) {
        return "{\"messages\":1000,\"setup\":{\"Started\":\"" + started + "\"},\"sweeps\":" + sweeps + "}";
    }

    private static String trial(int batch, int concurrency, double seconds) {
        return "{\"docs\":10000,\"seconds\":" + seconds + ",\"batchSize\":" + batch + ",\"concurrency\":" + concurrency + "}";
    }

    @Test
    void takesTheFastestPairsOfTheNewestResultWithASweep(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("2026-11-25.json"), result("2026-11-25T09:15:04Z",
                "{\"1\":[" + trial(5000, 4, 1.0) + "],\"4\":[" + trial(2000, 4, 1.0) + "]}"));
        // newer, fastest not listed first
        Files.writeString(dir.resolve("2026-11-26-a.json"), result("2026-11-26T08:00:00Z",
                "{\"1\":[" + trial(1000, 2, 0.9) + "," + trial(5000, 2, 0.5) + "],\"4\":[" + trial(2000, 2, 0.4) + "]}"));
        // newest, but without a sweep (e.g. --skip sweep)
        Files.writeString(dir.resolve("2026-11-27.json"), result("2026-11-27T08:00:00Z", "{}"));
        // not pipeline results
        Files.writeString(dir.resolve("mapper-2026-11-28T000000Z.json"), "[{\"benchmark\":\"x\"}]");
        Files.writeString(dir.resolve("broken.json"), "{");

        LastSweep.Found found = LastSweep.find(dir).orElseThrow();
        assertEquals("2026-11-26-a.json", found.file().getFileName().toString());
        assertEquals(Map.of(1, new CeilingPair(5000, 2), 4, new CeilingPair(2000, 2)), found.pairs());
    }

    @Test
    void nothingWithoutASweep(@TempDir Path dir) throws Exception {
        assertTrue(LastSweep.find(dir.resolve("missing")).isEmpty());
        Files.writeString(dir.resolve("2026-11-27.json"), result("2026-11-27T08:00:00Z", "{}"));
        assertTrue(LastSweep.find(dir).isEmpty());
    }
}
