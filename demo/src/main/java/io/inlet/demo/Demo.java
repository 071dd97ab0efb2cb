package io.inlet.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.services.Http;
import io.inlet.services.OpenSearchNode;
import java.io.PrintStream;
import java.util.Map;
import java.util.Properties;

/**
 * One run of the demo: a local stack, Inlet deployed on it, a change stream produced, live progress,
 * and a summary checked against the model of the stream. {@link KafkaDemo} and {@link KinesisDemo}
 * supply the stack; this class drives it.
 */
abstract class Demo implements AutoCloseable {

    static final String INDEX = "shop";
    static final String DLQ_INDEX = "shop-dead-letters";
    static final ObjectMapper JSON = new ObjectMapper();

    protected final PrintStream out;

    Demo(PrintStream out) {
        this.out = out;
    }

    abstract String mode();

    /** Starts the services and deploys Inlet. */
    abstract void start() throws Exception;

    abstract OpenSearchNode openSearch();

    /** Produces the stream, reporting each message the source acknowledged with {@link #produced}. */
    abstract void produce(DemoStream stream) throws Exception;

    /** Partition (or shard) → the offset or sequence number of the last message produced to it. */
    private final Map<String, java.math.BigInteger> lastProduced = new java.util.concurrent.ConcurrentHashMap<>();
    /** Partition (or shard) → messages produced to it so far (what its progress bar fills towards). */
    private final Map<String, Long> producedPerPartition = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong producedTotal = new java.util.concurrent.atomic.AtomicLong();

    /** Notes that a message was produced to {@code partition} at {@code pointer}. */
    protected void produced(String partition, java.math.BigInteger pointer) {
        lastProduced.merge(partition, pointer, java.math.BigInteger::max);
        producedPerPartition.merge(partition, 1L, Long::sum);
        producedTotal.incrementAndGet();
    }

    /**
     * True when every partition's committed pointer has reached the last message produced to it: the
     * whole stream is acknowledged by OpenSearch. (Counters would not do: a partition's counters start again
     * when it moves to another task or its lease is taken again, and the replayed messages count twice.)
     */
    boolean caughtUp(JsonNode state) {
        Map<String, java.math.BigInteger> committed = new java.util.HashMap<>();
        for (JsonNode p : state.path("partitions")) {
            String text = p.path("committed_pointer").asText("");
            if (!text.isEmpty() && !"null".equals(text)) {
                int colon = text.indexOf(':');
                committed.merge(p.path("partition").asText(),
                        new java.math.BigInteger(colon < 0 ? text : text.substring(0, colon)), java.math.BigInteger::max);
            }
        }
        return lastProduced.entrySet().stream()
                .allMatch(e -> committed.containsKey(e.getKey()) && committed.get(e.getKey()).compareTo(e.getValue()) >= 0);
    }

    /** The ingestion state document (partitions with counters). */
    abstract JsonNode state() throws Exception;

    /** Stops every process this demo started. */
    @Override
    public abstract void close();

    /** What status, pause and resume need, and the URLs the summary prints. */
    abstract Properties endpoints();

