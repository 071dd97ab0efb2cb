package io.inlet.bench;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The disk a benchmark run needs in the services work folder, estimated from what it writes: every topic it loads
 * (the broker keeps them uncompressed) and the index copies that exist at once (each measurement deletes its index,
 * but segment merges can briefly double one), ~1 KB per message, plus a margin for logs, translogs and the servers.
 * A run refuses to start when the folder's file store has less usable space.
 */
record DiskNeed(long topicMessages, long indexMessages) {

    static final long BYTES_PER_MESSAGE = 1024;
    static final long MARGIN_BYTES = 2L << 30;
    /** Index copies at once: the measured index, and as much again while segments merge. */
    static final int INDEX_COPIES = 2;

    /** What the parts {@code o} runs write. */
    static DiskNeed of(PipelineOptions o, long warmupMessages) {
        long topics = 0;
        long largestIndex = 0;
        if (o.runs("ceiling") || o.runs("inlet") || o.runs("native")) {
            topics += o.messages() * o.partitions().size();
            largestIndex = o.messages();
        }
        if (o.runs("recovery")) {
            topics += o.recoveryMessages();
            largestIndex = Math.max(largestIndex, o.recoveryMessages());
        }
        if (o.runs("warmup") && (o.runs("inlet") || o.runs("native"))) {
            topics += warmupMessages;
            largestIndex = Math.max(largestIndex, warmupMessages);
        }
        if (o.runs("kinesis")) {
            largestIndex = Math.max(largestIndex, o.kinesisRecords());
        }
        return new DiskNeed(topics, largestIndex * INDEX_COPIES);
    }

    long bytes() {
        return (topicMessages + indexMessages) * BYTES_PER_MESSAGE + MARGIN_BYTES;
    }

    /** Throws, saying how much is needed and how much is free, when {@code usable} bytes are not enough. */
    void require(long usable, Path folder) {
        if (usable < bytes()) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "Not enough disk for this run in %s: it needs about %s (%,d messages in topics and %,d in index copies at ~1 KB each,"
                            + " plus %s for logs and servers), and %s is free. Free some space, point INLET_SERVICES_DIR at a larger disk,"
                            + " or lower --messages.",
                    folder, gb(bytes()), topicMessages, indexMessages, gb(MARGIN_BYTES), gb(usable)));
        }
    }

    /** {@link #require} against the file store that holds {@code folder} (or its nearest existing parent). */
    void requireOn(Path folder) throws IOException {
        require(usableSpace(folder), folder);
    }

    /** The usable bytes of the file store holding {@code folder}, or its nearest existing parent (it may not be made yet). */
    static long usableSpace(Path folder) throws IOException {
        Path p = folder.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        FileStore store = Files.getFileStore(p == null ? Path.of("/") : p);
        return store.getUsableSpace();
    }

    static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%,d messages in topics, %,d in index copies, at ~1 KB, + %s)", gb(bytes()),
                topicMessages, indexMessages, gb(MARGIN_BYTES));
    }
}
