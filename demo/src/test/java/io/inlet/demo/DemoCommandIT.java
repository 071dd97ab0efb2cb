package io.inlet.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.services.Http;
import io.inlet.services.Ports;
import io.inlet.services.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/**
 * The README's main command, run as a user would, non-interactively, in a fresh work folder: the demo
 * reaches its summary, {@code status}, {@code pause}, {@code resume} and {@code stop} work, and no
 * process is left behind.
 */
class DemoCommandIT {

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

    @Test
    void kafkaDemoThenStatusPauseResumeAndStop(@TempDir Path work) throws Exception {
        Path log = work.resolve("demo.out");
        int connectPort = Ports.free();
        Process demo = inlet(work, log, "kafka", "--messages", "3000", "--connect-port", Integer.toString(connectPort)).start();
        try {
            Matcher result = DemoShell.awaitSummaryOk(demo, log, Duration.ofMinutes(6));
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
            assertEquals(0, new DemoShell(work).liveProcesses(), "no process of the demo is left");
            assertTrue(!Files.exists(work.resolve("stack/demo.properties")));
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
        assertEquals(0, new DemoShell(work).liveProcesses());
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
