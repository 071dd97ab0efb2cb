package io.inlet.kafka.rest;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's config providers ({@code config.providers=file}, {@code config.providers.file.class=...},
 * {@code config.providers.file.param.*}), so that the REST extension reads a connector's config as its tasks get it:
 * Connect gives extensions the stored config, where a secret is still a {@code ${file:/path:key}} placeholder.
 * The resolved values are only used to reach OpenSearch, never returned or logged.
 */
public final class WorkerConfigProviders implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerConfigProviders.class);
    private static final String PREFIX = "config.providers";

    private final Map<String, ConfigProvider> providers;

    private WorkerConfigProviders(Map<String, ConfigProvider> providers) {
        this.providers = providers;
    }

    /** No providers: configs are used as they are. */
    public static WorkerConfigProviders none() {
        return new WorkerConfigProviders(Map.of());
    }

    /**
     * The providers the worker config names, each created and configured as the worker does.
     *
     * @throws IllegalArgumentException naming the provider whose class is missing or can't be created
     */
    public static WorkerConfigProviders of(Map<String, ?> workerConfig) {
        Map<String, ConfigProvider> out = new LinkedHashMap<>();
        for (String name : names(workerConfig)) {
            String key = PREFIX + "." + name + ".class";
            Object cls = workerConfig.get(key);
            if (cls == null) {
                throw new IllegalArgumentException("config.providers names '" + name + "' but " + key + " is not set");
            }
            ConfigProvider provider;
            try {
                provider = Utils.newInstance(cls.toString(), ConfigProvider.class);
            } catch (ClassNotFoundException | RuntimeException e) {
                out.values().forEach(p -> Utils.closeQuietly(p, "config provider"));
                throw new IllegalArgumentException("Couldn't create the config provider " + key + "=" + cls
                        + " for Inlet's REST extension: " + e.getMessage(), e);
            }
            provider.configure(params(workerConfig, PREFIX + "." + name + ".param."));
            out.put(name, provider);
        }
        if (!out.isEmpty()) {
            LOG.info("Inlet's REST extension reads connector configs through the worker's config providers {}", out.keySet());
        }
        return new WorkerConfigProviders(out);
    }

    /** The config with every {@code ${provider:path:key}} placeholder of a known provider replaced by its value. */
    public Map<String, String> resolve(Map<String, String> config) {
        if (providers.isEmpty()) {
            return config;
        }
        return new ConfigTransformer(providers).transform(config).data();
    }

    @Override
    public void close() {
        providers.forEach((name, p) -> Utils.closeQuietly(p, "config provider " + name));
    }

    /**
     * The providers {@code config.providers} lists; without it, those with a {@code config.providers.<name>.class}
     * (the worker's config as Connect hands it to REST extensions has dropped the list, but kept the classes).
     */
    private static List<String> names(Map<String, ?> workerConfig) {
        Object value = workerConfig.get(PREFIX);
        if (value == null) {
            return workerConfig.keySet().stream().filter(k -> k.startsWith(PREFIX + ".") && k.endsWith(".class"))
                    .map(k -> k.substring(PREFIX.length() + 1, k.length() - ".class".length()))
                    .filter(n -> !n.isEmpty() && !n.contains(".")).sorted().toList();
        }
        Collection<?> items = value instanceof Collection<?> c ? c : Arrays.asList(value.toString().split(","));
        return items.stream().map(o -> o.toString().trim()).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, Object> params(Map<String, ?> workerConfig, String prefix) {
        Map<String, Object> p = new HashMap<>();
        workerConfig.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                p.put(k.substring(prefix.length()), v);
            }
        });
        return p;
    }
}
