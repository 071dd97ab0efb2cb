package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a configuration UI (such as Connect's validate endpoint) should offer for a setting: its valid
 * values, and whether the setting matters given the others (the user name only with basic auth).
 */
public final class Recommend implements ConfigDef.Recommender {

    private final List<Object> values;
    private final String switchKey;
    private final OneOf switchValues;

    private Recommend(List<?> values, String switchKey, OneOf switchValues) {
        this.values = List.copyOf(values);
        this.switchKey = switchKey;
        this.switchValues = switchValues;
    }

    /** Offers {@code choice}'s valid values; always visible. */
    public static Recommend choices(OneOf choice) {
        return new Recommend(choice.validValues(), null, null);
    }

    /** Visible only while setting {@code key} has one of {@code values} (in any case). */
    static Recommend visibleWhen(String key, String... values) {
        return new Recommend(List.of(), key, OneOf.anyCase(List.of(values)));
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return new ArrayList<>(values); // ConfigDef.validate() may trim the list it gets
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        return switchKey == null || switchValues.match(parsedConfig.get(switchKey)).isPresent();
    }
}
