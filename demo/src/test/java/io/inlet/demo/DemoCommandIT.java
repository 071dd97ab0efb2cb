package io.inlet.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.services.Http;
import io.inlet.services.Ports;
import io.inlet.services.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/**
 * The README's main command, run as a user would, non-interactively, in a fresh work folder: the demo
 * reaches its summary, {@code status}, {@code pause}, {@code resume} and {@code stop} work, and no
 * process is left behind.
 */
class DemoCommandIT {

    private static final Pattern RESULT = Pattern.compile("RESULT (\\S+) documents=(\\d+) expected=(\\d+) dead_letters=(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ProcessBuilder inlet(Path work, Path log, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Workspace.detect().root().resolve("bin/inlet").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (log != null) {
            pb.redirectOutput(log.toFile());
        }
        pb.environment().putAll(Map.of("INLET_SKIP_BUILD", "1", "INLET_SERVICES_DIR", work.toString()));
        return pb;
    }

    private static String runToEnd(Path work, String... args) throws Exception {
        Process p = inlet(work, null, args).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "bin/inlet " + String.join(" ", args) + " finished");
        assertEquals(0, p.exitValue(), "bin/inlet " + String.join(" ", args) + " printed:\n" + out);
        return out;
    }

    private static Matcher awaitResult(Process demo, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + Duration.ofMinutes(6).toMillis();
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
        throw new AssertionError("no summary after 6 minutes:\n" + Files.readString(log));
    }

    private static long liveProcessesUnder(Path work) throws IOException {
        String marker = work.toString();
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .count();
    }

    @Test
    void kafkaDemoThenStatusPauseResumeAndStop(@TempDir Path work) throws Exception {
        Path log = work.resolve("demo.out");
        int connectPort = Ports.free();
        Process demo = inlet(work, log, "kafka", "--messages", "3000", "--connect-port", Integer.toString(connectPort)).start();
        try {
            Matcher result = awaitResult(demo, log);
            assertEquals("OK", result.group(1), Files.readString(log));
            assertEquals(result.group(3), result.group(2), "documents equal the model");
            assertTrue(Files.readString(log).contains("shop-changes-3"), "a progress row per partition");

            Properties stack = new Properties();
            try (var r = Files.newBufferedReader(work.resolve("stack/demo.properties"))) {
                stack.load(r);
            }
            Http http = Http.plain();
            var count = JSON.readTree(http.get(stack.getProperty("opensearch") + "/shop/_count").body());
            assertEquals(Long.parseLong(result.group(2)), count.path("count").asLong(), "what it printed is what OpenSearch holds");

            String status = runToEnd(work, "status");
            assertTrue(status.contains("shop-changes-0") && status.contains("POLLING"), status);

            runToEnd(work, "pause");
            String connect = "http://127.0.0.1:" + connectPort + "/connectors/shop/status";
            awaitState(http, connect, "PAUSED");
            runToEnd(work, "resume");
            awaitState(http, connect, "RUNNING");
            String rewound = runToEnd(work, "resume", "--reset-to", "0");
            assertTrue(rewound.contains("acknowledged"), rewound);
            awaitState(http, connect, "RUNNING");

            String stop = runToEnd(work, "stop");
            assertTrue(stop.contains("Stopped"), stop);
            assertTrue(demo.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, demo.exitValue(), Files.readString(log));
            assertEquals(0, liveProcessesUnder(work), "no process of the demo is left");
            assertTrue(!Files.exists(work.resolve("stack/demo.properties")));
        } finally {
            demo.destroy();
        }
    }

    @Test
    @org.junit.jupiter.api.Disabled("the Kinesis demo's progress waits for the summed per-shard counters to reach the"
            + " message count, but a shard's counters restart when its lease is taken again, so it can wait forever:"
            + " the demo must wait on checkpoints instead (open work of issue 6)")
    void kinesisDemoThenStatusPauseResumeAndStop(@TempDir Path work) throws Exception {
        Path log = work.resolve("demo.out");
        Process demo = inlet(work, log, "kinesis", "--messages", "2000", "--port", Integer.toString(Ports.free())).start();
        try {
            Matcher result = awaitResult(demo, log);
            assertEquals("OK", result.group(1), Files.readString(log));
            assertEquals(result.group(3), result.group(2), "documents equal the model");
            String status = runToEnd(work, "status");
            assertTrue(status.contains("shop-changes-shardId-000000000000"), status);
            assertTrue(runToEnd(work, "pause").contains("pause"));
            assertTrue(runToEnd(work, "status").contains("true"), "the state shows paused");
            runToEnd(work, "resume");
            assertTrue(runToEnd(work, "stop").contains("Stopped"));
            assertTrue(demo.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, demo.exitValue(), Files.readString(log));
            assertEquals(0, liveProcessesUnder(work), "no process of the demo is left");
        } finally {
            demo.destroy();
        }
    }

    @Test
    void aPortInUseIsAClearError(@TempDir Path work) throws Exception {
        try (var busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Process p = inlet(work, null, "kafka", "--messages", "10", "--no-wait", "--connect-port",
                    Integer.toString(busy.getLocalPort())).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue(), out);
            assertTrue(out.contains("Port " + busy.getLocalPort() + " on 127.0.0.1 is in use"), out);
        }
        assertEquals(0, liveProcessesUnder(work));
    }

    @Test
    void statusWithoutADemoSaysSo(@TempDir Path work) throws Exception {
        Process p = inlet(work, null, "status").start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        assertTrue(out.contains("No demo is running"), out);
    }

    private static void awaitState(Http http, String url, String state) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Http.Response r = http.get(url);
            if (r.ok() && state.equals(JSON.readTree(r.body()).path("connector").path("state").asText())) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("connector never " + state);
    }
}
