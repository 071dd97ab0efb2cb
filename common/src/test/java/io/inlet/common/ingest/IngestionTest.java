package io.inlet.common.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.mapper.DefaultMapper;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.StreamMessage;
import io.inlet.common.retry.Backoff;
import io.inlet.common.retry.RetryPolicy;
import io.inlet.common.writer.WriterOptions;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.http.HttpHost;
import org.junit.jupiter.api.Test;
import org.opensearch.client.RestClient;

/** {@link Ingestion#offer}: never past the buffer bound, and a refused message is neither taken nor tracked. */
class IngestionTest {

    private static StreamMessage message(long offset) {
        String json = "{\"_id\":\"d" + offset + "\",\"_version\":" + (offset + 1) + ",\"_source\":{\"n\":" + offset + "}}";
        return StreamMessage.of("orders", "0", new KafkaOffset(offset), json.getBytes(StandardCharsets.UTF_8));
    }

    /** An OpenSearch that refuses connections: every write is retried, so what is taken stays in the buffer. */
    private static RestClient unreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return RestClient.builder(new HttpHost("127.0.0.1", port)).build();
    }

    @Test
    void offerTakesMessagesOnlyWhileTheyFitAndLeavesTheRestUntracked() throws Exception {
        WriterOptions options = WriterOptions.defaults().withBuffer(1L << 20, 3);
        try (RestClient client = unreachable();
             Ingestion ingestion = new Ingestion("test", client, options, Translator.toIndex(new DefaultMapper(), "orders"),
                     new ErrorPolicy(ErrorStrategy.DROP), null, new Backoff(new RetryPolicy(50, 200, RetryPolicy.UNLIMITED)))) {
            assertTrue(ingestion.offer(message(10)));
            assertTrue(ingestion.offer(message(11)));
            assertTrue(ingestion.offer(message(12)));
            assertFalse(ingestion.offer(message(13)), "a fourth message is over buffer.max.messages=3");
            assertEquals(3, ingestion.writer().bufferedMessages());
            assertEquals(Optional.empty(), ingestion.committed("orders", "0"));
            assertEquals(Optional.of(new KafkaOffset(10)), ingestion.oldestPending("orders", "0"));
            assertEquals(new KafkaOffset(12), ingestion.state().partitions().iterator().next().latestPointer(),
                    "the refused message is not tracked");
            assertFalse(ingestion.offer(message(13)), "offered again, still no room, and no rewind of the partition");
            assertEquals(Optional.of(new KafkaOffset(10)), ingestion.oldestPending("orders", "0"));
        }
    }

    @Test
    void oneMessageLargerThanTheWholeBoundFitsIntoAnEmptyBuffer() throws Exception {
        WriterOptions options = WriterOptions.defaults().withBuffer(16, 100);
        try (RestClient client = unreachable();
             Ingestion ingestion = new Ingestion("test", client, options, Translator.toIndex(new DefaultMapper(), "orders"),
                     new ErrorPolicy(ErrorStrategy.DROP), null, new Backoff(new RetryPolicy(50, 200, RetryPolicy.UNLIMITED)))) {
            assertTrue(ingestion.offer(message(0)), "so one large message can't wedge the partition");
            assertFalse(ingestion.offer(message(1)));
            assertTrue(ingestion.writer().peakBufferedBytes() > 16);
        }
    }
}
