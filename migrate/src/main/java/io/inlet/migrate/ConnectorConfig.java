package io.inlet.migrate;

import io.inlet.common.config.InletConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Inlet Kafka Connect config equivalent to a native {@code ingestion_source} of type {@code kafka}. A native
 * setting whose name Inlet shares ({@code pointer.init.reset}, {@code error_strategy}, {@code mapper_type},
 * {@code mapper_settings.*}, {@code poll.max_batch_size}, {@code poll.timeout}, {@code num_processor_threads}) is
 * carried over as it is ({@link SharedSettings}); {@code param.topic} becomes {@code topics}, {@code param.bootstrap_servers}
 * {@code kafka.bootstrap.servers}; everything else is named in {@link #notCarried()} with the reason.
 */
final class ConnectorConfig {

    static final String CONNECTOR_CLASS = "io.inlet.kafka.InletSinkConnector";

    private final Map<String, String> config = new LinkedHashMap<>();
    private final List<NotCarried> notCarried = new ArrayList<>();
    private final String topic;

    /**
     * @param source        the native index's ingestion source ({@code type=kafka})
     * @param target        the regular index Inlet writes to
     * @param openSearchUrl the OpenSearch URL the connector writes to
     * @param username      the basic-auth user, or null
     * @param password      the basic-auth password (with a user)
     */
    ConnectorConfig(NativeSource source, String target, String openSearchUrl, String username, String password) {
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
        SharedSettings.openSearch(config, openSearchUrl, username, password);
        config.put("index", target);
        SharedSettings.carry(source, target, config, notCarried);
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
