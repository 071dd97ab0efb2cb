package io.inlet.kinesis.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Any worker configuration file: it is read into settings or refused saying where it is not valid JSON, and the
 * settings are a valid configuration or a list of problems each naming its setting; nothing else escapes (a worker
 * must never die at start-up on an exception that doesn't say what to fix). Seeds: {@code WorkerConfigFuzzTestInputs/}.
 */
public class WorkerConfigFuzzTest {

    /** The same property for Jazzer's own driver, which {@code bin/fuzz} runs for as long as it is asked to. */
    public static void fuzzerTestOneInput(byte[] file) {
        new WorkerConfigFuzzTest().everyFileIsSettingsOrProblemsNamingTheirSetting(file);
    }

    @FuzzTest(maxDuration = "3s")
    void everyFileIsSettingsOrProblemsNamingTheirSetting(byte[] file) {
        Map<String, String> settings;
        try {
            settings = WorkerConfigFile.parse(new String(file, StandardCharsets.UTF_8), "worker.json");
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
            return;
        }
        List<String> problems = WorkerConfigCheck.problems(settings);
        if (problems.isEmpty()) {
            assertNotNull(new KinesisWorkerConfig(settings).applicationName());
        }
        for (String problem : problems) {
            assertFalse(problem.isBlank(), "a problem names its setting and what to write");
        }
    }
}
