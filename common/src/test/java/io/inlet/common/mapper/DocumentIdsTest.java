package io.inlet.common.mapper;

import io.inlet.common.message.OpType;
import org.junit.jupiter.api.Test;

import static io.inlet.common.mapper.TestMessages.KAFKA_ID;
import static io.inlet.common.mapper.TestMessages.KINESIS_ID;
import static io.inlet.common.mapper.TestMessages.kafka;
import static io.inlet.common.mapper.TestMessages.kafkaWithKey;
import static io.inlet.common.mapper.TestMessages.kinesis;
import static io.inlet.common.mapper.TestMessages.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DocumentIdsTest {

    private static final MapperSettings PLAIN = MapperSettings.defaults();
    private static final MapperSettings KEYED = MapperSettings.defaults().withIdFromKey(true);

    @Test
    void derivesIdsFromStreamPartitionAndPointer() {
        assertEquals(KAFKA_ID, DocumentIds.fromPointer(kafka("{}")));
        assertEquals(KINESIS_ID, DocumentIds.fromPointer(kinesis("{}")));
        assertEquals(KINESIS_ID + ":3", DocumentIds.fromPointer(kinesis(3, "{}")));
    }

    @Test
    void prefersTheMessageIdThenTheKeyThenThePointer() throws Exception {
        var keyed = kafkaWithKey(utf8("k"), "{}");
        assertEquals("own", DocumentIds.resolve("own", OpType.INDEX, keyed, KEYED, "_id", "_id"));
        assertEquals("k", DocumentIds.resolve(null, OpType.INDEX, keyed, KEYED, "_id", "_id"));
        assertEquals(KAFKA_ID, DocumentIds.resolve(null, OpType.INDEX, keyed, PLAIN, "_id", "_id"));
        assertEquals(KAFKA_ID, DocumentIds.resolve(null, OpType.CREATE, kafkaWithKey(null, "{}"), KEYED, "_id", "_id"));
        assertEquals("k", DocumentIds.resolve(null, OpType.UPDATE, keyed, KEYED, "_id", "_id"));
    }

    @Test
    void neverDerivesAnIdForDeleteOrUpdate() {
        for (OpType op : new OpType[] {OpType.DELETE, OpType.UPDATE}) {
            MessageRejectedException e = assertThrows(MessageRejectedException.class,
                    () -> DocumentIds.resolve(null, op, kafka("{}"), PLAIN, "uid", "mapper_settings.id_field \"uid\""));
            assertEquals(ReasonCode.MISSING_ID, e.reason());
            assertEquals("uid", e.field());
            assertEquals("mapper_settings.id_field \"uid\" is required for a " + op.wireName()
                    + " (only index and create get an id derived from the stream position), got none", e.getMessage());
        }
    }

    @Test
    void readsKeysAsStrictUtf8() throws Exception {
        assertNull(DocumentIds.fromKey(kafkaWithKey(null, "{}")));
        assertEquals("ключ", DocumentIds.fromKey(kafkaWithKey(utf8("ключ"), "{}")));
        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> DocumentIds.fromKey(kafkaWithKey(new byte[] {(byte) 0xFF}, "{}")));
        assertEquals(ReasonCode.BAD_ID, e.reason());
        assertEquals("key", e.field());
    }

    @Test
    void checksEmptinessAndLengthInUtf8Bytes() throws Exception {
        assertEquals("x", DocumentIds.check("x", "_id", "_id"));
        assertEquals(170, DocumentIds.check("é".repeat(170), "_id", "_id").length());
        assertEquals(256, DocumentIds.check("é".repeat(256), "_id", "_id").length());
        assertEquals(ReasonCode.BAD_ID, assertThrows(MessageRejectedException.class,
                () -> DocumentIds.check("", "_id", "_id")).reason());
        MessageRejectedException tooLong = assertThrows(MessageRejectedException.class,
                () -> DocumentIds.check("a".repeat(513), "_id", "_id"));
        assertEquals("_id must be at most 512 bytes long (UTF-8), got 513 bytes: \"" + "a".repeat(64)
                + "\"... (513 characters)", tooLong.getMessage());
    }
}
