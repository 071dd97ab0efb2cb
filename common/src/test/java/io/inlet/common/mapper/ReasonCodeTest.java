package io.inlet.common.mapper;

import io.inlet.common.message.StreamMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static io.inlet.common.mapper.TestMessages.kafka;
import static io.inlet.common.mapper.TestMessages.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every reason code a mapper gives is produced by some message, and its message names the field it reports.
 * {@code BAD_INDEX}, {@code BAD_ROUTING} and {@code MISSING_INDEX_VALUE} come from the translator, after the mapper (see
 * {@code TranslatorTest}); {@code APPEND_ONLY_TARGET} and {@code MISSING_TIMESTAMP} from a data stream's writes
 * ({@code DataStreamWritesTest}); {@code TARGET_MISSING} from the target check ({@code VerifiedTargetsTest}).
 */
class ReasonCodeTest {

    private static final MessageMapper DEFAULT = new DefaultMapper();
    private static final MessageMapper VERSIONED =
            new FieldMappingMapper(MapperSettings.defaults().withFields("id", "ts", null));

    private record Example(MessageMapper mapper, StreamMessage message) {
    }

    private static final Map<ReasonCode, Example> EXAMPLES = Map.ofEntries(
            Map.entry(ReasonCode.NULL_PAYLOAD, new Example(DEFAULT, kafka(null))),
            Map.entry(ReasonCode.MALFORMED_JSON, new Example(DEFAULT, kafka("{\"_id\":"))),
            Map.entry(ReasonCode.NOT_AN_OBJECT, new Example(DEFAULT, kafka("[]"))),
            Map.entry(ReasonCode.SOURCE_NOT_OBJECT, new Example(DEFAULT, kafka("{\"_source\":[]}"))),
            Map.entry(ReasonCode.MISSING_SOURCE, new Example(DEFAULT, kafka("{\"_id\":\"1\"}"))),
            Map.entry(ReasonCode.MISSING_ID, new Example(DEFAULT, kafka("{\"_op_type\":\"delete\"}"))),
            Map.entry(ReasonCode.BAD_ID, new Example(DEFAULT, kafka("{\"_id\":false,\"_source\":{}}"))),
            Map.entry(ReasonCode.BAD_VERSION, new Example(DEFAULT, kafka("{\"_version\":-2,\"_source\":{}}"))),
            Map.entry(ReasonCode.MISSING_VERSION, new Example(VERSIONED, kafka("{\"id\":1}"))),
            Map.entry(ReasonCode.BAD_OP_TYPE, new Example(DEFAULT, kafka("{\"_op_type\":1,\"_source\":{}}"))),
            Map.entry(ReasonCode.UNKNOWN_OP_TYPE, new Example(DEFAULT, kafka("{\"_op_type\":\"x\",\"_source\":{}}"))),
            Map.entry(ReasonCode.DUPLICATE_FIELD, new Example(DEFAULT, kafka("{\"_id\":1,\"_id\":1,\"_source\":{}}"))));

    @ParameterizedTest
    @EnumSource(value = ReasonCode.class, mode = EnumSource.Mode.EXCLUDE,
            names = {"BAD_INDEX", "BAD_ROUTING", "MISSING_INDEX_VALUE", "APPEND_ONLY_TARGET", "MISSING_TIMESTAMP", "TARGET_MISSING"})
    void isProducedByAMessageAndNamesItsField(ReasonCode reason) {
        Example example = EXAMPLES.get(reason);
        assertNotNull(example, "no example message for " + reason);
        MessageRejectedException e = rejected(example.mapper(), example.message());
        assertEquals(reason, e.reason());
        String named = e.field() == null ? "payload" : e.field();
        assertTrue(e.getMessage().contains(named), () -> e.getMessage() + " does not name " + named);
    }
}
