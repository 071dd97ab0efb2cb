package io.inlet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.services.Http;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The benchmark's indices on one OpenSearch node: each created with the same settings (shards, no replicas,
 * refresh interval) and {@link Envelopes#MAPPING}; the native one adds segment replication and its
 * {@code ingestion_source}. Progress is read from the indexing stats, which count operations without a refresh.
 */
final class Indices {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Indexing counters of an index's primaries: documents indexed, and index operations that failed (version conflicts). */
    record Progress(long indexed, long failed) {
    }

    private final Http http = Http.plain();
    private final String url;
    private final int shards;
    private final String refreshInterval;

    Indices(String url, int shards, String refreshInterval) {
        this.url = url;
        this.shards = shards;
        this.refreshInterval = refreshInterval;
    }

    int shards() {
        return shards;
    }

    String refreshInterval() {
        return refreshInterval;
    }

    /** The settings every index of one comparison shares. */
    ObjectNode settings() {
        ObjectNode s = JSON.createObjectNode();
        s.put("index.number_of_shards", shards);
        s.put("index.number_of_replicas", 0);
        s.put("index.refresh_interval", refreshInterval);
        return s;
    }

    /** A plain index for the ceiling's bulk loader and for Inlet. */
    void create(String index) {
        ObjectNode body = JSON.createObjectNode();
        body.set("settings", settings());
        body.set("mappings", mapping());
        put(index, body);
    }

    /** An index that OpenSearch itself fills from a Kafka topic (pull-based ingestion, ingestion-kafka plugin). */
    void createNative(String index, String topic, String bootstrapServers) {
        ObjectNode settings = settings();
        settings.put("index.replication.type", "SEGMENT");
        ObjectNode source = settings.putObject("ingestion_source");
        source.put("type", "kafka");
        source.put("pointer.init.reset", "earliest");
        ObjectNode param = source.putObject("param");
        param.put("topic", topic);
        param.put("bootstrap_servers", bootstrapServers);
        ObjectNode body = JSON.createObjectNode();
        body.set("settings", settings);
        body.set("mappings", mapping());
        put(index, body);
    }

    private static JsonNode mapping() {
        try {
            return JSON.readTree(Envelopes.MAPPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void put(String index, ObjectNode body) {
        Http.Response r = http.put(url + "/" + index + "?wait_for_active_shards=all", body.toString());
        if (!r.ok()) {
            throw new IllegalStateException("Creating index " + index + " failed: " + r.status() + " " + r.body());
        }
    }

    void delete(String index) {
        http.delete(url + "/" + index + "?ignore_unavailable=true");
    }

    /** The names of the indices matching {@code pattern} (e.g. {@code bench-*}). */
    java.util.List<String> names(String pattern) {
        Http.Response r = http.get(url + "/_cat/indices/" + pattern + "?h=index&format=json&expand_wildcards=all");
        if (!r.ok()) {
            throw new IllegalStateException("Listing indices " + pattern + " failed: " + r.status() + " " + r.body());
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        for (JsonNode i : read(r.body())) {
            names.add(i.path("index").asText());
        }
        return names;
    }

    Progress progress(String index) {
        Http.Response r = http.get(url + "/" + index + "/_stats/indexing");
        if (!r.ok()) {
            throw new IllegalStateException("Stats of " + index + " failed: " + r.status() + " " + r.body());
        }
        JsonNode indexing = read(r.body()).path("_all").path("primaries").path("indexing");
        return new Progress(indexing.path("index_total").asLong(), indexing.path("index_failed").asLong());
    }

    /**
     * The native ingestion's counters (it indexes through its own engine, which the indexing stats don't count):
     * messages its processors applied, summed over the shards' {@code polling_ingest_stats}, as {@code indexed};
     * their version conflicts as {@code failed}.
     */
    Progress nativeProgress(String index) {
        Http.Response r = http.get(url + "/" + index + "/_stats?level=shards&filter_path=indices.*.shards.**.message_processor_stats");
        if (!r.ok()) {
            throw new IllegalStateException("Stats of " + index + " failed: " + r.status() + " " + r.body());
        }
        long processed = 0;
        long conflicts = 0;
        for (JsonNode shardCopies : read(r.body()).path("indices").path(index).path("shards")) {
            for (JsonNode copy : shardCopies) {
                JsonNode m = copy.path("polling_ingest_stats").path("message_processor_stats");
                processed += m.path("total_processed_count").asLong() - m.path("total_failed_count").asLong()
                        - m.path("total_invalid_message_count").asLong() - m.path("total_version_conflicts_count").asLong();
                conflicts += m.path("total_version_conflicts_count").asLong();
            }
        }
        return new Progress(processed, conflicts);
    }

    /** Shard-level bulk requests the node's write thread pool has completed so far (for docs per request). */
    long writeTasksCompleted() {
        Http.Response r = http.get(url + "/_nodes/_local/stats/thread_pool?filter_path=nodes.*.thread_pool.write.completed");
        long total = 0;
        for (JsonNode node : read(r.body()).path("nodes")) {
            total += node.path("thread_pool").path("write").path("completed").asLong();
        }
        return total;
    }

    /** Refreshes, then counts the documents (the check that all N arrived). */
    long refreshAndCount(String index) {
        http.post(url + "/" + index + "/_refresh", "{}");
        Http.Response r = http.get(url + "/" + index + "/_count");
        if (!r.ok()) {
            throw new IllegalStateException("Counting " + index + " failed: " + r.status() + " " + r.body());
        }
        return read(r.body()).path("count").asLong();
    }

    /** The native ingestion's per-shard state (GET /{index}/ingestion/_state), for the report's notes. */
    String nativeState(String index) {
        Http.Response r = http.get(url + "/" + index + "/ingestion/_state");
        return r.status() + " " + r.body();
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable JSON: " + body, e);
        }
    }
}
