package io.inlet.migrate;

import io.inlet.common.config.ErrorSettings;
import io.inlet.common.config.InletConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The native ingestion settings whose names Inlet shares ({@code pointer.init.reset}, {@code error_strategy},
 * {@code mapper_type}, {@code mapper_settings.*}, {@code poll.max_batch_size}, {@code poll.timeout},
 * {@code num_processor_threads}), carried over as they are into either runtime's config; the shared
 * {@link InletConfig#configDef()} decides which names those are. The others are named, with why.
 */
final class SharedSettings {

    static final String PASSWORD = "opensearch.password";
    static final String SECRET_KEY = "aws.secret.access.key";
    /** Settings the plan does not print, and the config files that hold them are readable by their owner only. */
    static final Set<String> SECRETS = Set.of(PASSWORD, SECRET_KEY);

    /** Native settings with no Inlet counterpart, and why none is needed. */
    private static final Map<String, String> WHY = Map.of(
            "internal_queue_size", "Inlet bounds what it holds by buffer.max.bytes and buffer.max.messages",
            "all_active", "Inlet writes through the bulk API like any client; replicas follow the primary",
            "pointer_based_lag_update_interval", "Inlet's state API computes the lag when it is read",
            "source_partition_strategy", "Inlet assigns partitions or shards to its tasks or workers itself",
            "warmup.lag_threshold", "Inlet has no warm-up: searches see documents as the index refreshes",
            "warmup.timeout", "Inlet has no warm-up: searches see documents as the index refreshes");

    private SharedSettings() {
    }

    /** Where and as whom the config writes: the URL, and with a user basic authentication with its password. */
    static void openSearch(Map<String, String> config, String url, String username, String password) {
        config.put("opensearch.hosts", url);
        if (username != null) {
            config.put("opensearch.auth.type", "basic");
            config.put("opensearch.username", username);
            config.put(PASSWORD, password);
        }
    }

    /**
     * Puts the shared settings of {@code source} into {@code config} and names the rest in {@code notCarried}. Under
     * DROP (the default) it adds a dead-letter index: the native DROP discards refused messages, Inlet keeps them,
     * with the reason, and can re-drive them.
     */
    static void carry(NativeSource source, String target, Map<String, String> config, List<NotCarried> notCarried) {
        Set<String> shared = InletConfig.configDef().names();
        source.settings().forEach((name, value) -> {
            if (shared.contains(name)) {
                config.put(name, value);
            } else {
                notCarried.add(new NotCarried(NativeSource.PREFIX + name, value, WHY.getOrDefault(name,
                        "not an Inlet setting; see docs/settings-common.md for what Inlet offers")));
            }
        });
        if (!config.containsKey(ErrorSettings.ERROR_STRATEGY)
                || "drop".equalsIgnoreCase(config.get(ErrorSettings.ERROR_STRATEGY))) {
            config.put(ErrorSettings.DLQ_INDEX, target + "-dead-letters");
        }
    }
}
