package io.inlet.services;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What OpenSearch to start: a version from Maven Central's integ-test-zip, with or without the
 * security plugin (TLS + basic auth, 2.19.x only), plus extra {@code opensearch.yml} settings, e.g.
 * {@code thread_pool.write.queue_size} for a 429 storm.
 */
public record OpenSearchSpec(String version, boolean secure, Map<String, String> settings, String heap) {

    public static final String V3 = System.getProperty("inlet.opensearch3.version", "3.8.0");
    public static final String V2 = System.getProperty("inlet.opensearch2.version", "2.19.4");
    public static final String SECURITY_PLUGIN = System.getProperty("inlet.opensearch.security.version", "2.19.4.0");

    public OpenSearchSpec {
        settings = Map.copyOf(settings);
        if (secure && !version.startsWith("2.")) {
            throw new IllegalArgumentException("the TLS + basic auth test cluster exists for OpenSearch 2.19.x only, not " + version);
        }
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
        return new OpenSearchSpec(version, secure, s, heap);
    }

    public OpenSearchSpec heap(String newHeap) {
        return new OpenSearchSpec(version, secure, settings, newHeap);
    }

    /** A short name for folders and logs, e.g. {@code opensearch-2.19.4-secure}. */
    public String label() {
        return "opensearch-" + version + (secure ? "-secure" : "");
    }
}
