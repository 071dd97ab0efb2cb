package io.inlet.common.redrive;

import io.inlet.common.config.IndexNameRule;
import io.inlet.common.config.InletConfig;
import io.inlet.common.ingest.IngestionFactory.SourceRules;
import io.inlet.common.message.Pointer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The pipeline whose dead letters a re-drive writes back: its name (the connector, or the KCL application), its
 * config (the same translator, writer and targets as its ingestion), what its source adds, and the streams it reads.
 *
 * @param name    the connector or KCL application: the ledger document's id
 * @param config  the pipeline's settings
 * @param rules   what its source adds to translation (Kafka's id.source, version.source, tombstones)
 * @param kind    the kind of its pointers
 * @param streams the topics or stream it reads; empty when a pattern selects them ({@code topics.regex})
 */
public record RedrivePipeline(String name, InletConfig config, SourceRules rules, Pointer.Kind kind,
                              List<String> streams) {

    public RedrivePipeline {
        streams = List.copyOf(streams);
    }

    /**
     * The dead-letter indices to read: {@code dlq.index} for each stream, or as a pattern when the streams are not
     * known ({@code ${topic}} becomes {@code *}).
     *
     * @throws IllegalArgumentException when there is no dead-letter index, or the pattern would match every index
     */
    List<String> deadLetterIndices() {
        String dlq = config.dlqIndex();
        if (dlq == null) {
            throw new IllegalArgumentException("dlq.index is empty for " + name + ": its dead letters are not in"
                    + " OpenSearch, so there is nothing to re-drive (set dlq.index to keep dead letters there)");
        }
        if (!streams.isEmpty()) {
            Set<String> out = new LinkedHashSet<>();
            streams.forEach(s -> out.add(IndexNameRule.resolve(dlq, s)));
            return List.copyOf(out);
        }
        String pattern = dlq.replace("${topic}", "*").replace("${stream}", "*");
        if (pattern.replace("*", "").isEmpty()) {
            throw new IllegalArgumentException("dlq.index " + dlq + " names one index per topic with nothing else in"
                    + " the name, and topics.regex leaves the topics unknown: the pattern " + pattern + " would read every"
                    + " index. Give dlq.index a prefix, e.g. dlq-${topic}");
        }
        return List.of(pattern);
    }
}
