package io.inlet.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.services.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/inlet} where things go wrong, run as a user would, in a fresh work folder: a port in use is a clear
 * error, and {@code status} without a running demo says so. The demo itself, with {@code status}, {@code pause},
 * {@code resume} and {@code stop} on both sources, is run by {@link ReadmeCommandsIT}.
 */
class DemoCommandIT {

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
}
