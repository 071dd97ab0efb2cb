package io.inlet.common.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.config.InletConfig;
import io.inlet.common.ingest.Ingestion;
import io.inlet.services.OpenSearchNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensearch.client.RestHighLevelClient;

/**
 * {@code target.kind=alias} against OpenSearch 3.x and 2.x: writes go to the alias's write index and external
 * versions guard that index only. After a rollover, an older version of a document whose newer version is in the
 * earlier index is accepted into the new one: two copies, which is what the README says.
 */
class WriteAliasIT {

    private static void write(Ingestion ingestion, long offset, String id, long version) throws InterruptedException {
        ingestion.accept(Targets.message(offset, 0, "{\"_id\":\"" + id + "\",\"_version\":" + version + ",\"_source\":{\"v\":"
                + version + "}}"));
    }

    @ParameterizedTest(name = "OpenSearch {0}", autoCloseArguments = false)
    @MethodSource("io.inlet.common.it.Pipelines#bothVersions")
    void versionsGuardTheWriteIndexOnly(OpenSearchNode node) throws Exception {
        String alias = "orders-alias-" + node.version().replace('.', '-');
        String dlq = alias + "-dead-letters";
        assertTrue(node.client().put(node.url() + "/" + alias + "-000001", "{\"settings\":{\"number_of_replicas\":0},"
                + "\"aliases\":{\"" + alias + "\":{\"is_write_index\":true}}}").ok());
        InletConfig c = Targets.config(node, dlq, "index", alias, "target.kind", "alias");
        try (RestHighLevelClient client = Pipelines.client(node); Ingestion ingestion = Targets.ingestion(client, c)) {
            write(ingestion, 0, "a", 3);
            write(ingestion, 1, "b", 1);
            write(ingestion, 2, "a", 2); // older than what the write index holds: stale
            Pipelines.awaitIdle(ingestion, Duration.ofMinutes(1));
            assertEquals(1, ingestion.state().snapshot().totals().versionConflicts());

            assertTrue(node.client().post(node.url() + "/" + alias + "/_rollover", "").ok());
            write(ingestion, 3, "a", 2); // the same stale message again, now for the new write index
            write(ingestion, 4, "b", 5);
            write(ingestion, 5, "c", 1);
            Pipelines.awaitIdle(ingestion, Duration.ofMinutes(1));

            Map<String, List<String>> copies = Targets.read(node, alias).stream().collect(Collectors.groupingBy(
                    Targets.Stored::id, Collectors.mapping(d -> d.index() + " v" + d.version(), Collectors.toList())));
            assertEquals(List.of(alias + "-000001 v3", alias + "-000002 v2"), copies.get("a").stream().sorted().toList(),
                    "the older version is accepted by the new write index, which has never seen a: two copies");
            assertEquals(List.of(alias + "-000001 v1", alias + "-000002 v5"), copies.get("b").stream().sorted().toList());
            assertEquals(List.of(alias + "-000002 v1"), copies.get("c"));
            assertEquals(1, ingestion.state().snapshot().totals().versionConflicts(), "nothing more counted stale");
        }
    }

    @ParameterizedTest(name = "OpenSearch {0}", autoCloseArguments = false)
    @MethodSource("io.inlet.common.it.Pipelines#bothVersions")
    void noAliasNoWrite(OpenSearchNode node) throws Exception {
        String alias = "missing-alias-" + node.version().replace('.', '-');
        try (RestHighLevelClient client = Pipelines.client(node)) {
            InletConfig c = Targets.config(node, alias + "-dead-letters", "index", alias, "target.kind", "alias");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Targets.ingestion(client, c));
            assertEquals("Can't write to " + alias + ": there is no alias " + alias + " (target.kind=alias), and writing to it"
                    + " would create an index of that name: create the alias with its first index, e.g. PUT " + alias
                    + "-000001 {\"aliases\":{\"" + alias + "\":{\"is_write_index\":true}}}", e.getMessage());

            // two indices behind the alias and none the write index
            assertTrue(node.client().put(node.url() + "/" + alias + "-1", "{\"aliases\":{\"" + alias + "\":{}}}").ok());
            assertTrue(node.client().put(node.url() + "/" + alias + "-2", "{\"aliases\":{\"" + alias + "\":{}}}").ok());
            IllegalStateException none = assertThrows(IllegalStateException.class, () -> Targets.ingestion(client, c));
            assertTrue(none.getMessage().contains("points at 2 indices and none of them is its write index"), none.getMessage());
            assertFalse(Targets.exists(node, alias + "-000001"));
        }
    }
}
