package io.inlet.common.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.common.message.Pointer;
import io.inlet.common.pointer.PartitionReset;
import java.nio.charset.StandardCharsets;

/**
 * Any resume body, for Kafka partitions (first byte even) and Kinesis shards (odd): the one {@code reset_settings}
 * parser returns entries or refuses with a message saying what to write; nothing else escapes. Seeds:
 * {@code ResetSettingsFuzzTestInputs/} in the test resources.
 */
public class ResetSettingsFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The same property for Jazzer's own driver, which {@code bin/fuzz} runs for as long as it is asked to. */
    public static void fuzzerTestOneInput(byte[] input) {
        new ResetSettingsFuzzTest().everyBodyIsEntriesOrARefusalSayingWhatToWrite(input);
    }

    @FuzzTest(maxDuration = "3s")
    void everyBodyIsEntriesOrARefusalSayingWhatToWrite(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Pointer.Kind kind = input[0] % 2 == 0 ? Pointer.Kind.KAFKA_OFFSET : Pointer.Kind.SEQUENCE_NUMBER;
        JsonNode body;
        try {
            body = JSON.readTree(new String(input, 1, input.length - 1, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return; // the management APIs answer 400 "not valid JSON" before the parser
        }
        try {
            for (PartitionReset r : PartitionReset.parseBody(body, kind)) {
                assertNotNull(r.describe());
                if (kind == Pointer.Kind.KAFKA_OFFSET && r.mode() == PartitionReset.Mode.OFFSET) {
                    r.kafkaOffset();
                }
            }
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage(), "a refusal says what to write");
        }
    }
}
