package io.inlet.kinesis.config;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.inlet.common.ingest.IngestionFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Secrets stay out of what the worker prints about its configuration: the config's text, the connection, the AWS
 * settings, and the start-up check's list of problems.
 */
class ConfigSecretsTest {

    private static final List<String> SECRETS = List.of("os-pass-31c", "trust-pass-4d9", "aws-secret-e77",
            "key-pass-0b5");

    private static Map<String, String> props() {
        Map<String, String> p = new HashMap<>(Map.of("opensearch.hosts", "https://search.example.internal:9200",
                "index", "orders", "stream", "orders", "region", "eu-west-1", "application.name", "inlet-orders"));
        p.put("opensearch.auth.type", "basic");
        p.put("opensearch.username", "inlet");
        p.put("opensearch.password", SECRETS.get(0));
        p.put("opensearch.tls.truststore.path", "/etc/inlet/truststore.p12");
        p.put("opensearch.tls.truststore.password", SECRETS.get(1));
        p.put("aws.access.key.id", "AKIAEXAMPLE");
        p.put("aws.secret.access.key", SECRETS.get(2));
        p.put("management.tls.keystore.path", "/etc/inlet/management.p12");
        p.put("management.tls.keystore.password", SECRETS.get(3));
        return p;
    }

    @Test
    void neitherTheConfigNorWhatIsBuiltFromItShowsASecret() {
        KinesisWorkerConfig config = new KinesisWorkerConfig(props());
        for (String text : List.of(config.toString(), config.values().toString(),
                IngestionFactory.connection(config).toString(), config.awsSettings().toString())) {
            for (String secret : SECRETS) {
                assertFalse(text.contains(secret), text);
            }
        }
    }

    @Test
    void theStartUpCheckDoesNotShowASecret() {
        Map<String, String> p = props();
        p.put("retrieval", "carrier-pigeon");
        List<String> problems = WorkerConfigCheck.problems(p);
        assertFalse(problems.isEmpty());
        for (String secret : SECRETS) {
            assertFalse(problems.toString().contains(secret), problems.toString());
        }
    }
}
