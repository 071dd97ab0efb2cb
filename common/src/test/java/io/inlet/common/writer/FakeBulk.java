package io.inlet.common.writer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A bulk endpoint in memory: every request waits until the test answers it (in any order), or is answered at once
 * when {@code autoAnswer} is set (shared with the runtimes' unit tests through the test jar). Records what was sent, in what order, and which ids were in flight together.
 */
public final class FakeBulk implements BulkTransport {

    /** One request: what it carried, when it started (a global sequence number), and its answer. */
    public static final class Call {
        public final List<Pending.Write> items;
        final long started;
        final CompletableFuture<Result> answer = new CompletableFuture<>();
        volatile long answered = -1;

        Call(List<Pending.Write> items, long started) {
            this.items = List.copyOf(items);
            this.started = started;
        }
    }

    private final Function<Pending.Write, BulkItemResult> itemAnswer;
    private final boolean autoAnswer;
    private final List<Call> calls = new ArrayList<>();
    private final List<Call> outstanding = new ArrayList<>();
    private final Set<Integer> idsInFlight = new HashSet<>();
    private long sequence;
    private int mostInFlight;
    private final List<String> idOverlaps = new ArrayList<>();

    public FakeBulk(Function<Pending.Write, BulkItemResult> itemAnswer, boolean autoAnswer) {
        this.itemAnswer = itemAnswer;
        this.autoAnswer = autoAnswer;
    }

    public static BulkItemResult ok(Pending.Write w) {
        return new BulkItemResult(201, "created", null, null);
    }

    @Override
    public Result execute(List<Pending.Write> batch) {
        Call call;
        synchronized (this) {
            call = new Call(batch, ++sequence);
            calls.add(call);
            outstanding.add(call);
            Set<Integer> mine = new HashSet<>();
            for (Pending.Write w : batch) {
                if (idsInFlight.contains(w.idKey()) && !mine.contains(w.idKey())) {
                    idOverlaps.add(w.op().id() + " of " + w.message().describe());
                }
                mine.add(w.idKey());
            }
            idsInFlight.addAll(mine);
            mostInFlight = Math.max(mostInFlight, outstanding.size());
            notifyAll();
        }
        if (autoAnswer) {
            answer(call);
        }
        try {
            return call.answer.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the writer is closing
            return new RequestFailed(ItemClassifier.NO_RESPONSE, new Failure("io_exception", "interrupted"));
        } catch (Exception e) {
            throw new IllegalStateException("the test never answered " + call.items.size() + " items", e);
        }
    }

    /** Answers a request, item by item, with {@code itemAnswer}. */
    public void answer(Call call) {
        List<BulkItemResult> items = new ArrayList<>();
        for (Pending.Write w : call.items) {
            items.add(itemAnswer.apply(w));
        }
        synchronized (this) {
            outstanding.remove(call);
            call.items.forEach(w -> idsInFlight.remove(w.idKey()));
            call.answered = ++sequence;
            notifyAll();
        }
        call.answer.complete(new Items(items));
    }

    /** Answers every request as it comes until {@code done} holds; fails after {@code millis} with {@code what}. */
    public void answerUntil(BooleanSupplier done, long millis, Supplier<String> what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out answering requests: " + what.get());
            }
            for (Call call : awaitOutstanding(1, 20)) {
                answer(call);
            }
        }
    }

    /** Waits until at least {@code n} requests are outstanding (or {@code millis} passed); returns them, oldest first. */
    public synchronized List<Call> awaitOutstanding(int n, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (outstanding.size() < n && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
        return new ArrayList<>(outstanding);
    }

    /** A moment on the same scale as {@link Call#started} and {@link Call#answered}. */
    public synchronized long tick() {
        return ++sequence;
    }

    public synchronized List<Call> calls() {
        return new ArrayList<>(calls);
    }

    public synchronized int mostInFlight() {
        return mostInFlight;
    }

    public synchronized List<String> idOverlaps() {
        return new ArrayList<>(idOverlaps);
    }
}
