package io.inlet.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.services.Http;
import io.inlet.services.OpenSearchNode;

/**
 * The write operations OpenSearch counted on the index during a run ({@code index_total + index_failed +
 * delete_total} of its indexing stats, a version conflict counting as a failed operation), read once a second
 * from OpenSearch directly and summed over OpenSearch restarts (a restart starts its counters at 0; the writes
 * between the last read and a kill are not counted, so the sum is a lower bound). Compared with the stream's
 * length it shows how many messages were written more than once.
 */
final class WriteCounter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenSearchNode node;
    private final String index;
    private long before;
    private long last;
    private volatile boolean running;
    private Thread thread;

    WriteCounter(OpenSearchNode node, String index) {
        this.node = node;
        this.index = index;
    }

    void start() {
        running = true;
        thread = new Thread(() -> {
            while (running) {
                poll();
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "faults-write-counter");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        poll();
    }

    synchronized long total() {
        return before + last;
    }

    private void poll() {
        try {
            Http.Response r = node.client().get(node.url() + "/" + index + "/_stats/indexing");
            if (!r.ok()) {
                return;
            }
            JsonNode i = JSON.readTree(r.body()).path("indices").path(index).path("primaries").path("indexing");
            long now = i.path("index_total").asLong() + i.path("index_failed").asLong() + i.path("delete_total").asLong();
            synchronized (this) {
                if (now < last) {
                    before += last; // OpenSearch restarted: its counters began again at 0
                }
                last = now;
            }
        } catch (Exception e) {
            // OpenSearch down or frozen: read again next second
        }
    }
}
