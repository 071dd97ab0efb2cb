package io.inlet.common.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.ingest.Ingestion;
import io.inlet.common.ingest.Translator;
import io.inlet.common.mapper.DefaultMapper;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.Pointer;
import io.inlet.common.message.StreamMessage;
import io.inlet.common.retry.Backoff;
import io.inlet.common.retry.RetryPolicy;
import io.inlet.common.state.PartitionState;
import io.inlet.common.state.PollerState;
import io.inlet.common.writer.FakeBulk;
import io.inlet.common.writer.MemoryPool;
import io.inlet.common.writer.WriterOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackpressureTest {

    private final FakeBulk bulk = new FakeBulk(FakeBulk::ok, false);
    private final Ingestion ingestion = new Ingestion("unit", bulk,
            WriterOptions.defaults().withLinger(1).withBuffer(1 << 20, 4), MemoryPool.of(1 << 20, 4),
            Translator.toIndex(new DefaultMapper(), "orders"), new ErrorPolicy(ErrorStrategy.BLOCK), null,
            new Backoff(RetryPolicy.unlimited(10, 100)));
    private final PartitionState partition = ingestion.open("orders", "0", Pointer.Kind.KAFKA_OFFSET).state();

    @AfterEach
    void close() {
        ingestion.close();
    }

    private void offer(long from, int count) {
        for (long o = from; o < from + count; o++) {
            byte[] payload = ("{\"_id\":\"" + o + "\",\"_source\":{}}").getBytes(StandardCharsets.UTF_8);
            assertTrue(ingestion.offer(new StreamMessage("orders", "0", null, payload, Map.of(), new KafkaOffset(o), -1)));
        }
    }

    private void answerAll() throws InterruptedException {
        bulk.answerUntil(() -> ingestion.writer().bufferedMessages() == 0, 5_000,
                () -> "still buffered " + ingestion.writer().bufferedMessages());
    }

    @Test
    void stopsAtTheBoundAndGoesOnOnlyOnceTheBufferIsHalfEmpty() throws Exception {
        Backpressure b = ingestion.backpressure();
        offer(0, 3);
        assertFalse(b.update(false, List.of(partition)), "room for another message");
        offer(3, 1);
        assertTrue(b.update(false, List.of(partition)), "full");
        assertEquals(PollerState.PAUSED, partition.pollerState());
        assertTrue(b.holds(partition));

        answerAll();
        assertFalse(b.update(false, List.of(partition)));
        assertEquals(PollerState.POLLING, partition.pollerState());
    }

    @Test
    void recordsHandedBackStopReadingEvenWithRoomLeft() {
        assertTrue(ingestion.backpressure().update(true, List.of(partition)));
    }

    @Test
    void aBlockedPartitionIsHeldWithoutStoppingTheOthers() {
        partition.setBlocked(true);
        assertFalse(ingestion.backpressure().update(false, List.of(partition)));
        assertTrue(ingestion.backpressure().holds(partition));
    }

    @Test
    void awaitRoomWaitsShownPausedUntilAnswersFreeTheBuffer() throws Exception {
        offer(0, 4);
        CompletableFuture<Boolean> went = CompletableFuture.supplyAsync(() -> {
            try {
                return ingestion.backpressure().awaitRoom(partition, () -> false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        assertFalse(went.isDone());
        assertEquals(PollerState.PAUSED, partition.pollerState());

        answerAll();
        assertTrue(went.get(5, TimeUnit.SECONDS));
        assertEquals(PollerState.POLLING, partition.pollerState());
    }

    @Test
    void awaitRoomGivesUpWhenStopping() throws Exception {
        offer(0, 4);
        AtomicBoolean stopping = new AtomicBoolean();
        CompletableFuture<Boolean> went = CompletableFuture.supplyAsync(() -> {
            try {
                return ingestion.backpressure().awaitRoom(partition, stopping::get);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        stopping.set(true);
        assertFalse(went.get(5, TimeUnit.SECONDS));
        assertEquals(PollerState.POLLING, partition.pollerState(), "no longer shown paused once it gave up");
    }
}
