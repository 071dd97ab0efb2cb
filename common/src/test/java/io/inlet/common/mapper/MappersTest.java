package io.inlet.common.mapper;

import io.inlet.common.message.OpType;
import org.junit.jupiter.api.Test;

import static io.inlet.common.mapper.TestMessages.KAFKA_ID;
import static io.inlet.common.mapper.TestMessages.TARGET;
import static io.inlet.common.mapper.TestMessages.kafka;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MappersTest {

    @Test
    void createsTheMapperOfEachType() {
        MapperSettings settings = MapperSettings.defaults();
        assertInstanceOf(DefaultMapper.class, Mappers.create(MapperType.DEFAULT, settings));
        assertInstanceOf(FieldMappingMapper.class, Mappers.create(MapperType.FIELD_MAPPING, settings));
        assertInstanceOf(RawPayloadMapper.class, Mappers.create(MapperType.RAW_PAYLOAD, settings));
    }

    @Test
    void passesTheSettingsOn() throws Exception {
        MapperSettings settings = MapperSettings.defaults().withFields("key", null, "action").withVersionFromPointer(true);
        MessageMapper mapper = Mappers.create(MapperType.FIELD_MAPPING, settings);
        var op = mapper.map(kafka("{\"key\":\"a\",\"action\":\"delete\"}"), TARGET);
        assertEquals("a", op.id());
        assertEquals(OpType.DELETE, op.op());
        assertEquals(TestMessages.OFFSET, op.version());
        assertEquals(KAFKA_ID, Mappers.create(MapperType.RAW_PAYLOAD, settings).map(kafka("{}"), TARGET).id());
    }

    @Test
    void refusesNulls() {
        assertThrows(NullPointerException.class, () -> Mappers.create(null, MapperSettings.defaults()));
        assertThrows(NullPointerException.class, () -> Mappers.create(MapperType.DEFAULT, null));
    }
}
