package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rendered settings, and the committed {@code docs/settings-common.md}: regenerate it with
 * {@value SettingsDoc#REGENERATE_COMMAND} from the project root.
 */
class SettingsDocTest {

    private static final String DOC = "docs/settings-common.md";

    @Test
    void renderingContainsEveryKeyWithItsRule() {
        ConfigDef def = InletConfig.configDef();
        String markdown = SettingsDoc.markdown(def, "Shared");
        assertTrue(markdown.startsWith("# Shared\n"), markdown);
        for (ConfigKey key : def.configKeys().values()) {
            assertTrue(markdown.contains("| `" + key.name + "` | " + key.type.name().toLowerCase() + " | "),
                    key.name);
            assertTrue(markdown.contains("**" + key.displayName + ".**"), key.name);
        }
        assertTrue(markdown.contains("| one of DROP, BLOCK (any case) |"), markdown);
        assertTrue(markdown.contains("| `opensearch.hosts` | list | *required* |"), markdown);
        assertTrue(markdown.contains("| `max_batch_size` | int | `5000` | at least 1 | medium |"), markdown);
        assertTrue(markdown.contains("| `pipeline` | string | *none* |"), markdown);
    }

    @Test
    void groupsAreSectionsInDefinitionOrder() {
        String markdown = SettingsDoc.commonMarkdown();
        int previous = -1;
        for (String group : InletConfig.configDef().groups()) {
            int at = markdown.indexOf("\n## " + group + "\n");
            assertTrue(at > previous, group);
            previous = at;
        }
        assertTrue(markdown.indexOf("`opensearch.hosts`") < markdown.indexOf("`opensearch.connect.timeout.ms`"));
    }

    @Test
    void pipesAreEscapedAndKeysWithoutGroupGoUnderOther() {
        ConfigDef def = new ConfigDef().define("a.b", ConfigDef.Type.STRING, "x|y", ConfigDef.Importance.LOW,
                "Either this | or that.");
        String markdown = SettingsDoc.markdown(def, "T");
        assertTrue(markdown.contains("## Other"), markdown);
        assertTrue(markdown.contains("`x\\|y`"), markdown);
        assertTrue(markdown.contains("Either this \\| or that."), markdown);
        for (String line : markdown.split("\n")) {
            if (line.startsWith("| `a.b`")) {
                assertEquals(8, line.split("(?<!\\\\)\\|", -1).length, line); // six cells between seven pipes
            }
        }
    }

    @Test
    void mainWritesTheSharedSettings(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out/settings.md");
        SettingsDoc.main(new String[] {file.toString()});
        assertEquals(SettingsDoc.commonMarkdown(), Files.readString(file));
        assertThrows(IllegalArgumentException.class, () -> SettingsDoc.main(new String[0]));
    }

    @Test
    void theCommittedDocIsUpToDate() throws IOException {
        Path doc = projectRoot().resolve(DOC);
        String rendered = SettingsDoc.commonMarkdown();
        if (Boolean.getBoolean("inlet.docs.write")) {
            SettingsDoc.write(doc);
        }
        String stale = DOC + " is stale: run `" + SettingsDoc.REGENERATE_COMMAND + "` from the project root"
                + " and commit the result";
        assertTrue(Files.exists(doc), stale);
        assertEquals(rendered, Files.readString(doc, StandardCharsets.UTF_8), stale);
        assertFalse(rendered.isBlank());
    }

    /** The folder holding {@code common/pom.xml}, found by walking up from the working directory. */
    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("common/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder above " + Path.of("").toAbsolutePath()
                + " contains common/pom.xml: run the tests from inside the Inlet project");
    }
}
