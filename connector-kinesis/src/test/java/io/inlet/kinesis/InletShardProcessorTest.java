package io.inlet.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.ingest.Ingestion;
import io.inlet.common.ingest.Translator;
import io.inlet.common.mapper.DefaultMapper;
import io.inlet.common.retry.Backoff;
import io.inlet.common.retry.RetryPolicy;
import io.inlet.common.state.PartitionSnapshot;
import io.inlet.common.state.PollerState;
import io.inlet.common.writer.FakeBulk;
import io.inlet.common.writer.MemoryPool;
import io.inlet.common.writer.WriterOptions;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * One shard's record processor against a fake bulk endpoint and a recording checkpointer, in milliseconds: the
 * KCL's rules (checkpoint only what OpenSearch acknowledged, SHARD_END only once everything is, nothing after the
 * lease is lost) and backpressure. The same against kinesis-local and dynalite is in the ITs.
 */
class InletShardProcessorTest {

    private static final String SHARD = "shardId-000000000000";

    private final List<String> checkpoints = new ArrayList<>();
    private final AtomicBoolean leaseGone = new AtomicBoolean();
    private final RecordProcessorCheckpointer checkpointer = recording(checkpoints, leaseGone);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final PauseGate gate = new PauseGate();
    private final ShardLedger ledger = new ShardLedger();
    private FakeBulk bulk;
    private Ingestion ingestion;
    private InletShardProcessor processor;

    @AfterEach
    void close() {
        stopping.set(true);
        if (ingestion != null) {
            ingestion.close();
        }
    }

    private void start(FakeBulk fake, int bufferMaxMessages, Duration flushTimeout) {
        bulk = fake;
        WriterOptions options = WriterOptions.defaults().withLinger(1).withBuffer(8 << 20, bufferMaxMessages);
        ingestion = new Ingestion("unit", bulk, options, MemoryPool.of(8 << 20, bufferMaxMessages),
                Translator.toIndex(new DefaultMapper(), "orders"), new ErrorPolicy(ErrorStrategy.DROP), null,
                new Backoff(RetryPolicy.unlimited(10, 100)));
        processor = new InletShardProcessor(new ProcessorContext(ingestion, "orders", "worker-1", gate, stopping::get,
                Duration.ZERO, flushTimeout, ledger));
        processor.initialize(InitializationInput.builder().shardId(SHARD)
                .extendedSequenceNumber(ExtendedSequenceNumber.TRIM_HORIZON).build());
    }

