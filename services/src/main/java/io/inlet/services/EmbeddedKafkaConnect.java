package io.inlet.services;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * A KRaft Kafka broker and a distributed Kafka Connect worker group, in this JVM (for JUnit), built on
 * Kafka's own {@link EmbeddedConnectCluster}. Connectors on the test classpath are found through
 * {@code META-INF/services}. Start-up is tuned (single-partition internal topics, fast offset flush).
 */
public final class EmbeddedKafkaConnect implements AutoCloseable {

    private final EmbeddedConnectCluster cluster;

    private EmbeddedKafkaConnect(EmbeddedConnectCluster cluster) {
        this.cluster = cluster;
    }

    public static EmbeddedKafkaConnect start(int workers, Map<String, String> extraWorkerProps) {
        Map<String, String> worker = new HashMap<>(); // mutable: the cluster adds to it
        worker.put("plugin.discovery", "service_load");
        worker.put("offset.storage.partitions", "1");
        worker.put("status.storage.partitions", "1");
        worker.put("offset.flush.interval.ms", "1000");
        worker.put("scheduled.rebalance.max.delay.ms", "5000");
        worker.putAll(extraWorkerProps);
        Properties broker = new Properties();
        broker.put("offsets.topic.num.partitions", "1");
        broker.put("auto.create.topics.enable", "false");
        broker.put("group.initial.rebalance.delay.ms", "0");
        EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder()
                .name("inlet-connect")
                .numWorkers(workers)
                .numBrokers(1)
                .brokerProps(broker)
                .workerProps(worker)
                .maskExitProcedures(true)
                .build();
        try {
            cluster.start();
        } catch (RuntimeException e) {
            try {
                cluster.stop();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new ServiceStartException("Couldn't start the embedded Kafka broker and Connect worker: " + e.getMessage(), e);
        }
        return new EmbeddedKafkaConnect(cluster);
    }

    /** Kafka's embedded cluster, for adding and removing workers, topics, produce and consume. */
    public EmbeddedConnectCluster cluster() {
        return cluster;
    }

    public String bootstrapServers() {
        return cluster.kafka().bootstrapServers();
    }

    /** Base URL of one running worker's REST API, e.g. {@code http://127.0.0.1:41234}. */
    public String connectUrl() {
        String endpoint = cluster.endpointForResource("");
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    @Override
    public void close() {
        cluster.stop();
    }
}
