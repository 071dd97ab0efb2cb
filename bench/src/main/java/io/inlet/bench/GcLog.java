package io.inlet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap of the Connect worker from its unified GC log ({@code -Xlog:gc:file=...}): each collection line
 * ({@code GC(7) Pause Young (Normal) (G1 Evacuation Pause) 141M->23M(256M) 4.1ms}) gives the heap used when
 * the collection started (the peak since the previous one) and after it (the live data). {@link #mark} and
 * {@link #since} read only the lines written in a window.
 */
final class GcLog {

    /** Heap figures of a window: the largest heap used before a collection and after one, the heap size, and counts. */
    record Heap(long peakBytes, long maxAfterGcBytes, long capacityBytes, int collections, int fullCollections, double pauseMillis,
                boolean outOfMemory) {

        Heap withOutOfMemory() {
            return new Heap(peakBytes, maxAfterGcBytes, capacityBytes, collections, fullCollections, pauseMillis, true);
        }
    }

    private static final Pattern LINE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)\\s+([0-9.]+)ms");

    private final Path file;

    GcLog(Path file) {
        this.file = file;
    }

    /** The current end of the log, to read a window from. */
    long mark() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    Heap since(long mark) {
        try {
            if (!Files.exists(file)) {
                return new Heap(-1, -1, -1, 0, 0, 0, false);
            }
            byte[] all = Files.readAllBytes(file);
            int from = (int) Math.min(mark, all.length);
            return parse(new String(all, from, all.length - from, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Heap(-1, -1, -1, 0, 0, 0, false);
        }
    }

    static Heap parse(String text) {
        long peak = -1;
        long after = -1;
        long capacity = -1;
        int count = 0;
        int full = 0;
        double pauses = 0;
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, bytes(m.group(1), m.group(2)));
                after = Math.max(after, bytes(m.group(3), m.group(4)));
                capacity = Math.max(capacity, bytes(m.group(5), m.group(6)));
                count++;
                if (line.contains("Pause Full")) {
                    full++;
                }
                pauses += Double.parseDouble(m.group(7));
            }
        }
        return new Heap(peak, after, capacity, count, full, pauses, text.contains("OutOfMemoryError"));
    }

    private static long bytes(String value, String unit) {
        long v = Long.parseLong(value);
        return switch (unit) {
            case "K" -> v << 10;
            case "M" -> v << 20;
            default -> v << 30;
        };
    }
}
