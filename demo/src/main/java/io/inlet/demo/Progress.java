package io.inlet.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the ingestion state as a table with a progress bar per partition or shard: in place on a
 * terminal (ANSI cursor movement), as plain lines otherwise.
 */
final class Progress {

    private final PrintStream out;
    private final boolean tty;
    private int linesDrawn;
    private long lastProcessed = -1;
    private long lastAt;
    private double rate;

    Progress(PrintStream out, boolean tty) {
        this.out = out;
        this.tty = tty;
    }

    /** Sum of one counter over the partitions of a state document. */
    static long total(JsonNode state, String counter) {
        long n = 0;
        for (JsonNode p : state.path("partitions")) {
            n += p.path("counters").path(counter).asLong();
        }
        return n;
    }

    /** Draws the table; {@code expected} gives, per partition, how many messages were produced to it. */
    void draw(JsonNode state, Map<String, Long> expected, long produced, long total) {
        long processed = total(state, "total_processed_count");
        long now = System.currentTimeMillis();
        if (lastProcessed >= 0 && now > lastAt) {
            double instant = (processed - lastProcessed) * 1000.0 / (now - lastAt);
            rate = rate == 0 ? instant : 0.7 * rate + 0.3 * instant;
        }
        lastProcessed = processed;
        lastAt = now;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-26s %-22s %10s %10s %10s %8s %8s%n",
                "partition", "progress", "committed", "end", "lag", "stale", "dropped"));
        for (JsonNode p : state.path("partitions")) {
            String name = p.path("stream").asText() + "-" + p.path("partition").asText();
            long done = p.path("counters").path("total_processed_count").asLong();
            long want = expected.getOrDefault(p.path("partition").asText(), 0L);
            String lag = p.hasNonNull("pointer_based_lag") ? Long.toString(p.path("pointer_based_lag").asLong())
                    : p.hasNonNull("lag_in_millis") ? p.path("lag_in_millis").asLong() + "ms" : "-";
            b.append(String.format(Locale.ROOT, "%-26s %-22s %10s %10s %10s %8d %8d%n",
                    shorten(name, 26), bar(done, want), shorten(p.path("committed_pointer").asText("-"), 10),
                    shorten(p.path("latest_pointer").asText("-"), 10), lag,
                    p.path("counters").path("total_version_conflicts_count").asLong(),
                    p.path("counters").path("total_dropped_count").asLong()));
        }
        b.append(String.format(Locale.ROOT, "produced %d/%d  processed %d  indexed %d  deleted %d  stale %d  dropped %d  %.0f msg/s%n",
                produced, total, processed, total(state, "total_indexed_count"), total(state, "total_deleted_count"),
                total(state, "total_version_conflicts_count"), total(state, "total_dropped_count"), rate));
        if (tty) {
            if (linesDrawn > 0) {
                out.print("\u001b[" + linesDrawn + "F");
            }
            out.print(b.toString().replace("\n", "\u001b[K\n"));
            linesDrawn = (int) b.chars().filter(c -> c == '\n').count();
        } else {
            out.print(b);
            out.println();
        }
        out.flush();
    }

    private static String bar(long done, long want) {
        int width = 14;
        double f = want <= 0 ? 0 : Math.min(1.0, (double) done / want);
        int filled = (int) Math.round(f * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + String.format(Locale.ROOT, "%3.0f%%", f * 100);
    }

    private static String shorten(String s, int n) {
        return s.length() <= n ? s : "…" + s.substring(s.length() - n + 1);
    }
}
