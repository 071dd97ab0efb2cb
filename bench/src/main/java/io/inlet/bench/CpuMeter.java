package io.inlet.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Measures a window of a run for a set of named processes (Connect worker, broker, OpenSearch, the
 * benchmark JVM itself): CPU seconds used between {@link #start} and {@link #stop}, and the largest RSS
 * seen by a sampler every 250 ms.
 */
final class CpuMeter implements AutoCloseable {

    /** What one process used in the window. */
    record Usage(double cpuSeconds, long maxRssBytes) {
    }

    private final Map<String, Long> pids;
    private final Map<String, Double> cpuAtStart = new LinkedHashMap<>();
    private final Map<String, Long> maxRss = new java.util.concurrent.ConcurrentHashMap<>();
    private ScheduledExecutorService sampler;

    CpuMeter(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
    }

    void start() {
        pids.forEach((name, pid) -> cpuAtStart.put(name, ProcStats.cpuSeconds(pid)));
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-rss-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, 0, 250, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        pids.forEach((name, pid) -> {
            long rss = ProcStats.rssBytes(pid);
            if (rss > 0) {
                maxRss.merge(name, rss, Math::max);
            }
        });
    }

    Map<String, Usage> stop() {
        sampler.shutdownNow();
        sample();
        Map<String, Usage> usage = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            double now = ProcStats.cpuSeconds(pid);
            double before = cpuAtStart.getOrDefault(name, -1.0);
            usage.put(name, new Usage(now < 0 || before < 0 ? Double.NaN : now - before, maxRss.getOrDefault(name, -1L)));
        });
        return usage;
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}
