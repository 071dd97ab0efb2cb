package io.inlet.common.mapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MapperTypeTest {

    @Test
    void readsTheConfigurationNames() {
        assertEquals(MapperType.DEFAULT, MapperType.fromName("default"));
        assertEquals(MapperType.FIELD_MAPPING, MapperType.fromName("field_mapping"));
        assertEquals(MapperType.RAW_PAYLOAD, MapperType.fromName("raw_payload"));
    }

    @ParameterizedTest
    @EnumSource(MapperType.class)
    void readsBackItsOwnName(MapperType type) {
        assertEquals(type, MapperType.fromName(type.configName()));
        assertEquals(type.configName(), type.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw", "DEFAULT", "Field_Mapping", " default", "", "fieldmapping"})
    void refusesAnyOtherNameListingTheValidOnes(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MapperType.fromName(name));
        assertEquals("unknown mapper_type \"" + name + "\"; valid values are: default, field_mapping, raw_payload",
                e.getMessage());
    }

    @Test
    void refusesNull() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MapperType.fromName(null));
        assertEquals("unknown mapper_type null; valid values are: default, field_mapping, raw_payload", e.getMessage());
    }
}
