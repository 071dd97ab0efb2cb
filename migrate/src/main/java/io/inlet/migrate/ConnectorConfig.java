package io.inlet.migrate;

import io.inlet.common.config.ErrorSettings;
import io.inlet.common.config.InletConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Inlet Kafka Connect config equivalent to a native {@code ingestion_source} of type {@code kafka}. A native
 * setting whose name Inlet shares ({@code pointer.init.reset}, {@code error_strategy}, {@code mapper_type},
 * {@code mapper_settings.*}, {@code poll.max_batch_size}, {@code poll.timeout}, {@code num_processor_threads}) is
 * carried over as it is; {@code param.topic} becomes {@code topics}, {@code param.bootstrap_servers}
 * {@code kafka.bootstrap.servers}; everything else is named in {@link #notCarried()} with the reason.
 */
final class ConnectorConfig {

    static final String CONNECTOR_CLASS = "io.inlet.kafka.InletSinkConnector";

    /** Native settings with no Inlet counterpart, and why none is needed. */
    private static final Map<String, String> WHY = Map.of(
            "internal_queue_size", "Inlet bounds what it holds by buffer.max.bytes and buffer.max.messages",
            "all_active", "Inlet writes through the bulk API like any client; replicas follow the primary",
            "pointer_based_lag_update_interval", "Inlet's state API computes the lag when it is read",
            "source_partition_strategy", "Connect assigns partitions to the connector's tasks",
            "warmup.lag_threshold", "Inlet has no warm-up: searches see documents as the index refreshes",
            "warmup.timeout", "Inlet has no warm-up: searches see documents as the index refreshes");

    private final Map<String, String> config = new LinkedHashMap<>();
    private final List<NotCarried> notCarried = new ArrayList<>();
    private final String topic;

    /**
     * @param source        the native index's ingestion source ({@code type=kafka})
     * @param target        the regular index Inlet writes to
     * @param openSearchUrl the OpenSearch URL the connector writes to
     * @param username      the basic-auth user, or null
     */
    ConnectorConfig(NativeSource source, String target, String openSearchUrl, String username) {
        topic = source.params().get("topic");
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("the native index has no index.ingestion_source.param.topic: which topic"
                    + " it reads is unknown");
        }
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("opensearch.hosts", openSearchUrl);
        if (username != null) {
            config.put("opensearch.auth.type", "basic");
            config.put("opensearch.username", username);
        }
        config.put("index", target);
        Set<String> shared = InletConfig.configDef().names();
        source.settings().forEach((name, value) -> {
            if (shared.contains(name)) {
                config.put(name, value);
            } else {
                notCarried.add(new NotCarried(NativeSource.PREFIX + name, value, WHY.getOrDefault(name,
                        "not an Inlet setting; see docs/settings-common.md for what Inlet offers")));
            }
        });
        if (!config.containsKey("error_strategy") || "drop".equalsIgnoreCase(config.get("error_strategy"))) {
            // native DROP discards refused messages; Inlet keeps them, with the reason, and can re-drive them
            config.put(ErrorSettings.DLQ_INDEX, target + "-dead-letters");
        }
        source.params().forEach((name, value) -> {
            switch (name) {
                case "topic" -> { }
                case "bootstrap_servers" -> config.put("kafka.bootstrap.servers", value);
                default -> notCarried.add(new NotCarried(NativeSource.PREFIX + "param." + name, value,
                        "a Kafka consumer property: set it on the Connect worker (consumer." + name + ") or as"
                                + " consumer.override." + name + " where the worker allows client overrides"));
            }
        });
        new InletConfig(config); // refuses what Inlet would refuse, naming the setting
    }

    String topic() {
        return topic;
    }

    Map<String, String> config() {
        return config;
    }

    List<NotCarried> notCarried() {
        return notCarried;
    }
}
