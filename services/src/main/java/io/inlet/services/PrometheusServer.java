package io.inlet.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus (Debian's {@code prometheus} package, which {@code .ci/run} installs where it is missing) as a local
 * process on a free port, with a configuration the caller writes, and its {@code promtool}.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private final LocalProcess process;
    private final int port;

    private PrometheusServer(LocalProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Prometheus with {@code config} (a prometheus.yml) and its data in {@code dir}/data. */
    public static PrometheusServer start(Path dir, Path config) {
        requireInstalled();
        int port = Ports.free();
        try {
            Files.createDirectories(dir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalProcess p = LocalProcess.start("prometheus on port " + port, List.of(PROMETHEUS.toString(),
                        "--config.file=" + config.toAbsolutePath(), "--storage.tsdb.path=" + dir.resolve("data").toAbsolutePath(),
                        "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"),
                dir, Map.of(), Workspace.detect().work().resolve("logs/prometheus-" + port + ".log"));
        p.awaitReady(() -> Ports.inUse(port), Duration.ofSeconds(60));
        return new PrometheusServer(p, port);
    }

    /** Runs {@code promtool} with {@code args}; its exit code and output. */
    public static Map.Entry<Integer, String> promtool(String... args) {
        requireInstalled();
        List<String> cmd = new ArrayList<>(List.of(PROMTOOL.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Map.entry(-1, out);
            }
            return Map.entry(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running promtool", e);
        }
    }

    private static void requireInstalled() {
        if (!Files.isExecutable(PROMETHEUS) || !Files.isExecutable(PROMTOOL)) {
            throw new ServiceStartException("Prometheus is not installed (" + PROMETHEUS + ", " + PROMTOOL + "): install"
                    + " Debian's prometheus package (apt-get install --no-install-recommends prometheus), as .ci/run does");
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public LocalProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
