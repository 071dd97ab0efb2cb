package io.inlet.common.mapper;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TargetTest {

    @Test
    void holdsIndexPipelineAndRouting() {
        Target t = new Target("docs", "enrich", "tenant-1");
        assertEquals("docs", t.index());
        assertEquals("enrich", t.pipeline());
        assertEquals("tenant-1", t.routing());
    }

    @Test
    void defaultsToNoPipelineAndNoRouting() {
        Target t = Target.of("docs");
        assertNull(t.pipeline());
        assertNull(t.routing());
    }

    @Test
    void refusesAMissingIndexOrBlankValues() {
        assertThrows(NullPointerException.class, () -> Target.of(null));
        assertThrows(IllegalArgumentException.class, () -> Target.of(" "));
        assertThrows(IllegalArgumentException.class, () -> new Target("docs", "", null));
        assertThrows(IllegalArgumentException.class, () -> new Target("docs", null, ""));
    }
}
