package io.inlet.bench;

import java.util.Map;

/**
 * One throughput measurement: which path ({@code ceiling}, {@code inlet}, {@code native}) over how many
 * partitions (= shards), which run, how many documents in how many seconds (from the start: deployment,
 * index creation or the first bulk request; and from the first document indexed), and what each process
 * used meanwhile. {@code heap} is the Connect worker's, and {@code workerThreads} its CPU seconds per thread
 * group ({@link ThreadCpu}), for Inlet runs only.
 */
record Measurement(String path, int partitions, int run, long docs, double seconds, double secondsFromFirstDoc,
                   Map<String, CpuMeter.Usage> usage, GcLog.Heap heap, String detail, Map<String, Double> workerThreads) {

    Measurement(String path, int partitions, int run, long docs, double seconds, double secondsFromFirstDoc,
                Map<String, CpuMeter.Usage> usage, GcLog.Heap heap, String detail) {
        this(path, partitions, run, docs, seconds, secondsFromFirstDoc, usage, heap, detail, Map.of());
    }

    double docsPerSecond() {
        return docs / seconds;
    }

    /** CPU seconds a process used per 1,000 documents, NaN when unknown. */
    double cpuPer1000(String process) {
        CpuMeter.Usage u = usage.get(process);
        return u == null ? Double.NaN : u.cpuSeconds() * 1000.0 / docs;
    }

    String label() {
        return path + " " + partitions + "p";
    }
}
