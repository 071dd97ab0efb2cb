package io.inlet.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling: documents written straight to OpenSearch with {@code _bulk} (NDJSON), {@code concurrency}
 * requests in flight, {@code batchSize} documents each, the same operation Inlet and the native ingestion
 * perform ({@code index} with the envelope's id and external version). Responses are trimmed with
 * {@code filter_path} to the error flag and item errors; any item error fails the load (it must not be
 * counted as written), a 429 is retried.
 */
final class BulkLoader {

    record Result(long docs, double seconds, int batchSize, int concurrency) {
        double docsPerSecond() {
            return docs / seconds;
        }
    }

    private static final byte[] NEWLINE = {'\n'};

    private final String url;
    private final Envelopes envelopes;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    BulkLoader(String url, Envelopes envelopes) {
        this.url = url;
        this.envelopes = envelopes;
    }

    /** Writes documents [from, from + n) into {@code index}; returns when every batch was acknowledged. */
    Result load(String index, long from, long n, int batchSize, int concurrency) throws Exception {
        AtomicLong next = new AtomicLong(from);
        long end = from + n;
        URI uri = URI.create(url + "/_bulk?filter_path=errors,items.*.error");
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "bench-bulk");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    long first;
                    while ((first = next.getAndAdd(batchSize)) < end) {
                        send(uri, body(index, first, Math.min(end, first + batchSize)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(n, (System.nanoTime() - start) / 1e9, batchSize, concurrency);
    }

    private byte[] body(String index, long from, long to) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) (to - from) * 1200);
        for (long i = from; i < to; i++) {
            out.write(("{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + Envelopes.id(i) + "\",\"version\":"
                    + Envelopes.version(i) + ",\"version_type\":\"external\"}}\n").getBytes(StandardCharsets.UTF_8));
            out.write(envelopes.source(i));
            out.write(NEWLINE);
        }
        return out.toByteArray();
    }

    private void send(URI uri, byte[] body) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 429 && attempt < 50) {
                Thread.sleep(Math.min(2_000, 50L << Math.min(attempt, 5)));
                continue;
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("_bulk answered " + r.statusCode() + ": " + abbreviate(r.body()));
            }
            if (!r.body().startsWith("{\"errors\":false")) {
                throw new IllegalStateException("_bulk reported item errors: " + abbreviate(r.body()));
            }
            return;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 600 ? s : s.substring(0, 600) + "...";
    }
}
