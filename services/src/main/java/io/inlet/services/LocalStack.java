package io.inlet.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * The local default stack as separate processes: OpenSearch 3.x, a KRaft Kafka broker and a
 * distributed Kafka Connect worker whose {@code plugin.path} holds the built Inlet plugin. Used by
 * {@code bin/inlet}; stays up until interrupted (Ctrl-C / SIGTERM), then stops everything it started.
 *
 * <p>Usage: {@code LocalStack [--kafka-port N] [--connect-port N] [--plugin-path DIR] [--no-wait]}
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Workspace ws = Workspace.detect();
        int kafkaPort = Integer.parseInt(opts.getOrDefault("kafka-port", Integer.toString(Ports.free())));
        int connectPort = Integer.parseInt(opts.getOrDefault("connect-port", "8083"));
        Path plugins = Path.of(opts.getOrDefault("plugin-path", ws.root().resolve("connector-kafka/target/plugin").toString()));
        Files.createDirectories(plugins);

        CompletableFuture<OpenSearchNode> os = CompletableFuture.supplyAsync(() -> OpenSearchNode.start(OpenSearchSpec.v3()));
        KafkaProcesses kafka = KafkaProcesses.startBroker(ws.work().resolve("stack/kafka"), kafkaPort, "512m");
        kafka.startWorker(connectPort, plugins, "512m", Map.of());
        OpenSearchNode node = os.join();

        Path state = ws.work().resolve("stack/endpoints.properties");
        Files.writeString(state, "opensearch=" + node.url() + "\nkafka=" + kafka.bootstrapServers()
                + "\nconnect=" + kafka.connectUrl() + "\npid=" + ProcessHandle.current().pid() + "\n");
        System.out.println("OpenSearch " + node.version() + "  " + node.url() + "   (logs " + node.logs() + ")");
        System.out.println("Kafka broker      " + kafka.bootstrapServers() + "   (log " + kafka.broker().log() + ")");
        System.out.println("Kafka Connect     " + kafka.connectUrl() + "   (log " + kafka.worker().log() + ")");
        System.out.println("Endpoints written to " + state);
        if (opts.containsKey("no-wait")) {
            stop(node, kafka, state);
            return;
        }
        System.out.println("Running. Ctrl-C (or 'bin/inlet stop') stops every process started here.");
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(node, kafka, state);
            done.countDown();
        }, "inlet-stack-stop"));
        done.await();
    }

    private static void stop(OpenSearchNode node, KafkaProcesses kafka, Path state) {
        kafka.close();
        node.close();
        try {
            Files.deleteIfExists(state);
        } catch (IOException ignored) {
            // nothing to clean
        }
        System.out.println("Stopped OpenSearch, the Kafka broker and the Connect worker.");
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + args[i] + "': options start with --");
            }
            String k = args[i].substring(2);
            if (k.equals("no-wait")) {
                m.put(k, "true");
            } else if (i + 1 < args.length) {
                m.put(k, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + k + " needs a value");
            }
        }
        return m;
    }
}
