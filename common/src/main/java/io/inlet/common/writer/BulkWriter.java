package io.inlet.common.writer;

import io.inlet.common.error.DeadLetterSink;
import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.retry.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.opensearch.client.RestClient;

/**
 * The one OpenSearch bulk writer of both runtimes. Messages are spread over lanes by {@code _id};
 * each lane batches (by count and bytes), keeps one request in flight, classifies every item once
 * ({@link ItemClassifier}), retries what is retriable with backoff for as long as it takes, and hands
 * refused messages to the error strategy (DROP → dead letter, BLOCK → wait). Memory is bounded:
 * {@link #submit} waits while the buffer is full, and {@link #hasRoomFor} / {@link #isFull()} let a
 * source hand a message back and pause instead.
 */
public final class BulkWriter implements AutoCloseable {

    private final Lane[] lanes;
    private final List<Thread> threads = new ArrayList<>();
    private final MemoryBound memory;

    public BulkWriter(RestClient client, WriterOptions options, ErrorPolicy policy, DeadLetterSink deadLetters,
                      WriteListener listener, Backoff backoff) {
        this.memory = new MemoryBound(options.bufferMaxBytes(), options.bufferMaxMessages());
        BulkExecutor executor = new BulkExecutor(client, options.updateVersionField());
        this.lanes = new Lane[options.lanes()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane(i, options, executor, policy, deadLetters, listener, backoff, p -> memory.release(p.bytes()));
            Thread t = new Thread(lanes[i], "inlet-writer-lane-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Hands a message to its lane, waiting while the buffer is full (the Kinesis way: the shard stops polling). */
    public void submit(Pending p) throws InterruptedException {
        memory.acquire(p.bytes());
        lane(p).enqueue(p);
    }

    /**
     * Hands a message to its lane at once, even over the buffer bound: check {@link #hasRoomFor} first to
     * stay within it (the Kafka way: a message that doesn't fit is handed back to the source, which pauses).
     */
    public void submitNow(Pending p) {
        memory.force(p.bytes());
        lane(p).enqueue(p);
    }

    /**
     * True when {@code p} fits under the buffer bound now (into an empty buffer, anything fits). Only
     * lanes finishing messages change the answer, and only towards true, so a single submitting thread
     * that checks before {@link #submitNow} never passes the bound.
     */
    public boolean hasRoomFor(Pending p) {
        return memory.fits(p.bytes());
    }

    private Lane lane(Pending p) {
        return lanes[Math.floorMod(p.laneKey(), lanes.length)];
    }

    /** True when the buffer holds its bound of bytes or messages. */
    public boolean isFull() {
        return memory.atLeast(1.0);
    }

    /** True when the buffer is at most half full: a paused source may resume. */
    public boolean hasRoom() {
        return !memory.atLeast(0.5);
    }

    public long bufferedBytes() {
        return memory.bytes();
    }

    public long bufferedMessages() {
        return memory.messages();
    }

    /** The most bytes held at once since start. */
    public long peakBufferedBytes() {
        return memory.peakBytes();
    }

    public long bufferMaxBytes() {
        return memory.maxBytes();
    }

    /** Waits until every submitted message is finished (written, dead-lettered or cancelled); true if it happened in time. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return memory.awaitEmpty(timeout.toMillis());
    }

    /** Stops the lanes. Messages not finished are not acknowledged, so the source replays them. */
    @Override
    public void close() {
        for (Lane l : lanes) {
            l.stop();
        }
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
