package io.inlet.kinesis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.config.SettingsDoc;
import io.inlet.kinesis.ConfigExamplesTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code docs/settings-kinesis-worker.md} lists every worker setting as the code defines it.
 * Regenerate it with {@value #REGENERATE} from the project root.
 */
class WorkerSettingsDocTest {

    static final String DOC = "docs/settings-kinesis-worker.md";
    static final String REGENERATE = "mvn -B -q -pl connector-kinesis -am test -Dtest=WorkerSettingsDocTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dinlet.docs.write=true";

    static String render() {
        return SettingsDoc.markdown(KinesisWorkerConfig.configDef(), "Inlet Kinesis worker settings")
                .replace(SettingsDoc.REGENERATE_COMMAND, REGENERATE);
    }

    @Test
    void theCommittedDocIsUpToDate() throws IOException {
        Path doc = ConfigExamplesTest.examples().getParent().getParent().resolve(DOC);
        String rendered = render();
        if (Boolean.getBoolean("inlet.docs.write")) {
            Files.writeString(doc, rendered, StandardCharsets.UTF_8);
        }
        String stale = DOC + " is stale: run `" + REGENERATE + "` from the project root and commit the result";
        assertTrue(Files.exists(doc), stale);
        assertEquals(rendered, Files.readString(doc, StandardCharsets.UTF_8), stale);
        for (String group : KinesisWorkerConfig.configDef().groups()) {
            assertTrue(rendered.contains("\n## " + group + "\n"), group);
        }
        assertTrue(rendered.contains("| `aws.secret.access.key` | password | *none* |"), rendered);
    }
}
