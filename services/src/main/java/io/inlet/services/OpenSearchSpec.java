package io.inlet.services;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What OpenSearch to start: a version from Maven Central's integ-test-zip, with or without the
 * security plugin (TLS + basic auth, 2.19.x only), plus extra {@code opensearch.yml} settings, e.g.
 * {@code thread_pool.write.queue_size} for a 429 storm, and extra plugins: prepared plugin folders (jars,
 * {@code plugin-descriptor.properties}, {@code plugin-security.policy}) copied into {@code plugins/}.
 */
public record OpenSearchSpec(String version, boolean secure, Map<String, String> settings, String heap, List<Path> plugins) {

    public static final String V3 = System.getProperty("inlet.opensearch3.version", "3.8.0");
    public static final String V2 = System.getProperty("inlet.opensearch2.version", "2.19.4");
    public static final String SECURITY_PLUGIN = System.getProperty("inlet.opensearch.security.version", "2.19.4.0");

    public OpenSearchSpec {
        settings = Map.copyOf(settings);
        plugins = List.copyOf(plugins);
        if (secure && !version.startsWith("2.")) {
            throw new IllegalArgumentException("the TLS + basic auth test cluster exists for OpenSearch 2.19.x only, not " + version);
        }
    }

    public OpenSearchSpec(String version, boolean secure, Map<String, String> settings, String heap) {
        this(version, secure, settings, heap, List.of());
    }

    public static OpenSearchSpec v3() {
        return new OpenSearchSpec(V3, false, Map.of(), "512m");
    }

    public static OpenSearchSpec v2() {
        return new OpenSearchSpec(V2, false, Map.of(), "512m");
    }

    public static OpenSearchSpec v2Secure() {
        return new OpenSearchSpec(V2, true, Map.of(), "512m");
    }

    public OpenSearchSpec with(String key, String value) {
        Map<String, String> s = new LinkedHashMap<>(settings);
        s.put(key, value);
        return new OpenSearchSpec(version, secure, s, heap, plugins);
    }

    public OpenSearchSpec heap(String newHeap) {
        return new OpenSearchSpec(version, secure, settings, newHeap, plugins);
    }

    /**
     * With a plugin installed from a prepared folder (its name is the plugin's folder name under
     * {@code plugins/}). The distribution is unpacked apart for each set of plugins (see {@link #label()}).
     */
    public OpenSearchSpec withPlugin(Path pluginFolder) {
        List<Path> p = new ArrayList<>(plugins);
        p.add(pluginFolder.toAbsolutePath().normalize());
        return new OpenSearchSpec(version, secure, settings, heap, p);
    }

    /** A short name for folders and logs, e.g. {@code opensearch-2.19.4-secure} or {@code opensearch-3.8.0-with-ingestion-kafka}. */
    public String label() {
        StringBuilder b = new StringBuilder("opensearch-").append(version).append(secure ? "-secure" : "");
        plugins.forEach(p -> b.append("-with-").append(p.getFileName()));
        return b.toString();
    }
}
