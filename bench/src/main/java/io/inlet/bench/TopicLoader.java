package io.inlet.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Pre-loads a topic with the N envelopes before anything reads it, keyed by document id, uncompressed
 * (the native plugin ships snappy only; no compression keeps both consumers' work equal), and checks
 * that the partitions' end offsets add up to N.
 */
final class TopicLoader {

    private final String bootstrapServers;

    TopicLoader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Creates the topic and writes messages 0..n-1; returns the seconds it took. */
    double load(String topic, int partitions, long n, Envelopes envelopes) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        long start = System.nanoTime();
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong acked = new AtomicLong();
        Map<String, Object> p = Map.of("bootstrap.servers", bootstrapServers, "linger.ms", 20, "batch.size", 524_288,
                "buffer.memory", 134_217_728L, "compression.type", "none", "acks", "1", "max.request.size", 4_194_304);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < n; i++) {
                if (failure.get() != null) {
                    break;
                }
                producer.send(new ProducerRecord<>(topic, Envelopes.id(i), envelopes.envelope(i)), (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Loading topic " + topic + " failed after " + acked.get() + " messages", failure.get());
        }
        long end = endOffsets(topic, partitions);
        if (end != n) {
            throw new IllegalStateException("Topic " + topic + " holds " + end + " messages, expected " + n);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    long endOffsets(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int i = 0; i < partitions; i++) {
                latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(v -> v.offset()).sum();
        }
    }
}
