package io.inlet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static Measurement m(String path, int run, double seconds) {
        return new Measurement(path, 4, run, 100_000, seconds, seconds * 0.9,
                Map.of("connect", new CpuMeter.Usage(10, 300L << 20), "opensearch", new CpuMeter.Usage(40, 1L << 30)),
                path.equals("inlet") ? new GcLog.Heap(200L << 20, 60L << 20, 256L << 20, 12, 0, 80, false) : null, "");
    }

    private static Results results() {
        Results r = new Results(100_000, 3, List.of(4), "bin/bench pipeline --messages 100000");
        for (int run = 1; run <= 3; run++) {
            r.measurements.add(m("ceiling", run, 2.0 + run * 0.1));
            r.measurements.add(m("inlet", run, 2.5 + run * 0.1));
            r.measurements.add(m("native", run, 3.0 + run * 0.1));
        }
        r.recoveries.add(new RecoveryRun.Result(4, 1, 100_000, 40_000, 6.0, 8.5, 9.0, 2_100, 2_100, 1000, 5.0));
        r.completedRuns = 3;
        return r;
    }

    @Test
    void reportsRatiosWithinRunsTargetsAndTheCommand() {
        String md = Report.render(results(), "Test", "chart.png");
        assertTrue(md.contains("bin/bench pipeline --messages 100000"), md);
        // inlet / ceiling per run (docs/s): 2.1/2.6, 2.2/2.7, 2.3/2.8 -> median 0.81
        assertTrue(md.contains("| Kafka path ≥ 0.8 × ceiling, 4 partitions | 0.81 (0.81–0.82) × | met |"), md);
        // inlet / native: 3.1/2.6 .. 3.3/2.8 -> median 1.19
        assertTrue(md.contains("| Kafka path ≥ 1.1 × native, 4 partitions | 1.19 (1.18–1.19) × | met |"), md);
        assertTrue(md.contains("peak 200 MB, after GC up to 60 MB, 0 full GCs, no OOM | met"), md);
        assertTrue(md.contains("| first write after restart | 8.5 s |"), md);
        assertTrue(md.contains("![throughput per configuration](chart.png)"), md);
    }

    @Test
    void theWorkersCpuAndTheGarbageCollectorsShareAgainstTheirTargets() {
        String md = Report.render(results(), "Test", null);
        // 10 CPU-s of the worker for 100,000 messages: 0.100 per 1,000
        assertTrue(md.contains("| Connect worker ≤ 0.012 CPU-s per 1,000 messages, 4 partitions | 0.100"), md);
        assertTrue(md.contains("re-applied ≤ one batch per partition plus what was in flight | 0.5"), md);
        Measurement m = new Measurement("inlet", 4, 1, 1_000, 1, 1, Map.of(), null, "",
                Map.of("task-thread-x", 0.6, "G# Conc##", 0.25, "GC Thread##", 0.15));
        assertEquals(0.4, Report.gcShare(m), 1e-9);
        assertTrue(Double.isNaN(Report.gcShare(m("inlet", 1, 1.0))), "no thread figures, no share");
    }

    @Test
    void ratioLinesForTheConsole() {
        assertEquals(List.of("4 partitions: Inlet / ceiling 0.81 (0.81–0.82), Inlet / native 1.19 (1.18–1.19)"), Report.ratioLines(results()));
        Results none = new Results(1000, 1, List.of(1), "x");
        assertEquals(List.of("1 partition: Inlet / ceiling not measured, Inlet / native not measured"), Report.ratioLines(none));
    }

    @Test
    void theSavedFiguresRenderTheSameReport() throws Exception {
        Results r = results();
        Results back = ReportMain.JSON.readValue(ReportMain.JSON.writeValueAsString(r), Results.class);
        assertEquals(Report.render(r, "T", null), Report.render(back, "T", null));
    }

    @Test
    void drawsAPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("c.png");
        Chart.write(results(), "Test", png);
        byte[] b = Files.readAllBytes(png);
        assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G');
    }
}
