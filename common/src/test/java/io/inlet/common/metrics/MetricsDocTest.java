package io.inlet.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MetricsDocTest {

    static final String DOC = "docs/metrics.md";

    @Test
    void theCommittedDocIsUpToDate() throws IOException {
        Path doc = projectRoot().resolve(DOC);
        if (Boolean.getBoolean("inlet.docs.write")) {
            MetricsDoc.write(doc);
        }
        String stale = DOC + " is stale: run `" + MetricsDoc.REGENERATE_COMMAND + "` from the project root and commit"
                + " the result";
        assertTrue(Files.exists(doc), stale);
        assertEquals(MetricsDoc.markdown(), Files.readString(doc, StandardCharsets.UTF_8), stale);
        for (InletMetric m : InletMetric.values()) {
            assertTrue(MetricsDoc.markdown().contains("| `" + m.prometheusName() + "` |"), m.name());
        }
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("common/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no project root above " + Path.of("").toAbsolutePath());
    }
}