    /** Runs the demo to its summary; returns true when the index matched the model. */
    boolean run(int messages, boolean tty) throws Exception {
        out.println("Starting the local " + mode() + " stack (first run: unpacking OpenSearch takes a minute)...");
        start();
        createIndex();
        Properties p = endpoints();
        p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        p.setProperty("mode", mode());
        StackFile.write(p);
        DemoStream stream = new DemoStream(messages, 2024);
        out.println("Producing " + messages + " change events (orders and customers, with out-of-order versions,"
                + " deletes and " + stream.poisonMessages() + " poison messages)...");
        java.util.concurrent.CompletableFuture<Void> producing = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                produce(stream);
            } catch (Exception e) {
                throw new IllegalStateException("Producing the demo stream failed: " + e.getMessage(), e);
            }
        });
        Progress progress = new Progress(out, tty);
        long lastDraw = 0;
        while (true) {
            if (producing.isCompletedExceptionally()) {
                producing.join(); // throws why
            }
            JsonNode state = state();
            long now = System.currentTimeMillis();
            boolean done = producing.isDone() && caughtUp(state);
            if (done || now - lastDraw >= (tty ? 500 : 3_000)) {
                progress.draw(state, producedPerPartition, producedTotal.get(), messages);
                lastDraw = now;
            }
            if (done) {
                break;
            }
            Thread.sleep(250);
        }
        return summary(stream);
    }

    /**
     * Creates the target index before the first write, with {@code index.gc_deletes} longer than the demo: a
     * versioned delete then refuses the older versions that arrive after it however late they come (OpenSearch
     * forgets a delete's version after 60 s by default, and the Kinesis demo's stream spans longer than that).
     */
    private void createIndex() throws Exception {
        OpenSearchNode os = openSearch();
        Http.Response r = os.client().put(os.url() + "/" + INDEX,
                "{\"settings\":{\"index.gc_deletes\":\"1h\",\"index.number_of_replicas\":0}}");
        if (!r.ok() && r.status() != 400) {
            throw new IllegalStateException("Creating the index '" + INDEX + "' failed: " + r.status() + " " + r.body());
        }
        out.println("  created the index '" + INDEX + "' with index.gc_deletes=1h (see the README's delivery guarantee)");
    }

    private boolean summary(DemoStream stream) throws Exception {
        OpenSearchNode os = openSearch();
        Http http = os.client();
        http.post(os.url() + "/" + INDEX + "/_refresh", "");
        http.post(os.url() + "/" + DLQ_INDEX + "/_refresh", "");
        long docs = count(http, os.url() + "/" + INDEX + "/_count");
        long dead = count(http, os.url() + "/" + DLQ_INDEX + "/_count");
        long wrongVersions = wrongVersions(http, os.url(), stream.expectedVersions());
        boolean ok = docs == stream.expectedDocuments() && dead == stream.poisonMessages() && wrongVersions == 0;
        out.println();
        out.println("Summary");
        out.println("  documents in '" + INDEX + "': " + docs + " (the model of the stream expects " + stream.expectedDocuments()
                + ") " + (docs == stream.expectedDocuments() ? "OK" : "MISMATCH"));
        out.println("  documents with a wrong _version: " + wrongVersions + (wrongVersions == 0 ? " OK" : " MISMATCH"));
        out.println("  dead letters in '" + DLQ_INDEX + "': " + dead + " (poison messages produced: " + stream.poisonMessages()
                + ") " + (dead == stream.poisonMessages() ? "OK" : "MISMATCH"));
        Properties p = endpoints();
        out.println("  OpenSearch:   " + os.url() + "   e.g. curl '" + os.url() + "/" + INDEX + "/_search?q=status:paid&size=3'");
        out.println("  dead letters: curl '" + os.url() + "/" + DLQ_INDEX + "/_search?pretty'");
        p.stringPropertyNames().stream().filter(k -> k.startsWith("url.")).sorted()
                .forEach(k -> out.println("  " + String.format("%-13s", k.substring(4) + ":") + " " + p.getProperty(k)));
        out.println("RESULT " + (ok ? "OK" : "MISMATCH") + " documents=" + docs + " expected=" + stream.expectedDocuments()
                + " dead_letters=" + dead + " wrong_versions=" + wrongVersions);
        out.flush();
        return ok;
    }

    private static long count(Http http, String url) throws Exception {
        Http.Response r = http.get(url);
        if (r.status() == 404) {
            return 0; // no such index: nothing was written there (e.g. no dead letters)
        }
        return r.ok() ? JSON.readTree(r.body()).path("count").asLong() : -1;
    }

    /** Checks every expected document's _version with multi-get, in pages. */
    private static long wrongVersions(Http http, String base, Map<String, Long> expected) throws Exception {
        long wrong = 0;
        java.util.List<String> ids = new java.util.ArrayList<>(expected.keySet());
        for (int i = 0; i < ids.size(); i += 1000) {
            var page = ids.subList(i, Math.min(ids.size(), i + 1000));
            var body = JSON.createObjectNode();
            var arr = body.putArray("ids");
            page.forEach(arr::add);
            Http.Response r = http.post(base + "/" + INDEX + "/_mget?_source=false", body.toString());
            for (JsonNode d : JSON.readTree(r.body()).path("docs")) {
                if (!d.path("found").asBoolean() || d.path("_version").asLong() != expected.get(d.path("_id").asText())) {
                    wrong++;
                }
            }
        }
        return wrong;
    }
}
