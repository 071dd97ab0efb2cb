package io.inlet.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.common.it.IndexReader;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What both migration ITs share: the stream of envelopes they hand over, its model, the documents of an index, and
 * the README's {@code inlet-migrate.jar} lines run as a user runs them.
 */
final class MigrationKit {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String README_COMMAND = "java -jar migrate/target/inlet-migrate.jar";

    /** One message: the key it is written under, and its value. */
    record Message(String key, String value) {
    }

    private MigrationKit() {
    }

    /**
     * {@code count} envelopes for {@code ids} ids, keyed by id (so an id stays in one partition or shard), versions
     * rising in stream order, every ninth message a delete; {@code part} is "native" before {@code firstPart}, then
     * "inlet".
     */
    static List<Message> stream(int count, int ids, int firstPart) {
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "doc-" + (i % ids);
            // _version as a string: OpenSearch's own mapper takes no other (a number fails its cast, and DROP drops it)
            String value = i % 9 == 4
                    ? "{\"_id\":\"" + id + "\",\"_version\":\"" + (i + 1) + "\",\"_op_type\":\"delete\"}"
                    : "{\"_id\":\"" + id + "\",\"_version\":\"" + (i + 1) + "\",\"_op_type\":\"index\",\"_source\":{\"n\":" + i
                            + ",\"part\":\"" + (i < firstPart ? "native" : "inlet") + "\"}}";
            out.add(new Message(id, value));
        }
        return out;
    }

    /** What an index must hold after these messages: each id's last version, unless its last message deletes it. */
    static Map<String, Long> model(List<Message> messages) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        for (Message m : messages) {
            JsonNode v = JSON.readTree(m.value());
            if (v.path("_op_type").asText().equals("delete")) {
                out.remove(m.key());
            } else {
                out.put(m.key(), v.path("_version").asLong());
            }
        }
        return out;
    }

    /** Each document's id and version in {@code index}, after a refresh. */
    static Map<String, Long> versions(OpenSearchNode node, String index) throws Exception {
        node.client().post(node.url() + "/" + index + "/_refresh", "");
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, IndexReader.Doc> e : IndexReader.readAll(node, index).entrySet()) {
            out.put(e.getKey(), e.getValue().version());
        }
        return out;
    }

    /**
     * The README's {@code java -jar migrate/target/inlet-migrate.jar} lines for {@code --index index} (the dry run,
     * then the migration), with {@code localhost} URLs replaced as {@code urls} says, as arguments after the jar.
     */
    static List<List<String>> readmeCommands(Workspace ws, String index, Map<String, String> urls) throws Exception {
        List<List<String>> out = new ArrayList<>();
        for (String line : Files.readAllLines(ws.root().resolve("README.md"))) {
            if (line.startsWith(README_COMMAND) && line.contains(" --index " + index + " ")) {
                String args = line.substring(README_COMMAND.length()).trim();
                for (Map.Entry<String, String> u : urls.entrySet()) {
                    args = args.replace(u.getKey(), u.getValue());
                }
                out.add(List.of(args.split(" +")));
            }
        }
        assertEquals(2, out.size(), "the README shows the dry run, then the migration of " + index + ": " + out);
        assertTrue(out.get(0).contains("--dry-run") && !out.get(1).contains("--dry-run"), out.toString());
        return out;
    }

    /** Runs the jar as a user would, with this JVM's java; its output, after checking it exited 0. */
    static String run(Path jar, Path dir, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "inlet-migrate finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
