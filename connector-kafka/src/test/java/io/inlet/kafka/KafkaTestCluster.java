package io.inlet.kafka;

import io.inlet.kafka.rest.InletRestExtension;
import io.inlet.services.EmbeddedKafkaConnect;
import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka broker and Connect worker shared by this module's integration tests: in-process, with
 * Inlet's REST extension enabled (as a user enables it with {@code rest.extension.classes}).
 */
final class KafkaTestCluster {

    private static EmbeddedKafkaConnect cluster;

    private KafkaTestCluster() {
    }

    static synchronized EmbeddedKafkaConnect get() {
        if (cluster == null) {
            cluster = start(1);
            Runtime.getRuntime().addShutdownHook(new Thread(KafkaTestCluster::stopShared, "kafka-test-cluster-stop"));
        }
        return cluster;
    }

    /**
     * Stops the shared cluster, if one was started. Called when the test plan ends ({@link StopSharedKafkaCluster}): at JVM
     * exit its shutdown hook would race the test kit's own deletion of its log directories, and a broker writing a
     * snapshot into a deleted directory can hang the exit until the fork is killed (120 s).
     */
    static synchronized void stopShared() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** A cluster of its own (for tests that add or remove workers); the caller closes it. */
    static EmbeddedKafkaConnect start(int workers) {
        return start(workers, Map.of());
    }

    /** A cluster of its own with extra worker settings (e.g. config providers); the caller closes it. */
    static EmbeddedKafkaConnect start(int workers, Map<String, String> extraWorkerProps) {
        Map<String, String> props = new HashMap<>(extraWorkerProps);
        props.put("rest.extension.classes", InletRestExtension.class.getName());
        return EmbeddedKafkaConnect.start(workers, props);
    }
}
