package io.inlet.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds per thread group of one process, from {@code /proc/<pid>/task/<tid>/stat} (the thread's name is
 * the stat line's command; digits are folded so that e.g. every G1 worker counts as one group). The
 * difference of two snapshots says where a process's CPU went in a window: garbage collection, the JIT,
 * the Connect task threads, Inlet's writer (dispatcher and senders), the HTTP client's I/O threads. Threads that ended within
 * the window are missed.
 */
final class ThreadCpu {

    private ThreadCpu() {
    }

    static Map<String, Double> snapshot(long pid) {
        Map<String, Double> groups = new LinkedHashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    groups.merge(group(name), ProcStats.parseCpuTicks(stat) / ProcStats.TICKS, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return groups;
    }

    /** A thread name (at most 15 characters, as the kernel keeps it) with its numbers folded. */
    static String group(String name) {
        return name.replaceAll("\\d+", "#").trim();
    }

    /** after - before per group, largest first, groups under 1% of the total left out. */
    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> d = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            double v = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            if (v > 0) {
                d.put(e.getKey(), v);
                total += v;
            }
        }
        double floor = total * 0.01;
        Map<String, Double> sorted = new LinkedHashMap<>();
        d.entrySet().stream().filter(e -> e.getValue() >= floor)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
