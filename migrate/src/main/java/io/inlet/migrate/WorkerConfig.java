package io.inlet.migrate;

import io.inlet.common.config.InletConfig;
import io.inlet.common.config.PointerSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Inlet Kinesis worker config equivalent to a native {@code ingestion_source} of type {@code kinesis}. The
 * shared settings are carried over as they are ({@link SharedSettings}); {@code param.stream}, {@code param.region},
 * {@code param.endpoint_override}, {@code param.access_key} and {@code param.secret_key} become {@code stream},
 * {@code region}, {@code kinesis.endpoint}, {@code aws.access.key.id} and {@code aws.secret.access.key}; everything
 * else is named in {@link #notCarried()} with the reason. The worker keeps its shard leases in DynamoDB, in the
 * table named by {@code application.name}, which the native ingestion has no counterpart of.
 */
final class WorkerConfig {

    private final Map<String, String> config = new LinkedHashMap<>();
    private final List<NotCarried> notCarried = new ArrayList<>();
    private final String stream;

    /**
     * @param source           the native index's ingestion source ({@code type=kinesis})
     * @param target           the regular index Inlet writes to
     * @param openSearchUrl    the OpenSearch URL the worker writes to
     * @param username         the basic-auth user, or null
     * @param password         the basic-auth password (with a user)
     * @param application      the worker's KCL application name (its lease table)
     * @param dynamoDbEndpoint a DynamoDB endpoint override for the lease table, or null for the regional one
     */
    WorkerConfig(NativeSource source, String target, String openSearchUrl, String username, String password,
            String application, String dynamoDbEndpoint) {
        stream = source.params().get("stream");
        if (stream == null || stream.isBlank()) {
            throw new IllegalArgumentException("the native index has no index.ingestion_source.param.stream: which"
                    + " stream it reads is unknown");
        }
        SharedSettings.openSearch(config, openSearchUrl, username, password);
        config.put("index", target);
        config.put("stream", stream);
        config.put("application.name", application);
        SharedSettings.carry(source, target, config, notCarried);
        source.params().forEach((name, value) -> {
            switch (name) {
                case "stream" -> { }
                case "region" -> config.put("region", value);
                case "endpoint_override" -> {
                    if (!value.isBlank()) {
                        config.put("kinesis.endpoint", value);
                    }
                }
                case "access_key" -> config.put("aws.access.key.id", value);
                case "secret_key" -> config.put(SharedSettings.SECRET_KEY, value);
                default -> notCarried.add(new NotCarried(NativeSource.PREFIX + "param." + name, value,
                        "not a parameter of OpenSearch's Kinesis source that Inlet knows; see docs/settings-kinesis-worker.md"));
            }
        });
        if (dynamoDbEndpoint != null) {
            config.put("dynamodb.endpoint", dynamoDbEndpoint);
        }
        new InletConfig(config); // refuses what Inlet would refuse, naming the setting
    }

    /**
     * Starts each shard at its native pointer: {@code reset_by_offset} with one sequence number per shard (the worker
     * finds the shard holding each). Shards not among them (they had read nothing) start at their earliest record.
     * Without any pointer, the native {@code pointer.init.reset} stays.
     */
    void startAt(List<String> sequenceNumbers) {
        if (sequenceNumbers.isEmpty()) {
            return;
        }
        config.put(PointerSettings.RESET, "reset_by_offset");
        config.put(PointerSettings.RESET_VALUE, String.join(",", sequenceNumbers));
        new InletConfig(config);
    }

    String stream() {
        return stream;
    }

    Map<String, String> config() {
        return config;
    }

    List<NotCarried> notCarried() {
        return notCarried;
    }
}
