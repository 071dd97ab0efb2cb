package io.inlet.common.writer;

import io.inlet.common.error.DeadLetterSink;
import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.retry.Backoff;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.opensearch.client.RestClient;

/**
 * The one OpenSearch bulk writer of both runtimes. Messages queue in the order they come; a {@link Dispatcher}
 * forms batches (by count, bytes and a short linger) and keeps several {@code _bulk} requests in flight, as many
 * as an {@link AdaptiveLimit} allows, never two with operations on the same {@code _id} and nothing from a
 * partition blocked under BLOCK. Each request is worked by a {@link Sender}: every item is classified once
 * ({@link ItemClassifier}), what is retriable is retried with backoff for as long as it takes, and refused
 * messages go to the error strategy (DROP → dead letter, BLOCK → its partition waits). Memory is bounded by a
 * {@link MemoryPool}, the writer's own or one shared with the other tasks of its connector: {@link #submit} waits
 * while the buffer is full, and {@link #hasRoomFor} / {@link #isFull()} let a source hand a
 * message back and pause instead.
 */
public final class BulkWriter implements AutoCloseable {

    private final Dispatcher dispatcher;
    private final Thread dispatcherThread;
    private final ExecutorService senders;
    private final MemoryBound memory;

    /** A writer drawing on {@code memory}, a budget it may share with other writers (the tasks of a connector). */
    public BulkWriter(RestClient client, WriterOptions options, MemoryPool memory, ErrorPolicy policy,
                      DeadLetterSink deadLetters, WriteListener listener, Backoff backoff) {
        this(BulkTransport.openSearch(client, options.updateVersionField()), options, memory, policy, deadLetters,
                listener, backoff);
    }

    /** A writer sending through {@code transport}: OpenSearch, or a fake in unit tests. */
    public BulkWriter(BulkTransport transport, WriterOptions options, MemoryPool pool, ErrorPolicy policy,
               DeadLetterSink deadLetters, WriteListener listener, Backoff backoff) {
        this.memory = pool.join();
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(options.maxInFlight() + 1, r -> {
            Thread t = new Thread(r, "inlet-writer-sender-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        AdaptiveLimit limit = new AdaptiveLimit(Math.min(2, options.maxInFlight()), options.maxInFlight(), backoff.clock());
        Consumer<Pending> finished = p -> memory.release(p.bytes());
        this.dispatcher = new Dispatcher(options, policy, backoff, listener, finished, limit, senders);
        dispatcher.sender(new Sender(dispatcher, transport, limit, policy, deadLetters, listener, backoff, finished));
        this.dispatcherThread = new Thread(dispatcher, "inlet-writer-dispatcher");
        dispatcherThread.setDaemon(true);
        dispatcherThread.start();
    }

    /** Hands a message to the writer, waiting while the buffer is full (the Kinesis way: the shard stops polling). */
    public void submit(Pending p) throws InterruptedException {
        memory.acquire(p.bytes(), dispatcher::sourcePaused);
        dispatcher.enqueue(p);
    }

    /**
     * Hands a message to the writer at once, even over the buffer bound: check {@link #hasRoomFor} first to
     * stay within it (the Kafka way: a message that doesn't fit is handed back to the source, which pauses).
     */
    public void submitNow(Pending p) {
        memory.force(p.bytes());
        dispatcher.enqueue(p);
    }

    /**
     * True when {@code p} fits under the buffer bound now (into an empty buffer, anything fits). Only
     * writes finishing change the answer, and only towards true, so a single submitting thread
     * that checks before {@link #submitNow} never passes the bound.
     */
    public boolean hasRoomFor(Pending p) {
        return memory.fits(p.bytes());
    }

    /**
     * True when {@code bytes} more could be taken now without passing the bound: within this writer's share of
     * its memory pool, or in what the pool has free.
     */
    public boolean hasRoomForBytes(long bytes) {
        return memory.roomFor(bytes);
    }

    /** True when the buffer holds its bound of bytes or messages (the pool is full and this writer uses its share). */
    public boolean isFull() {
        return memory.atLeast(1.0);
    }

    /**
     * Tells the writer that its source stopped reading until the buffer has room (a Kafka task pausing its
     * partitions, a Kinesis shard waiting): what is queued is sent without lingering for more, as nothing more
     * comes until a request finishes. {@link #submit} says it by itself when it has to wait.
     */
    public void sourcePaused() {
        dispatcher.sourcePaused();
    }

    /** Waits while the buffer is full ({@link #isFull}), at most {@code timeout}; true when it has room. */
    public boolean awaitRoom(Duration timeout) throws InterruptedException {
        return memory.awaitBelowBound(timeout.toMillis());
    }

    /** True when the pool or this writer's share is at most half full: a paused source may resume. */
    public boolean hasRoom() {
        return !memory.atLeast(0.5);
    }

    /** Bytes this writer holds (its share of the pool's). */
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

    /** The bound in bytes of the pool this writer draws on. */
    public long bufferMaxBytes() {
        return memory.maxBytes();
    }

    /** The bound in messages of the pool this writer draws on. */
    public long bufferMaxMessages() {
        return memory.maxMessages();
    }

    /** Waits until every submitted message is finished (written, dead-lettered or cancelled); true if it happened in time. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return memory.awaitEmpty(timeout.toMillis());
    }

    /** What the writer is doing now: the adaptive limit, requests in flight, bytes per request. */
    public WriterStats stats() {
        return dispatcher.stats();
    }

    /** Stops sending. Messages not finished are not acknowledged, so the source replays them. */
    @Override
    public void close() {
        dispatcher.stop();
        dispatcherThread.interrupt();
        senders.shutdownNow();
        try {
            dispatcherThread.join(10_000);
            senders.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            memory.close();
        }
    }
}
