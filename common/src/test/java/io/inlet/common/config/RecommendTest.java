package io.inlet.common.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecommendTest {

    @Test
    void choicesOffersTheValidValuesAndIsAlwaysVisible() {
        Recommend recommend = Recommend.choices(OneOf.anyCase(List.of("DROP", "BLOCK")));
        assertEquals(List.of("DROP", "BLOCK"), recommend.validValues("error_strategy", Map.of()));
        assertTrue(recommend.visible("error_strategy", Map.of()));
    }

    @Test
    void visibleWhenFollowsAnotherSetting() {
        Recommend recommend = Recommend.visibleWhen("opensearch.auth.type", "basic");
        assertTrue(recommend.visible("opensearch.username", Map.of("opensearch.auth.type", "BASIC")));
        assertFalse(recommend.visible("opensearch.username", Map.of("opensearch.auth.type", "none")));
        assertFalse(recommend.visible("opensearch.username", Map.of()));
        assertEquals(List.of(), recommend.validValues("opensearch.username", Map.of()));
    }
}
