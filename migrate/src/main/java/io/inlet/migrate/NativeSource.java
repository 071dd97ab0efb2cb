package io.inlet.migrate;

import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code index.ingestion_source.*} settings of an index fed by OpenSearch's pull-based ingestion, as set on
 * it (flat names, without the prefix): {@code type}, {@code param.*}, and the rest ({@code pointer.init.reset},
 * {@code error_strategy}, {@code mapper_type}, {@code mapper_settings.*}, {@code poll.max_batch_size}, ...).
 *
 * @param type     {@code kafka} or {@code kinesis}
 * @param params   the source's own parameters ({@code param.topic}, {@code param.bootstrap_servers}, ...), without
 *                 {@code param.}
 * @param settings every other ingestion setting, by its name under {@code index.ingestion_source.}
 */
record NativeSource(String type, Map<String, String> params, Map<String, String> settings) {

    static final String PREFIX = "index.ingestion_source.";

    /**
     * The ingestion source in an index's flat settings.
     *
     * @throws IllegalArgumentException when the index has no {@code index.ingestion_source.type}: it is not fed by
     *                                  pull-based ingestion
     */
    static NativeSource of(String index, Map<String, String> flatSettings) {
        Map<String, String> params = new TreeMap<>();
        Map<String, String> settings = new TreeMap<>();
        String type = null;
        for (Map.Entry<String, String> e : flatSettings.entrySet()) {
            if (!e.getKey().startsWith(PREFIX)) {
                continue;
            }
            String name = e.getKey().substring(PREFIX.length());
            if (name.equals("type")) {
                type = e.getValue();
            } else if (name.startsWith("param.")) {
                params.put(name.substring("param.".length()), e.getValue());
            } else {
                settings.put(name, e.getValue());
            }
        }
        if (type == null) {
            throw new IllegalArgumentException("index " + index + " has no index.ingestion_source.type: it is not fed by"
                    + " OpenSearch's pull-based ingestion, so there is nothing to hand over");
        }
        return new NativeSource(type, params, settings);
    }
}
