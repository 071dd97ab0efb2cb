package io.inlet.common.mapper;

import io.inlet.common.message.OpType;
import org.junit.jupiter.api.Test;

import static io.inlet.common.mapper.TestMessages.kafka;
import static io.inlet.common.mapper.TestMessages.kinesis;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentVersionsTest {

    private static final MapperSettings PLAIN = MapperSettings.defaults();
    private static final MapperSettings BY_OFFSET = MapperSettings.defaults().withVersionFromPointer(true);

    @Test
    void keepsTheMessageVersion() {
        assertEquals(5L, DocumentVersions.resolve(5L, OpType.INDEX, kafka(9, "{}"), BY_OFFSET));
        assertEquals(5L, DocumentVersions.resolve(5L, OpType.DELETE, kafka("{}"), PLAIN));
        assertNull(DocumentVersions.resolve(null, OpType.INDEX, kafka("{}"), PLAIN));
    }

    @Test
    void neverVersionsACreate() {
        assertNull(DocumentVersions.resolve(5L, OpType.CREATE, kafka("{}"), PLAIN));
        assertNull(DocumentVersions.resolve(null, OpType.CREATE, kafka("{}"), BY_OFFSET));
    }

    @Test
    void fallsBackToTheKafkaOffsetOnlyWhenAsked() {
        assertEquals(9L, DocumentVersions.resolve(null, OpType.UPDATE, kafka(9, "{}"), BY_OFFSET));
        assertEquals(0L, DocumentVersions.resolve(null, OpType.INDEX, kafka(0, "{}"), BY_OFFSET));
        assertNull(DocumentVersions.resolve(null, OpType.INDEX, kinesis("{}"), BY_OFFSET));
        assertTrue(DocumentVersions.fromPointer(kafka("{}"), BY_OFFSET));
        assertFalse(DocumentVersions.fromPointer(kinesis("{}"), BY_OFFSET));
        assertFalse(DocumentVersions.fromPointer(kafka("{}"), PLAIN));
    }
}
