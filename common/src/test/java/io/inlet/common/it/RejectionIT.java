package io.inlet.common.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.error.OpenSearchDeadLetterSink;
import io.inlet.common.ingest.Ingestion;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.state.PartitionSnapshot;
import io.inlet.common.state.PollerState;
import io.inlet.common.writer.WriterOptions;
import io.inlet.services.Await;
import io.inlet.services.Http;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.Services;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensearch.client.RestHighLevelClient;

/** Refused messages: DROP sends them to the dead-letter index with their reason; BLOCK stops at them. */
class RejectionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAPPING = "{\"properties\":{\"amount\":{\"type\":\"integer\"}}}";

    private static List<byte[]> messages(String... json) {
        return java.util.Arrays.stream(json).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Test
    void mappingConflictAndMalformedMessagesGoToTheDeadLetterIndexUnderDrop() throws Exception {
        OpenSearchNode node = Services.openSearch3();
        String index = "rejection-drop";
        Pipelines.createIndex(node, index, MAPPING);
        List<byte[]> payloads = messages(
                "{\"_id\":\"1\",\"_version\":1,\"_source\":{\"amount\":5}}",
                "{\"_id\":\"2\",\"_version\":1,\"_source\":{\"amount\":\"not a number\"}}",
                "{\"_id\":\"3\",\"_version\":1,\"_source\":{\"amount\":7}",
                "{\"_id\":\"4\",\"_version\":\"abc\",\"_source\":{\"amount\":8}}",
                "{\"_id\":\"5\",\"_version\":1,\"_source\":{\"amount\":9}}");
        try (RestHighLevelClient client = Pipelines.client(node);
             Ingestion ingestion = Pipelines.ingestion(client, index, WriterOptions.defaults(),
                     new ErrorPolicy(ErrorStrategy.DROP), new OpenSearchDeadLetterSink(client.getLowLevelClient(), "rejection-dlq"))) {
            Pipelines.feed(ingestion, "orders", "0", payloads, 0, payloads.size());
            Pipelines.awaitIdle(ingestion, Duration.ofMinutes(1));
            assertEquals(new KafkaOffset(4), ingestion.committed("orders", "0").orElseThrow(), "DROP moves past refused messages");
            PartitionSnapshot s = ingestion.state().snapshot().partitions().get(0);
            assertEquals(3, s.counters().dropped());
            assertEquals(2, s.counters().invalidMessages());
            assertEquals(1, s.counters().failed());
        }
        assertEquals(2, IndexReader.count(node, index), "ids 1 and 5 are indexed");
        JsonNode hits = dlq(node, "rejection-dlq");
        assertEquals(3, hits.size());
        assertEquals("mapper_parsing_exception", byPointer(hits, "1").path("reason").asText());
        assertEquals(index, byPointer(hits, "1").path("target_index").asText());
        assertTrue(byPointer(hits, "1").path("raw_payload").asText().contains("not a number"));
        assertEquals("MALFORMED_JSON", byPointer(hits, "2").path("reason").asText());
        assertEquals("BAD_VERSION", byPointer(hits, "3").path("reason").asText());
        assertTrue(byPointer(hits, "3").path("message").asText().contains("_version"), "the message names the field");
        assertEquals("orders", byPointer(hits, "3").path("stream").asText());
        assertEquals("0", byPointer(hits, "3").path("partition").asText());
    }

    @Test
    void blockStopsAtTheRefusedMessageUntilSwitchedToDrop() throws Exception {
        OpenSearchNode node = Services.openSearch3();
        String index = "rejection-block";
        Pipelines.createIndex(node, index, MAPPING);
        List<byte[]> payloads = messages(
                "{\"_id\":\"a\",\"_version\":1,\"_source\":{\"amount\":1}}",
                "{\"_id\":\"b\",\"_version\":1,\"_source\":{\"amount\":\"oops\"}}",
                "{\"_id\":\"c\",\"_version\":1,\"_source\":{\"amount\":3}}");
        ErrorPolicy policy = new ErrorPolicy(ErrorStrategy.BLOCK);
        try (RestHighLevelClient client = Pipelines.client(node);
             Ingestion ingestion = Pipelines.ingestion(client, index, WriterOptions.defaults().withMaxInFlight(1), policy,
                     new OpenSearchDeadLetterSink(client.getLowLevelClient(), "rejection-block-dlq"))) {
            Pipelines.feed(ingestion, "orders", "0", payloads, 0, payloads.size());
            Await.until("the partition BLOCKED", Duration.ofSeconds(30),
                    () -> ingestion.state().snapshot().partitions().get(0).pollerState() == PollerState.BLOCKED);
            PartitionSnapshot s = ingestion.state().snapshot().partitions().get(0);
            assertEquals(PollerState.BLOCKED, s.pollerState());
            assertEquals("mapper_parsing_exception", s.lastError().reason());
            assertEquals(new KafkaOffset(1), s.lastError().pointer(), "the state names the offset it stopped at");
            Thread.sleep(1500);
            assertEquals(new KafkaOffset(0), ingestion.committed("orders", "0").orElseThrow(), "BLOCK: nothing past offset 1 is committed");
            assertFalse(ingestion.writer().awaitIdle(Duration.ofMillis(200)));

            policy.switchTo(ErrorStrategy.DROP);
            Pipelines.awaitIdle(ingestion, Duration.ofSeconds(30));
            assertEquals(new KafkaOffset(2), ingestion.committed("orders", "0").orElseThrow());
            s = ingestion.state().snapshot().partitions().get(0);
            assertEquals(PollerState.POLLING, s.pollerState());
            assertEquals(ErrorStrategy.DROP, s.errorPolicy());
        }
        assertEquals(1, dlq(node, "rejection-block-dlq").size());
        assertEquals(2, IndexReader.count(node, index));
    }

    /**
     * BLOCK stops only the partition of the refused message: another partition writing through the same
     * lane goes on to its end, and the blocked partition's later messages wait behind the refused one, in
     * order, until the switch to DROP.
     */
    @Test
    void blockStopsOnlyThePartitionOfTheRefusedMessage() throws Exception {
        OpenSearchNode node = Services.openSearch3();
        String index = "rejection-block-one";
        Pipelines.createIndex(node, index, MAPPING);
        List<byte[]> blockedPartition = messages(
                "{\"_id\":\"a\",\"_version\":1,\"_source\":{\"amount\":1}}",
                "{\"_id\":\"b\",\"_version\":1,\"_source\":{\"amount\":\"oops\"}}",
                "{\"_id\":\"c\",\"_version\":1,\"_source\":{\"amount\":3}}",
                "{\"_id\":\"c\",\"_version\":2,\"_source\":{\"amount\":4}}");
        List<byte[]> other = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            other.add(("{\"_id\":\"o" + i + "\",\"_version\":1,\"_source\":{\"amount\":" + i + "}}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        ErrorPolicy policy = new ErrorPolicy(ErrorStrategy.BLOCK);
        try (RestHighLevelClient client = Pipelines.client(node);
             Ingestion ingestion = Pipelines.ingestion(client, index, WriterOptions.defaults().withMaxInFlight(1).withMaxBatchSize(5),
                     policy, new OpenSearchDeadLetterSink(client.getLowLevelClient(), "rejection-block-one-dlq"))) {
            Pipelines.feed(ingestion, "orders", "0", blockedPartition, 0, blockedPartition.size());
            Pipelines.feed(ingestion, "orders", "1", other, 0, other.size());
            Await.until("partition 1 committed to its end", Duration.ofSeconds(30),
                    () -> ingestion.committed("orders", "1").equals(java.util.Optional.of(new KafkaOffset(49))));
            assertEquals(java.util.Optional.of(new KafkaOffset(49)), ingestion.committed("orders", "1"),
                    "the other partition went on to its end through the same lane");
            assertEquals(new KafkaOffset(0), ingestion.committed("orders", "0").orElseThrow(), "the blocked one stays at its block");
            PartitionSnapshot blocked = ingestion.state().snapshot().partitions().stream()
                    .filter(p -> p.partition().equals("0")).findFirst().orElseThrow();
            assertEquals(PollerState.BLOCKED, blocked.pollerState());
            assertEquals(new KafkaOffset(1), blocked.lastError().pointer());

            policy.switchTo(ErrorStrategy.DROP);
            Pipelines.awaitIdle(ingestion, Duration.ofSeconds(30));
            assertEquals(new KafkaOffset(3), ingestion.committed("orders", "0").orElseThrow());
        }
        assertEquals(52, IndexReader.count(node, index));
        Http.Response c = node.client().get(node.url() + "/" + index + "/_doc/c");
        assertEquals(2, JSON.readTree(c.body()).path("_version").asLong(), "the messages behind the block kept their order");
    }

    private static JsonNode dlq(OpenSearchNode node, String index) throws Exception {
        Http http = node.client();
        http.post(node.url() + "/" + index + "/_refresh", "");
        Http.Response r = http.post(node.url() + "/" + index + "/_search", "{\"size\":100,\"sort\":[{\"pointer\":\"asc\"}]}");
        assertTrue(r.ok(), r.body());
        return JSON.readTree(r.body()).path("hits").path("hits");
    }

    private static JsonNode byPointer(JsonNode hits, String pointer) {
        for (JsonNode h : hits) {
            if (h.path("_source").path("pointer").asText().equals(pointer)) {
                return h.path("_source");
            }
        }
        throw new AssertionError("no dead letter at offset " + pointer + " in " + hits);
    }
}
