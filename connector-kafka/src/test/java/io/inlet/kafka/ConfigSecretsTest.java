package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.inlet.common.ingest.IngestionFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * Secrets stay out of what Inlet prints about its configuration: the config's text, the connection the task logs
 * at start, and the error naming a setting that is wrong.
 */
class ConfigSecretsTest {

    private static final String PASSWORD = "os-pass-9f2c1";
    private static final String TRUSTSTORE_PASSWORD = "trust-pass-77ab";

    private static Map<String, String> props() {
        Map<String, String> p = new HashMap<>();
        p.put("opensearch.hosts", "https://search.example.internal:9200");
        p.put("index", "orders");
        p.put("opensearch.auth.type", "basic");
        p.put("opensearch.username", "inlet");
        p.put("opensearch.password", PASSWORD);
        p.put("opensearch.tls.truststore.path", "/etc/inlet/truststore.p12");
        p.put("opensearch.tls.truststore.password", TRUSTSTORE_PASSWORD);
        return p;
    }

    @Test
    void neitherTheConfigNorTheConnectionShowsAPassword() {
        InletSinkConfig config = new InletSinkConfig(props());
        for (String text : List.of(config.toString(), IngestionFactory.connection(config).toString(),
                config.values().toString())) {
            assertFalse(text.contains(PASSWORD) || text.contains(TRUSTSTORE_PASSWORD), text);
        }
    }

    @Test
    void anInvalidConfigDoesNotShowItsPasswords() {
        Map<String, String> p = props();
        p.put("error_strategy", "SKIP");
        try {
            new InletSinkConfig(p);
        } catch (ConfigException e) {
            assertFalse(e.getMessage().contains(PASSWORD) || e.getMessage().contains(TRUSTSTORE_PASSWORD), e.getMessage());
            return;
        }
        throw new AssertionError("error_strategy=SKIP was accepted");
    }
}
