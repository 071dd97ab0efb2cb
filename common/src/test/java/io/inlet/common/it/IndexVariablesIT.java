package io.inlet.common.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inlet.common.config.InletConfig;
import io.inlet.common.ingest.Ingestion;
import io.inlet.common.message.KafkaOffset;
import io.inlet.services.OpenSearchNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensearch.client.RestHighLevelClient;

/**
 * Index names made from the record, against OpenSearch 3.x and 2.x: {@code ${timestamp:yyyy.MM.dd}} (the record
 * time, UTC) and {@code ${field:tenant}}; a message without the field is a dead letter, not a write elsewhere.
 */
class IndexVariablesIT {

    @ParameterizedTest(name = "OpenSearch {0}", autoCloseArguments = false)
    @MethodSource("io.inlet.common.it.Pipelines#bothVersions")
    void eachMessageGoesToTheIndexOfItsDayAndTenant(OpenSearchNode node) throws Exception {
        String prefix = "vars-" + node.version().replace('.', '-');
        String dlq = prefix + "-dead-letters";
        InletConfig c = Targets.config(node, dlq, "index", prefix + "-${field:tenant}-${timestamp:yyyy.MM.dd}");
        long lateOn4th = Instant.parse("2026-12-04T23:59:59Z").toEpochMilli();
        long earlyOn5th = Instant.parse("2026-12-05T00:00:01Z").toEpochMilli();
        try (RestHighLevelClient client = Pipelines.client(node); Ingestion ingestion = Targets.ingestion(client, c)) {
            ingestion.accept(Targets.message(0, lateOn4th, "{\"_id\":\"1\",\"_source\":{\"tenant\":\"Acme\"}}"));
            ingestion.accept(Targets.message(1, earlyOn5th, "{\"_id\":\"2\",\"_source\":{\"tenant\":\"acme\"}}"));
            ingestion.accept(Targets.message(2, earlyOn5th, "{\"_id\":\"3\",\"_source\":{\"tenant\":7}}"));
            ingestion.accept(Targets.message(3, earlyOn5th, "{\"_id\":\"4\",\"_source\":{\"other\":1}}"));
            ingestion.accept(Targets.message(4, earlyOn5th, "{\"_id\":\"1\",\"_op_type\":\"delete\"}"));
            Pipelines.awaitIdle(ingestion, Duration.ofMinutes(1));
            assertEquals(new KafkaOffset(4), ingestion.committed("events", "0").orElseThrow());
        }
        Map<String, String> where = new TreeMap<>();
        for (Targets.Stored d : Targets.read(node, prefix + "-*," + "-" + dlq)) {
            where.put(d.id(), d.index());
        }
        assertEquals(Map.of("1", prefix + "-acme-2026.12.04", "2", prefix + "-acme-2026.12.05", "3", prefix + "-7-2026.12.05"),
                where);
        assertEquals(Map.of("3", "MISSING_INDEX_VALUE", "4", "MISSING_INDEX_VALUE"), Targets.deadLetters(node, dlq),
                "a document without tenant, and a delete (no document to take tenant from)");
    }
}
