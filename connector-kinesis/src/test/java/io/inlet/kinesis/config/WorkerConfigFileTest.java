package io.inlet.kinesis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerConfigFileTest {

    @Test
    void readsStringsNumbersBooleansAndArraysAndSkipsComments() {
        Map<String, String> m = WorkerConfigFile.parse("""
                {"comment": "when to use it", "_comment_2": "another note",
                 "opensearch.hosts": ["http://a:9200", "http://b:9200"],
                 "stream": "orders", "management.port": 8686, "opensearch.compression": true,
                 "pointer.init.reset.value": 49590338271490256608559692538361571095921575989136588898,
                 "ratio": 1.5, "dlq.index": null}
                """, "test");
        assertEquals(Map.of("opensearch.hosts", "http://a:9200,http://b:9200", "stream", "orders",
                "management.port", "8686", "opensearch.compression", "true",
                "pointer.init.reset.value", "49590338271490256608559692538361571095921575989136588898", "ratio", "1.5"), m);
    }

    @Test
    void refusesWhatIsNotAFlatObject() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkerConfigFile.parse("{\"stream\": {\"name\": \"orders\"}, \"index\": [[1]]}", "w.json"));
        assertTrue(e.getMessage().contains("stream: write a string, a number, a boolean or an array of those"), e.getMessage());
        assertTrue(e.getMessage().contains("index: write"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WorkerConfigFile.parse("[1]", "w.json"))
                .getMessage().contains("one JSON object"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WorkerConfigFile.parse("{\"a\":1,}", "w.json"))
                .getMessage().contains("not valid JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WorkerConfigFile.parse("{\"a\":1,\"a\":2}", "w.json"))
                .getMessage().contains("Duplicate field"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WorkerConfigFile.parse("{} {}", "w.json"))
                .getMessage().contains("not valid JSON"));
    }

    @Test
    void readsAFileAndNamesAMissingOne(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("worker.json");
        Files.writeString(f, "{\"stream\":\"orders\"}");
        assertEquals(Map.of("stream", "orders"), WorkerConfigFile.read(f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkerConfigFile.read(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
