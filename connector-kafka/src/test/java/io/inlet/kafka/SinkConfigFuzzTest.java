package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Any connector configuration over the sink's own setting names: Connect's validation (the definitions' validators
 * and the cross-field rules) accepts it or names a setting that is wrong; building the config then either works or
 * throws a {@link ConfigException} naming a setting; nothing else escapes.
 */
public class SinkConfigFuzzTest {

    private static final List<String> KEYS = List.copyOf(InletSinkConfig.configDef().names());

    /** The same property for Jazzer's own driver, which {@code bin/fuzz} runs for as long as it is asked to. */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        new SinkConfigFuzzTest().everyConfigIsValidOrAProblemNamingItsSetting(data);
    }

    @FuzzTest(maxDuration = "3s")
    void everyConfigIsValidOrAProblemNamingItsSetting(FuzzedDataProvider data) {
        Map<String, String> props = new HashMap<>();
        props.put("opensearch.hosts", "http://localhost:9200");
        props.put("index", "orders");
        int n = data.consumeInt(0, 8);
        for (int i = 0; i < n; i++) {
            props.put(data.pickValue(KEYS), data.consumeString(64));
        }
        Map<String, List<String>> crossField = InletSinkConfig.crossFieldErrors(props);
        crossField.keySet().forEach(key -> assertTrue(KEYS.contains(key) || key.startsWith("errors."), key));
        try {
            assertNotNull(new InletSinkConfig(props).index());
        } catch (ConfigException e) {
            assertNotNull(e.getMessage());
        }
    }
}
