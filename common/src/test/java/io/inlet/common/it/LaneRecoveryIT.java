package io.inlet.common.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.message.DocOp;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.OpType;
import io.inlet.common.message.StreamMessage;
import io.inlet.common.retry.Backoff;
import io.inlet.common.retry.RetryPolicy;
import io.inlet.common.writer.BulkWriter;
import io.inlet.common.writer.ItemOutcome;
import io.inlet.common.writer.MemoryPool;
import io.inlet.common.writer.Pending;
import io.inlet.common.writer.WriteListener;
import io.inlet.common.writer.WriterOptions;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.Services;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.opensearch.client.RestHighLevelClient;

/**
 * An unexpected error inside a writer lane (here: the listener throwing once, as a bug would) does not stop
 * the lane: every message is still written and finished with, so the buffer drains and a paused source
 * resumes. (A stopped lane would hold its messages forever and keep its source paused.)
 */
class LaneRecoveryIT {

    @Test
    void aLaneKeepsWritingAfterAnUnexpectedError() throws Exception {
        OpenSearchNode node = Services.openSearch3();
        String index = "lane-recovery";
        AtomicBoolean thrown = new AtomicBoolean();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        WriteListener listener = new WriteListener() {
            @Override
            public void onWritten(Pending.Write write, ItemOutcome outcome) {
                if (thrown.compareAndSet(false, true)) {
                    throw new IllegalStateException("a bug in a listener");
                }
                acknowledged.add(write.op().id());
            }

            @Override
            public void onDeadLettered(Pending pending, io.inlet.common.writer.Failure failure) {
            }

            @Override
            public void onBlocked(Pending pending, io.inlet.common.writer.Failure failure) {
            }

            @Override
            public void onUnblocked(Pending pending) {
            }

            @Override
            public void onRetry(Pending pending, io.inlet.common.writer.Failure failure) {
            }
        };
        WriterOptions options = WriterOptions.defaults().withMaxInFlight(1).withMaxBatchSize(10);
        try (RestHighLevelClient client = Pipelines.client(node);
             BulkWriter writer = new BulkWriter(client.getLowLevelClient(), options,
                     MemoryPool.of(options.bufferMaxBytes(), options.bufferMaxMessages()), new ErrorPolicy(ErrorStrategy.DROP),
                     null, listener, new Backoff(new RetryPolicy(50, 200, RetryPolicy.UNLIMITED)))) {
            for (int i = 0; i < 50; i++) {
                byte[] source = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
                StreamMessage m = StreamMessage.of("s", "0", new KafkaOffset(i), source);
                writer.submit(new Pending.Write(new DocOp(index, "d" + i, OpType.INDEX, 1L, null, null, source, m), () -> false));
            }
            assertTrue(writer.awaitIdle(Duration.ofSeconds(60)), "every message finished with: the buffer drained");
        }
        assertTrue(thrown.get());
        assertEquals(50, acknowledged.size(), "after the error the lane went on and wrote the batch again: " + acknowledged.size() + " acknowledged");
        assertEquals(50, IndexReader.readAll(node, index).size(), "all 50 documents written");
    }
}
