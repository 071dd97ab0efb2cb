package io.inlet.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.services.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs commands as a user types them, through {@code bash -c} from the repository root, with the demo's
 * work folder set to a test's own folder ({@code INLET_SERVICES_DIR}) and the build skipped (Maven built
 * Inlet before the integration tests).
 */
final class DemoShell {

    static final Pattern RESULT = Pattern.compile("RESULT (\\S+) documents=(\\d+) expected=(\\d+) dead_letters=(\\d+)");

    private final Path work;

    DemoShell(Path work) {
        this.work = work;
    }

    Path work() {
        return work;
    }

    static Path root() {
        return Workspace.detect().root();
    }

    private ProcessBuilder builder(String command, Path cwd, Path log) {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(cwd.toFile()).redirectErrorStream(true);
        if (log != null) {
            pb.redirectOutput(log.toFile());
        }
        pb.environment().putAll(Map.of("INLET_SKIP_BUILD", "1", "INLET_SERVICES_DIR", work.toString()));
        return pb;
    }

    /** Starts a long-running command (a demo that waits for stop), its output going to {@code log}. */
    Process start(String command, Path cwd, Path log) throws IOException {
        return builder(command, cwd, log).start();
    }

    /** Runs a command to its end and returns what it printed; fails unless it exits with {@code expectedExit}. */
    String run(String command, Path cwd, int expectedExit) throws Exception {
        Process p = builder(command, cwd, null).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), command + " finished");
        assertEquals(expectedExit, p.exitValue(), command + " printed:\n" + out);
        return out;
    }

    /** Runs a command from the repository root; it must exit 0. */
    String run(String command) throws Exception {
        return run(command, root(), 0);
    }

    /** Waits for the demo's summary line ({@code RESULT OK documents=.. expected=..}). */
    static Matcher awaitResult(Process demo, Path log, Duration timeout) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            String out = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = RESULT.matcher(out);
            if (m.find()) {
                return m;
            }
            if (!demo.isAlive()) {
                throw new AssertionError("the demo exited with " + demo.exitValue() + " before its summary:\n" + out);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no summary after " + timeout + ":\n" + Files.readString(log));
    }

    /** Waits for the demo's summary and checks it: OK, and the documents equal the model of the stream. */
    static Matcher awaitSummaryOk(Process demo, Path log, Duration timeout) throws Exception {
        Matcher result = awaitResult(demo, log, timeout);
        assertEquals("OK", result.group(1), Files.readString(log));
        assertEquals(result.group(3), result.group(2), "documents equal the model");
        return result;
    }

    /** The file where the running demo keeps its endpoints. */
    Path stackFile() {
        return work.resolve("stack/demo.properties");
    }

    /** The running demo's endpoints ({@link #stackFile()}). */
    Properties stack() throws IOException {
        Properties stack = new Properties();
        try (var r = Files.newBufferedReader(stackFile())) {
            stack.load(r);
        }
        return stack;
    }

    /** Processes whose command line names the work folder (every service the demo starts does). */
    long liveProcesses() {
        String marker = work.toString();
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .count();
    }
}
