package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.config.SettingsDoc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * docs/settings-kafka.md is rendered from the connector's ConfigDef (its Kafka-only group; the shared
 * settings are in docs/settings-common.md), so the docs never drift from the code.
 */
class KafkaSettingsDocTest {

    static final String DOC = "docs/settings-kafka.md";
    static final String REGENERATE = "mvn -B -q -pl connector-kafka -am test -Dtest=KafkaSettingsDocTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dinlet.docs.write=true";

    static String render() {
        ConfigDef kafkaOnly = new ConfigDef();
        InletSinkConfig.configDef().configKeys().values().stream()
                .filter(k -> InletSinkConfig.GROUP.equals(k.group))
                .forEach(kafkaOnly::define);
        return SettingsDoc.markdown(kafkaOnly, "Inlet Kafka Connect sink: Kafka-only settings")
                .replace(SettingsDoc.REGENERATE_COMMAND, REGENERATE);
    }

    @Test
    void theCommittedDocIsUpToDate() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("connector-kafka/pom.xml"))) {
            root = root.getParent();
        }
        Path doc = root.resolve(DOC);
        String rendered = render();
        if (Boolean.getBoolean("inlet.docs.write")) {
            Files.writeString(doc, rendered, StandardCharsets.UTF_8);
        }
        String stale = DOC + " is stale: run `" + REGENERATE + "` from the project root and commit the result";
        assertTrue(Files.exists(doc), stale);
        assertEquals(rendered, Files.readString(doc, StandardCharsets.UTF_8), stale);
        for (String key : new String[] {"id.source", "version.source", "behavior.on.null.values", "kafka.bootstrap.servers", "state.index"}) {
            assertTrue(rendered.contains("`" + key + "`"), key);
        }
    }
}
