package io.inlet.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.kinesis.config.KinesisWorkerConfig;
import io.inlet.kinesis.config.Retrieval;
import io.inlet.kinesis.config.WorkerConfigCheck;
import io.inlet.kinesis.config.WorkerConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every worker configuration under config-examples/kinesis/ loads, is valid, and says when to use it. */
public class ConfigExamplesTest {

    public static Path examples() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("config-examples/kinesis"))) {
                return p.resolve("config-examples/kinesis");
            }
        }
        throw new AssertionError("config-examples/kinesis not found above " + here);
    }

    static List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(examples())) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void eachExampleIsValidAndHasAOneLineComment() throws Exception {
        List<Path> files = files();
        assertEquals(List.of("aws-default-credentials.json", "data-stream.json", "fan-out.json", "polling-local.json"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path f : files) {
            JsonNode raw = new ObjectMapper().readTree(f.toFile());
            String comment = raw.path("comment").asText("");
            assertTrue(comment.startsWith("Use ") && !comment.contains("\n") && comment.length() > 40,
                    f + ": a one-line comment saying when to use it, got '" + comment + "'");
            Map<String, String> props = WorkerConfigFile.read(f);
            assertFalse(props.containsKey("comment"));
            assertEquals(List.of(), WorkerConfigCheck.problems(props), f.toString());
            new KinesisWorkerConfig(props);
            assertEquals(0, WorkerMain.run(new String[] {"--config", f.toString(), "--check"}, System.out, System.err), f.toString());
        }
    }

    @Test
    void eachExampleMeansWhatItsNameSays() throws Exception {
        KinesisWorkerConfig polling = new KinesisWorkerConfig(WorkerConfigFile.read(examples().resolve("polling-local.json")));
        assertEquals(Retrieval.POLLING, polling.retrieval());
        assertTrue(polling.kinesisEndpoint() != null && polling.dynamoDbEndpoint() != null, "local emulators");
        KinesisWorkerConfig fanOut = new KinesisWorkerConfig(WorkerConfigFile.read(examples().resolve("fan-out.json")));
        assertEquals(Retrieval.FAN_OUT, fanOut.retrieval());
        assertEquals(2, fanOut.hosts().size());
        assertEquals("bearer", fanOut.managementAuth(), "on every interface, so locked");
        KinesisWorkerConfig aws = new KinesisWorkerConfig(WorkerConfigFile.read(examples().resolve("aws-default-credentials.json")));
        assertEquals(null, aws.awsSettings().accessKeyId(), "the default credentials chain");
        assertEquals(null, aws.kinesisEndpoint());
        assertEquals("orders", aws.streamName());
        KinesisWorkerConfig events = new KinesisWorkerConfig(WorkerConfigFile.read(examples().resolve("data-stream.json")));
        assertEquals(io.inlet.common.mapper.TargetKind.DATA_STREAM, events.targetKind());
        assertEquals("event_time", events.dataStreamTimestampField());
        assertTrue(events.dataStreamCreateTemplate());
    }

    @Test
    void anInvalidFileExitsWithTwoListingEveryProblem(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"comment\":\"x\",\"stream\":\"orders\",\"error_strategy\":\"SKIP\",\"aws.access.key.id\":\"A\"}");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = WorkerMain.run(new String[] {"--config", f.toString(), "--check"}, System.out,
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        String text = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        for (String key : List.of("opensearch.hosts", "index", "region", "application.name", "error_strategy",
                "aws.secret.access.key")) {
            assertTrue(text.contains("  - " + key + ": "), key + " in:\n" + text);
        }
        assertEquals(2, WorkerMain.run(new String[] {"--config"}, System.out, new java.io.PrintStream(err)));
        assertEquals(2, WorkerMain.run(new String[] {"--config", dir.resolve("none.json").toString()}, System.out,
                new java.io.PrintStream(err)));
    }
}
