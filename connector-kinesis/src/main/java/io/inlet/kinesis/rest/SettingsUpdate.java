package io.inlet.kinesis.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.config.ErrorSettings;
import io.inlet.common.error.ErrorStrategy;
import java.util.Iterator;

/**
 * The body of {@code PUT /ingestion/_settings}: the settings that may change while the worker runs.
 * Today that is {@code error_strategy} ({@code DROP} or {@code BLOCK}, any case), e.g. to let a shard
 * blocked on a record OpenSearch refuses move on: {@code {"error_strategy":"DROP"}}.
 *
 * @param errorStrategy the strategy to switch to
 */
public record SettingsUpdate(ErrorStrategy errorStrategy) {

    /**
     * Reads the body.
     *
     * @throws IllegalArgumentException saying what to write
     */
    public static SettingsUpdate parse(JsonNode body) {
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw new IllegalArgumentException("write a JSON object of settings to change, like {\"error_strategy\":\"DROP\"}");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals(ErrorSettings.ERROR_STRATEGY)) {
                throw new IllegalArgumentException("\"" + f + "\" can't be changed at runtime: only "
                        + ErrorSettings.ERROR_STRATEGY + " can (other settings need a restart with a new configuration)");
            }
        }
        JsonNode v = body.get(ErrorSettings.ERROR_STRATEGY);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(ErrorSettings.ERROR_STRATEGY + " must be a string: DROP or BLOCK");
        }
        try {
            return new SettingsUpdate(ErrorStrategy.fromName(v.asText()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid " + ErrorSettings.ERROR_STRATEGY + " \"" + v.asText()
                    + "\": write DROP or BLOCK");
        }
    }
}
