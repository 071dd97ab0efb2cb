package io.inlet.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One single-node OpenSearch cluster on 127.0.0.1, started from an {@link OpenSearchInstall} with its
 * own config, data and log folders. It can be stopped and started again on the same port and data
 * (to test an outage), or killed.
 */
public final class OpenSearchNode implements AutoCloseable {

    public static final String ADMIN_USER = "admin";

    private final OpenSearchSpec spec;
    private final OpenSearchInstall install;
    private final Path dir;
    private final int httpPort;
    private final int transportPort;
    private volatile LocalProcess process;

    private OpenSearchNode(OpenSearchSpec spec, OpenSearchInstall install, Path dir, int httpPort, int transportPort) {
        this.spec = spec;
        this.install = install;
        this.dir = dir;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    /** Prepares the distribution if needed, writes the node's config and starts it; returns once the cluster answers. */
    public static OpenSearchNode start(OpenSearchSpec spec) {
        Workspace ws = Workspace.detect();
        Path serverWork = ws.serverWork();
        OpenSearchInstall install = OpenSearchInstall.prepare(ws, serverWork, spec);
        int http = Ports.free();
        int transport = Ports.free();
        Path dir = serverWork.resolve("nodes").resolve(spec.label() + "-" + http);
        OpenSearchNode node = new OpenSearchNode(spec, install, dir, http, transport);
        node.configure();
        node.launch();
        return node;
    }

    private void configure() {
        try {
            Trees.delete(dir);
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("logs"));
            Trees.copy(install.home().resolve("config"), dir.resolve("config"));
            Map<String, String> s = new LinkedHashMap<>();
            s.put("cluster.name", "inlet-test-" + httpPort);
            s.put("node.name", spec.label() + "-" + httpPort);
            s.put("path.data", dir.resolve("data").toString());
            s.put("path.logs", dir.resolve("logs").toString());
            s.put("network.host", "127.0.0.1");
            s.put("http.port", Integer.toString(httpPort));
            s.put("transport.port", Integer.toString(transportPort));
            s.put("discovery.type", "single-node");
            s.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            s.put("action.destructive_requires_name", "false");
            s.putAll(spec.settings());
            StringBuilder yml = new StringBuilder("\n# written by the Inlet services fixture\n");
            s.forEach((k, v) -> yml.append(k).append(": ").append(quote(v)).append('\n'));
            Files.writeString(dir.resolve("config/opensearch.yml"), yml, StandardOpenOption.APPEND);
            if (spec.secure()) {
                try (Stream<Path> pems = Files.list(dir.resolve("config"))) {
                    for (Path p : (Iterable<Path>) pems::iterator) {
                        if (p.toString().endsWith(".pem")) {
                            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                        }
                    }
                }
                Files.setPosixFilePermissions(dir.resolve("config"), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            }
            RunAs.own(dir);
            RunAs.own(install.home());
        } catch (IOException e) {
            throw new UncheckedIOException("Couldn't write the config of " + spec.label() + " under " + dir, e);
        }
    }

    private static String quote(String v) {
        return v.matches("[A-Za-z0-9_.:/\\-]+") ? v : "\"" + v.replace("\"", "\\\"") + "\"";
    }

    private void launch() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OPENSEARCH_JAVA_HOME", install.javaHome().toString());
        env.put("OPENSEARCH_PATH_CONF", dir.resolve("config").toString());
        env.put("OPENSEARCH_JAVA_OPTS", "-Xms" + spec.heap() + " -Xmx" + spec.heap());
        List<String> cmd = new java.util.ArrayList<>(List.of("env"));
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.add(install.home().resolve("bin/opensearch").toString());
        process = LocalProcess.start(spec.label() + " on port " + httpPort, RunAs.wrap(cmd), dir, Map.of(),
                dir.resolve("logs/stdout.log"));
        Http http = client();
        process.awaitReady(() -> {
            Http.Response r = http.get(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s");
            return r.ok() && !r.body().contains("\"timed_out\":true");
        }, Duration.ofSeconds(Long.getLong("inlet.opensearch.startTimeoutSeconds", 180)));
    }

    public OpenSearchSpec spec() {
        return spec;
    }

    public String version() {
        return spec.version();
    }

    public boolean secure() {
        return spec.secure();
    }

    public int port() {
        return httpPort;
    }

    /** {@code http://127.0.0.1:<port>}, or https for the secure variant. */
    public String url() {
        return (spec.secure() ? "https" : "http") + "://127.0.0.1:" + httpPort;
    }

    public String adminUser() {
        return spec.secure() ? ADMIN_USER : null;
    }

    public String adminPassword() {
        return spec.secure() ? OpenSearchInstall.ADMIN_PASSWORD : null;
    }

    /** The demo root CA (PEM) that signed the secure node's certificate; clients trust this one. */
    public Path rootCa() {
        if (!spec.secure()) {
            throw new IllegalStateException(spec.label() + " has no TLS");
        }
        return install.home().resolve("config/root-ca.pem");
    }

    /** An HTTP client for checks and set-up in tests (admin credentials and trusting the demo CA on the secure node). */
    public Http client() {
        return spec.secure() ? Http.insecure(ADMIN_USER, OpenSearchInstall.ADMIN_PASSWORD) : Http.plain();
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    public boolean isRunning() {
        LocalProcess p = process;
        return p != null && p.isAlive();
    }

    /** Stops the node gracefully; {@link #restart()} brings it back on the same port with the same data. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
            process = null;
        }
    }

    /** SIGKILL, as a crash or an out-of-memory kill would; {@link #restart()} brings it back with the data it had fsynced. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    /** SIGSTOP to the node's JVM: connections stay open and nothing answers until {@link #thaw()}. */
    public void freeze() {
        running().freeze();
    }

    public void thaw() {
        running().thaw();
    }

    private LocalProcess running() {
        LocalProcess p = process;
        if (p == null) {
            throw new IllegalStateException(spec.label() + " on port " + httpPort + " is not running");
        }
        return p;
    }

    public synchronized void restart() {
        stop();
        launch();
    }

    /** Stops the node and deletes its data; its logs stay under the node folder. */
    @Override
    public void close() {
        stop();
        try {
            Trees.delete(dir.resolve("data"));
        } catch (IOException ignored) {
            // a leftover data folder is only disk space
        }
    }

    @Override
    public String toString() {
        return spec.label() + " at " + url();
    }
}
