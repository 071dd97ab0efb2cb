package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.util.Arrays;
import java.util.List;

/** Settings of the "Pointer" group: where reading starts when nothing is committed yet. */
public final class PointerSettings {

    public static final String GROUP = "Pointer";

    public static final String RESET = "pointer.init.reset";
    public static final String RESET_DEFAULT = "earliest";
    static final OneOf RESET_MODES = OneOf.anyCase(PointerReset.allSpellings());
    private static final String RESET_DISPLAY = "Initial position";
    private static final String RESET_DOC = "Where to start reading a partition or shard that has no"
            + " committed pointer yet; once a pointer is committed, reading resumes from it and this is"
            + " ignored. earliest: the oldest message retained. latest: only messages arriving from now on."
            + " reset_by_offset: from the Kafka offset or Kinesis sequence number in pointer.init.reset.value."
            + " reset_by_timestamp: from the first message at or after the time in pointer.init.reset.value."
            + " none: fail, saying so, when nothing is committed. rewind_by_offset and rewind_by_timestamp are"
            + " accepted as synonyms of the reset_by_ names, as in OpenSearch.";

    public static final String RESET_VALUE = "pointer.init.reset.value";
    private static final String RESET_VALUE_DISPLAY = "Initial position value";
    private static final String RESET_VALUE_DOC = "The starting point for reset_by_offset: a non-negative"
            + " whole number (a Kafka offset, for every partition without a committed offset; or a Kinesis sequence"
            + " number, which starts the shard holding it, the other shards starting at their earliest record, or a"
            + " comma-separated list of them, one per shard); or for reset_by_timestamp: a"
            + " time as epoch milliseconds (1714564800000) or an ISO-8601 instant (2024-05-01T12:00:00Z)."
            + " Leave empty for the other modes.";

    private PointerSettings() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        def.define(RESET, Type.STRING, RESET_DEFAULT, RESET_MODES, Importance.MEDIUM, RESET_DOC, GROUP, ++order,
                Width.MEDIUM, RESET_DISPLAY, List.of(RESET_VALUE), Recommend.choices(RESET_MODES));
        def.define(RESET_VALUE, Type.STRING, null,
                TextRule.optional("an offset, a sequence number or a time (checked against " + RESET + ")"),
                Importance.MEDIUM, RESET_VALUE_DOC, GROUP, ++order, Width.MEDIUM, RESET_VALUE_DISPLAY,
                Recommend.visibleWhen(RESET, spellingsNeedingValue()));
        return def;
    }

    private static String[] spellingsNeedingValue() {
        return Arrays.stream(PointerReset.values()).filter(PointerReset::needsValue)
                .flatMap(mode -> mode.spellings().stream()).toArray(String[]::new);
    }
}
