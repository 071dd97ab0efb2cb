package io.inlet.common.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.config.InletConfig;
import io.inlet.common.ingest.Ingestion;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.state.CountersSnapshot;
import io.inlet.services.OpenSearchNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensearch.client.RestHighLevelClient;

/**
 * {@code target.kind=data_stream} against OpenSearch 3.x and 2.x: messages are appended as {@code create} with
 * deterministic ids; a replay into the same backing index is answered 409 and counted stale; a replay after a
 * rollover lands in the new backing index (a second copy of exactly the replayed messages); deletes go to the
 * dead-letter index; without a data-stream template Inlet refuses to write and says what to create.
 */
class DataStreamIT {

    private static final long T0 = Instant.parse("2026-12-04T10:00:00Z").toEpochMilli();

    private static String v(OpenSearchNode node) {
        return node.version().replace('.', '-');
    }

    private static void feed(Ingestion ingestion, int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            ingestion.accept(Targets.message(i, T0 + i * 1000L, "{\"_id\":\"e" + i + "\",\"_version\":" + (i + 1)
                    + ",\"_source\":{\"n\":" + i + "}}"));
        }
        Pipelines.awaitIdle(ingestion, Duration.ofMinutes(2));
    }

    @ParameterizedTest(name = "OpenSearch {0}", autoCloseArguments = false)
    @MethodSource("io.inlet.common.it.Pipelines#bothVersions")
    void appendsOnceAndAReplayDuplicatesOnlyAcrossARollover(OpenSearchNode node) throws Exception {
        String stream = "events-ds-" + v(node);
        String dlq = stream + "-dead-letters";
        InletConfig c = Targets.config(node, dlq, "index", stream, "target.kind", "data_stream",
                "data_stream.create_template", "true");
        try (RestHighLevelClient client = Pipelines.client(node); Ingestion ingestion = Targets.ingestion(client, c)) {
            assertTrue(node.client().get(node.url() + "/_index_template/inlet-" + stream).ok(),
                    "data_stream.create_template made the template at start");
            feed(ingestion, 0, 600);
            ingestion.accept(Targets.message(600, T0, "{\"_id\":\"e1\",\"_op_type\":\"delete\"}"));
            Pipelines.awaitIdle(ingestion, Duration.ofMinutes(1));
            assertEquals(new KafkaOffset(600), ingestion.committed("events", "0").orElseThrow());

            List<Targets.Stored> first = Targets.read(node, stream);
            assertEquals(600, first.size());
            assertTrue(first.stream().allMatch(d -> d.index().startsWith(".ds-" + stream + "-")), "in the backing index");
            Targets.Stored e7 = first.stream().filter(d -> d.id().equals("e7")).findFirst().orElseThrow();
            assertEquals(1, e7.version(), "internal versioning: the envelope's _version is not sent");
            assertEquals("2026-12-04T10:00:07Z", e7.source().path("@timestamp").asText(), "@timestamp is the record time");
            assertEquals(Map.of("600", "APPEND_ONLY_TARGET"), Targets.deadLetters(node, dlq), "the delete is a dead letter");

            // a replay (after a crash, say) into the same backing index changes nothing: 409, counted stale
            ingestion.reset("events", "0");
            feed(ingestion, 300, 600);
            assertEquals(600, Targets.read(node, stream).size());
            CountersSnapshot counted = ingestion.state().snapshot().totals();
            assertEquals(300, counted.versionConflicts(), "the replayed messages counted stale: " + counted);

            // after a rollover the same ids land in the new backing index: a replay then duplicates what it replays
            assertTrue(node.client().post(node.url() + "/" + stream + "/_rollover", "").ok());
            ingestion.reset("events", "0");
            feed(ingestion, 500, 700);
            List<Targets.Stored> all = Targets.read(node, stream);
            assertEquals(700 + 100, all.size(), "e500-e599 twice, e600-e699 once");
            Map<String, Long> copies = all.stream().collect(Collectors.groupingBy(Targets.Stored::id, Collectors.counting()));
            Set<String> twice = copies.entrySet().stream().filter(e -> e.getValue() == 2).map(Map.Entry::getKey)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> replayed = Stream.iterate(500, i -> i + 1).limit(100).map(i -> "e" + i)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(replayed, twice, "exactly the messages replayed across the rollover have a second copy");
            Map<String, Long> perIndex = all.stream().collect(Collectors.groupingBy(Targets.Stored::index, Collectors.counting()));
            assertEquals(2, perIndex.size(), "two backing indices: " + perIndex);
            assertFalse(copies.containsKey("e700"));
        }
    }

    @ParameterizedTest(name = "OpenSearch {0}", autoCloseArguments = false)
    @MethodSource("io.inlet.common.it.Pipelines#bothVersions")
    void withoutATemplateNothingIsWrittenAndTheErrorSaysWhatToCreate(OpenSearchNode node) throws Exception {
        String stream = "events-nods-" + v(node);
        String dlq = "dead-letters-" + stream; // not matched by the data-stream template below
        try (RestHighLevelClient client = Pipelines.client(node)) {
            InletConfig fixed = Targets.config(node, dlq, "index", stream, "target.kind", "data_stream");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Targets.ingestion(client, fixed));
            assertTrue(e.getMessage().contains("there is no data stream " + stream + " and no index template with data_stream"
                    + " matches it, so writing to it would create a plain index: create one, e.g. PUT _index_template/" + stream
                    + " {\"index_patterns\":[\"" + stream + "\"],\"data_stream\":{}"), e.getMessage());
            assertTrue(e.getMessage().endsWith("or set data_stream.create_template=true"), e.getMessage());

            // a name made per message is checked before its first write: the message is a dead letter, no index made
            InletConfig templated = Targets.config(node, dlq, "index", stream + "-${topic}", "target.kind", "data_stream");
            try (Ingestion ingestion = Targets.ingestion(client, templated)) {
                feed(ingestion, 0, 3);
                assertEquals(new KafkaOffset(2), ingestion.committed("events", "0").orElseThrow());
            }
            assertFalse(Targets.exists(node, stream + "-events"), "no plain index was created");
            assertEquals(Map.of("0", "TARGET_MISSING", "1", "TARGET_MISSING", "2", "TARGET_MISSING"), Targets.deadLetters(node, dlq));

            // once the template exists, writes go
            assertTrue(node.client().put(node.url() + "/_index_template/" + stream, "{\"index_patterns\":[\"" + stream
                    + "-*\"],\"data_stream\":{},\"priority\":300}").ok());
            try (Ingestion ingestion = Targets.ingestion(client, templated)) {
                feed(ingestion, 3, 6);
            }
            List<Targets.Stored> docs = Targets.read(node, stream + "-events");
            assertEquals(Set.of("e3", "e4", "e5"), docs.stream().map(Targets.Stored::id).collect(Collectors.toSet()));
            assertTrue(node.client().get(node.url() + "/_data_stream/" + stream + "-events").ok(), "a data stream, not an index");
        }
    }
}
