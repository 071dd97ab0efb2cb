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
    private final LocalProcess process;
    private final int port;
    private final int tlsPort;

    private NodeService(String name, LocalProcess process, int port, int tlsPort) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.tlsPort = tlsPort;
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
        LocalProcess p = LocalProcess.start("kinesis-local on port " + port, List.of(node(), "main.js"), pkg, env,
                ws.work().resolve("logs/kinesis-local-" + port + ".log"));
        p.awaitReady(() -> Ports.inUse(port), Duration.ofSeconds(60));
        return new NodeService("kinesis-local", p, port, tls);
    }

    /** dynalite, in memory, with table operations taking no time. */
    public static NodeService dynamo() {
        Workspace ws = Workspace.detect();
        Path pkg = ws.nodeModules().resolve("dynalite");
        int port = Ports.free();
        List<String> cmd = new ArrayList<>(List.of(node(), "cli.js", "--port", Integer.toString(port), "--host", "127.0.0.1",
                "--createTableMs", "0", "--updateTableMs", "0", "--deleteTableMs", "0"));
        LocalProcess p = LocalProcess.start("dynalite on port " + port, cmd, pkg, Map.of(),
                ws.work().resolve("logs/dynalite-" + port + ".log"));
        p.awaitReady(() -> Ports.inUse(port), Duration.ofSeconds(60));
        return new NodeService("dynalite", p, port, -1);
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
