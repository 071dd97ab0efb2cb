package io.inlet.common.mapper;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapperSettingsTest {

    @Test
    void hasOpenSearchDefaults() {
        MapperSettings s = MapperSettings.defaults();
        assertEquals("id", s.idField());
        assertNull(s.versionField());
        assertNull(s.opTypeField());
        assertEquals("delete", s.deleteValue());
        assertEquals("create", s.createValue());
        assertFalse(s.idFromKey());
        assertFalse(s.versionFromPointer());
    }

    @Test
    void changesOneThingAtATime() {
        MapperSettings s = MapperSettings.defaults().withFields("k", "v", "o").withOpValues("d", "c")
                .withIdFromKey(true).withVersionFromPointer(true);
        assertEquals(new MapperSettings("k", "v", "o", "d", "c", true, true), s);
        assertFalse(s.withIdFromKey(false).idFromKey());
        assertTrue(s.withIdFromKey(false).versionFromPointer());
    }

    @Test
    void readsOpenSearchMapperSettings() {
        MapperSettings s = MapperSettings.fromMap(Map.of("id_field", "user_id", "version_field", "ts",
                "op_type_field", "op", "op_type_field.delete_value", "D", "op_type_field.create_value", "C"));
        assertEquals(new MapperSettings("user_id", "ts", "op", "D", "C", false, false), s);
        assertEquals(MapperSettings.defaults(), MapperSettings.fromMap(Map.of()));
        assertEquals(MapperSettings.defaults(), MapperSettings.fromMap(null));
    }

    @Test
    void refusesUnknownKeysListingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MapperSettings.fromMap(Map.of("idfield", "x")));
        assertEquals("unknown mapper_settings key \"idfield\"; valid keys are: id_field, version_field, op_type_field,"
                + " op_type_field.delete_value, op_type_field.create_value", e.getMessage());
    }

    @Test
    void refusesOpValuesWithoutAnOpField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MapperSettings.fromMap(Map.of("op_type_field.delete_value", "gone")));
        assertEquals("mapper_settings op_type_field.delete_value and op_type_field.create_value need op_type_field"
                + " to be set", e.getMessage());
    }

    @Test
    void refusesEqualDeleteAndCreateValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MapperSettings.defaults().withOpValues("x", "x"));
        assertEquals("mapper_settings op_type_field.delete_value and op_type_field.create_value must differ, both"
                + " are \"x\"", e.getMessage());
    }

    @Test
    void refusesTheSameFieldForTwoPurposes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MapperSettings.defaults().withFields("id", "id", null));
        assertEquals("mapper_settings id_field, version_field and op_type_field must name different fields, \"id\""
                + " is used twice", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MapperSettings.defaults().withFields("a", "b", "b"));
    }

    @Test
    void refusesBlankFieldNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MapperSettings.defaults().withFields(" ", null, null));
        assertEquals("mapper_settings id_field must name a top-level field, got \" \"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MapperSettings.defaults().withFields(null, null, null));
        assertThrows(IllegalArgumentException.class, () -> MapperSettings.defaults().withFields("id", "", null));
        assertThrows(IllegalArgumentException.class, () -> MapperSettings.defaults().withFields("id", null, ""));
        assertThrows(NullPointerException.class, () -> MapperSettings.defaults().withOpValues(null, "c"));
    }
}
