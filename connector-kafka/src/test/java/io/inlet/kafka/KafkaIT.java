package io.inlet.kafka;

import io.inlet.services.EmbeddedKafkaConnect;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.Services;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of the integration tests on the shared Kafka broker and Connect worker ({@link KafkaTestCluster#get()}).
 * The connectors, topics and indices a test creates through it are deleted after the test, whether it
 * passed or not, so that nothing of one test runs on into the next: connectors first (so none writes
 * again), then topics, then indices.
 */
abstract class KafkaIT {

    private final Set<String> connectors = new LinkedHashSet<>();
    private final Set<String> topics = new LinkedHashSet<>();
    private final List<Index> indices = new ArrayList<>();

    private record Index(OpenSearchNode node, String name) {
    }

    /** The shared broker and Connect worker. */
    static EmbeddedKafkaConnect kafka() {
        return KafkaTestCluster.get();
    }

    /** An OpenSearch 3.x node, started while the shared cluster starts (when they do not run yet). */
    static OpenSearchNode openSearch3() {
        CompletableFuture<OpenSearchNode> os = CompletableFuture.supplyAsync(Services::openSearch3);
        kafka();
        return os.join();
    }

    /** Creates a topic on the shared cluster, deleted after the test. */
    void createTopic(String topic, int partitions) {
        kafka().cluster().kafka().createTopic(topic, partitions);
        topics.add(topic);
    }

    /**
     * Deploys (or reconfigures) a connector on the shared cluster; after the test it is deleted, and the
     * indices of its config ({@code index}, {@code dlq.index}) on {@code node} with it.
     */
    void deploy(String name, Map<String, String> config, OpenSearchNode node) throws Exception {
        connectors.add(name);
        for (String key : List.of("index", "dlq.index")) {
            if (config.containsKey(key)) {
                deleteAfter(node, config.get(key));
            }
        }
        ConnectTestSupport.deploy(kafka(), name, config);
    }

    /** Deletes the index from the node after the test (after the connectors that write to it). */
    void deleteAfter(OpenSearchNode node, String index) {
        Index i = new Index(node, index);
        if (!indices.contains(i)) {
            indices.add(i);
        }
    }

    @AfterEach
    void deleteWhatTheTestCreated() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        for (String name : connectors) {
            run(failures, () -> ConnectTestSupport.deleteAndWait(kafka(), name));
        }
        if (!topics.isEmpty()) {
            run(failures, this::deleteTopics);
        }
        for (Index i : indices) {
            run(failures, () -> i.node().client().delete(i.node().url() + "/" + i.name()));
        }
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError("Clean-up after the test failed: " + failures.get(0), failures.get(0));
            failures.subList(1, failures.size()).forEach(e::addSuppressed);
            throw e;
        }
    }

    private void deleteTopics() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka().bootstrapServers()))) {
            admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

    private static void run(List<Throwable> failures, CleanUp step) {
        try {
            step.run();
        } catch (Exception | AssertionError e) {
            failures.add(e);
        }
    }

    @FunctionalInterface
    private interface CleanUp {
        void run() throws Exception;
    }
}
