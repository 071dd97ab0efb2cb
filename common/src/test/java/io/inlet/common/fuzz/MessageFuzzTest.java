package io.inlet.common.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inlet.common.ingest.Translator;
import io.inlet.common.mapper.MapperSettings;
import io.inlet.common.mapper.MapperType;
import io.inlet.common.mapper.Mappers;
import io.inlet.common.mapper.MessageRejectedException;
import io.inlet.common.message.DocOp;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.StreamMessage;
import java.util.Arrays;
import java.util.Map;

/**
 * Any payload, through each mapper and the envelope parser: a message becomes one operation or is refused with a
 * reason code; nothing else escapes (an exception of any other kind, a hang or an allocation past the fuzzer's limit
 * is a finding). The first byte picks the mapper (0 default, 1 field_mapping, 2 raw_payload), the rest is the payload.
 * Seeds: {@code MessageFuzzTestInputs/} in the test resources.
 */
public class MessageFuzzTest {

    private static final Translator[] TRANSLATORS = {
            new Translator(Mappers.create(MapperType.DEFAULT, MapperSettings.defaults()), "logs-${topic}", null, "tenant"),
            new Translator(Mappers.create(MapperType.FIELD_MAPPING, MapperSettings.defaults()
                    .withFields("id", "version", "op").withOpValues("delete", "create")), "orders", null, null),
            new Translator(Mappers.create(MapperType.RAW_PAYLOAD, MapperSettings.defaults()), "raw", null, null),
    };

    /** The same property for Jazzer's own driver, which {@code bin/fuzz} runs for as long as it is asked to. */
    public static void fuzzerTestOneInput(byte[] input) {
        new MessageFuzzTest().everyPayloadBecomesAnOperationOrAClassifiedRefusal(input);
    }

    @FuzzTest(maxDuration = "3s")
    void everyPayloadBecomesAnOperationOrAClassifiedRefusal(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Translator translator = TRANSLATORS[Math.floorMod(input[0], TRANSLATORS.length)];
        byte[] payload = Arrays.copyOfRange(input, 1, input.length);
        StreamMessage m = new StreamMessage("Orders", "0", "k".getBytes(), payload, Map.of(), new KafkaOffset(7),
                1_700_000_000_000L);
        try {
            DocOp op = translator.translate(m);
            assertNotNull(op.index());
            assertNotNull(op.op());
        } catch (MessageRejectedException e) {
            assertNotNull(e.reason(), "a refusal carries its reason code");
        }
    }
}
