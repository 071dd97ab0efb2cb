package io.inlet.kafka.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerConfigProvidersTest {

    private static final String FILE_PROVIDER = "org.apache.kafka.common.config.provider.FileConfigProvider";

    @Test
    void aFilePlaceholderIsReplacedByTheFilesValue(@TempDir Path dir) throws Exception {
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "opensearch.password=from-the-file\n");
        try (WorkerConfigProviders p = WorkerConfigProviders.of(Map.of("config.providers", "file",
                "config.providers.file.class", FILE_PROVIDER))) {
            Map<String, String> resolved = p.resolve(Map.of("opensearch.password", "${file:" + secrets + ":opensearch.password}",
                    "index", "orders"));
            assertEquals(Map.of("opensearch.password", "from-the-file", "index", "orders"), resolved);
        }
    }

    @Test
    void aProviderIsFoundByItsClassWhenTheListIsGone(@TempDir Path dir) throws Exception {
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "k=v\n");
        // as a Connect worker hands its config to REST extensions: config.providers dropped, the classes kept
        try (WorkerConfigProviders p = WorkerConfigProviders.of(Map.of("config.providers.file.class", FILE_PROVIDER,
                "config.providers.file.param.allowed.paths", dir.toString()))) {
            assertEquals(Map.of("x", "v"), p.resolve(Map.of("x", "${file:" + secrets + ":k}")));
        }
    }

    @Test
    void withoutProvidersTheConfigIsUsedAsItIs() {
        Map<String, String> config = Map.of("opensearch.password", "${file:/nowhere:x}");
        assertSame(config, WorkerConfigProviders.of(Map.of("bootstrap.servers", "k:9092")).resolve(config));
        assertSame(config, WorkerConfigProviders.none().resolve(config));
    }

    @Test
    void aProviderWithoutItsClassIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkerConfigProviders.of(Map.of("config.providers", "vault")));
        assertTrue(e.getMessage().contains("config.providers.vault.class"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WorkerConfigProviders.of(Map.of("config.providers", "x",
                "config.providers.x.class", "no.such.Provider")));
        assertTrue(e.getMessage().contains("no.such.Provider"), e.getMessage());
    }
}