    private static KinesisClientRecord record(long sequence) {
        String data = "{\"_id\":\"" + sequence + "\",\"_version\":1,\"_source\":{\"n\":" + sequence + "}}";
        return KinesisClientRecord.builder().sequenceNumber(Long.toString(sequence)).subSequenceNumber(0)
                .partitionKey("k" + sequence).approximateArrivalTimestamp(Instant.now())
                .data(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8))).build();
    }

    private void process(long from, int count) {
        List<KinesisClientRecord> records = new ArrayList<>();
        for (long s = from; s < from + count; s++) {
            records.add(record(s));
        }
        processor.processRecords(ProcessRecordsInput.builder().records(records).checkpointer(checkpointer)
                .millisBehindLatest(0L).build());
    }

    private PartitionSnapshot state() {
        return ingestion.state().snapshot().find("orders", SHARD).orElseThrow();
    }

    /** Answers every request the writer sends until {@code count} records are acknowledged. */
    private void answerUntilAcknowledged(long count) throws InterruptedException {
        bulk.answerUntil(() -> state().counters().processed() >= count, 5_000,
                () -> "acknowledged " + state().counters().processed() + " of " + count);
    }

    @Test
    void checkpointsOnlyWhatOpenSearchAcknowledged() throws Exception {
        start(new FakeBulk(FakeBulk::ok, false), 1_000, Duration.ofSeconds(5));
        process(1, 3);
        assertEquals(List.of(), checkpoints, "nothing acknowledged yet");

        answerUntilAcknowledged(3);
        process(4, 0); // the KCL calls processRecords for an idle shard too
        assertEquals(List.of("3:0"), checkpoints);
        assertEquals("3", ledger.checkpoint(SHARD).orElseThrow().asString());
    }

    @Test
    void shardEndCheckpointsSHARD_ENDOnceEveryRecordIsAcknowledged() throws Exception {
        start(new FakeBulk(FakeBulk::ok, true), 1_000, Duration.ofSeconds(5));
        process(1, 3);
        processor.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());

        assertEquals("SHARD_END", checkpoints.get(checkpoints.size() - 1));
        assertEquals(PollerState.CLOSED, ledger.finishedShards().get(0).pollerState());
    }

    @Test
    void shardEndWithRecordsInFlightCheckpointsWhatIsAcknowledgedAndNotSHARD_END() throws Exception {
        start(new FakeBulk(w -> FakeBulk.ok(w), false), 1_000, Duration.ofMillis(200));
        process(1, 3);
        processor.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());

        assertEquals(List.of(), checkpoints, "the KCL ends the shard again later");
        assertEquals(PollerState.POLLING, state().pollerState());
    }

    @Test
    void afterTheLeaseIsLostNothingIsCheckpointedNorTaken() throws Exception {
        start(new FakeBulk(FakeBulk::ok, false), 1_000, Duration.ofSeconds(5));
        process(1, 3);
        processor.leaseLost(LeaseLostInput.builder().build());
        answerLateRequests();

        process(4, 2);
        processor.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());
        assertEquals(List.of(), checkpoints);
        assertTrue(ingestion.state().snapshot().find("orders", SHARD).isEmpty(), "the shard's state is dropped");
    }

    @Test
    void aFullBufferMakesTheShardWaitShownPausedUntilThereIsRoom() throws Exception {
        start(new FakeBulk(FakeBulk::ok, false), 2, Duration.ofSeconds(5));
        Thread reader = new Thread(() -> process(1, 5));
        reader.start();
        awaitPollerState(PollerState.PAUSED);
        assertTrue(reader.isAlive(), "processRecords waits: the KCL fetches nothing more for the shard");

        answerUntilAcknowledged(5);
        reader.join(5_000);
        assertEquals(PollerState.POLLING, state().pollerState());
        assertEquals(5, state().counters().processed());
    }

    @Test
    void stoppingWhileWaitingForRoomTakesNothingMoreAndCheckpointsBeforeIt() throws Exception {
        start(new FakeBulk(FakeBulk::ok, false), 2, Duration.ofSeconds(5));
        Thread reader = new Thread(() -> process(1, 5));
        reader.start();
        awaitPollerState(PollerState.PAUSED);
        stopping.set(true);
        reader.join(5_000);

        answerUntilAcknowledged(2);
        processor.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());
        assertEquals(List.of("2:0"), checkpoints, "records 3.. were never taken: the next owner reads them");
    }

    /** Answers what was sent before the lease was lost, if anything was (the writer may drop it unsent). */
    private void answerLateRequests() throws InterruptedException {
        for (FakeBulk.Call call : bulk.awaitOutstanding(1, 200)) {
            bulk.answer(call);
        }
    }

    private void awaitPollerState(PollerState expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (state().pollerState() != expected) {
            assertTrue(System.currentTimeMillis() < deadline, "poller_state " + state().pollerState());
            Thread.sleep(5);
        }
    }

    @Test
    void aCheckpointRefusedForALostLeaseStopsTakingAndCheckpointing() throws Exception {
        start(new FakeBulk(FakeBulk::ok, true), 1_000, Duration.ofSeconds(5));
        process(1, 2);
        answerUntilAcknowledged(2);
        List<String> whileHeld; // record 1 may be acknowledged, and checkpointed, while process(1, 2) still runs
        synchronized (checkpoints) {
            whileHeld = List.copyOf(checkpoints);
        }
        leaseGone.set(true);
        process(3, 0); // the checkpoint of 2 is refused: the lease is gone

        leaseGone.set(false);
        process(3, 2);
        processor.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());
        assertEquals(whileHeld, checkpoints, "nothing checkpointed once the lease was gone");
        assertEquals(2, state().counters().processed(), "records 3 and 4 were not taken");
    }

    /** A checkpointer that records each checkpoint as "sequence:sub" or "SHARD_END". */
    private static RecordProcessorCheckpointer recording(List<String> into, AtomicBoolean leaseGone) {
        return (RecordProcessorCheckpointer) Proxy.newProxyInstance(InletShardProcessorTest.class.getClassLoader(),
                new Class<?>[] {RecordProcessorCheckpointer.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("checkpoint")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (leaseGone.get()) {
                        throw new ShutdownException("the lease is gone");
                    }
                    synchronized (into) {
                        into.add(args == null ? "SHARD_END" : args[0] + ":" + args[1]);
                    }
                    return null;
                });
    }
}
