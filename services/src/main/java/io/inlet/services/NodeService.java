package io.inlet.services;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An AWS emulator from npm, run as a node process: {@code kinesis-local} (kinesis-mock) for Kinesis
 * and {@code dynalite} for DynamoDB (the KCL lease table). Both accept any SigV4-shaped credentials.
 */
public final class NodeService implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Path workingDir;
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private final int tlsPort;
    private volatile LocalProcess process;

    private NodeService(String name, List<String> command, Path workingDir, Map<String, String> env, Path log, int port, int tlsPort) {
        this.name = name;
        this.command = List.copyOf(command);
        this.workingDir = workingDir;
        this.env = Map.copyOf(env);
        this.log = log;
        this.port = port;
        this.tlsPort = tlsPort;
        start();
    }

    private void start() {
        process = LocalProcess.start(name + " on port " + port, command, workingDir, env, log);
        process.awaitReady(() -> Ports.inUse(port), Duration.ofSeconds(60));
    }

    /** kinesis-local on a plain HTTP port (and a TLS port with its self-signed certificate, for HTTP/2 fan-out). */
    public static NodeService kinesis() {
        Workspace ws = Workspace.detect();
        Path pkg = ws.nodeModules().resolve("kinesis-local");
        int port = Ports.free();
        int tls = Ports.free();
        Map<String, String> env = Map.of(
                "KINESIS_MOCK_PLAIN_PORT", Integer.toString(port),
                "KINESIS_MOCK_TLS_PORT", Integer.toString(tls),
                "CREATE_STREAM_DURATION", "0ms",
                "DELETE_STREAM_DURATION", "0ms",
                "UPDATE_STREAM_DURATION", "0ms",
                "REGISTER_STREAM_CONSUMER_DURATION", "0ms",
                "DEREGISTER_STREAM_CONSUMER_DURATION", "0ms",
                "MERGE_SHARDS_DURATION", "0ms",
                "SPLIT_SHARD_DURATION", "0ms",
                "LOG_LEVEL", "WARN");
        return new NodeService("kinesis-local", List.of(node(), "main.js"), pkg, env,
                ws.work().resolve("logs/kinesis-local-" + port + ".log"), port, tls);
    }

    /** dynalite, in memory, with table operations taking no time. */
    public static NodeService dynamo() {
        return dynamo(null);
    }

    /**
     * dynalite with table operations taking no time, keeping its tables in {@code dataDir} (LevelDB) when that is
     * given, so that {@link #restart} finds them again; in memory when it is null.
     */
    public static NodeService dynamo(Path dataDir) {
        Workspace ws = Workspace.detect();
        Path pkg = ws.nodeModules().resolve("dynalite");
        int port = Ports.free();
        List<String> cmd = new ArrayList<>(List.of(node(), "cli.js", "--port", Integer.toString(port), "--host", "127.0.0.1",
                "--createTableMs", "0", "--updateTableMs", "0", "--deleteTableMs", "0"));
        if (dataDir != null) {
            cmd.addAll(List.of("--path", dataDir.toAbsolutePath().toString()));
        }
        return new NodeService("dynalite", cmd, pkg, Map.of(), ws.work().resolve("logs/dynalite-" + port + ".log"), port, -1);
    }

    /**
     * Kills the process (SIGKILL), waits {@code down}, and starts it again on the same port (and the same data
     * folder, if it has one): what a crash and a restart of the service look like to its clients.
     */
    public void restart(Duration down) throws InterruptedException {
        process.kill();
        Thread.sleep(down.toMillis());
        start();
    }

    private static String node() {
        String n = System.getenv("INLET_NODE");
        return n != null && !n.isBlank() ? n : "node";
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint override for an AWS SDK client. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The TLS endpoint (kinesis-local only), needed by enhanced fan-out over HTTP/2. */
    public String tlsEndpoint() {
        if (tlsPort < 0) {
            throw new IllegalStateException(name + " has no TLS port");
        }
        return "https://127.0.0.1:" + tlsPort;
    }

    public LocalProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }
}
