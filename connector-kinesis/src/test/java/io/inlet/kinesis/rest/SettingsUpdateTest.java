package io.inlet.kinesis.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.error.ErrorStrategy;
import org.junit.jupiter.api.Test;

class SettingsUpdateTest {

    @Test
    void readsTheErrorStrategyInAnyCase() {
        assertEquals(ErrorStrategy.DROP, SettingsUpdate.parse(ManagementApi.parseJson("{\"error_strategy\":\"drop\"}")).errorStrategy());
        assertEquals(ErrorStrategy.BLOCK, SettingsUpdate.parse(ManagementApi.parseJson("{\"error_strategy\":\"BLOCK\"}")).errorStrategy());
    }

    @Test
    void refusesOtherSettingsAndBadValues() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SettingsUpdate.parse(ManagementApi.parseJson("")))
                .getMessage().contains("{\"error_strategy\":\"DROP\"}"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SettingsUpdate.parse(ManagementApi.parseJson("{\"index\":\"x\"}"))).getMessage().contains("can't be changed at runtime"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SettingsUpdate.parse(ManagementApi.parseJson("{\"error_strategy\":\"SKIP\"}"))).getMessage().contains("write DROP or BLOCK"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SettingsUpdate.parse(ManagementApi.parseJson("{\"error_strategy\":1}"))).getMessage().contains("must be a string"));
    }
}
