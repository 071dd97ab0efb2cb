package io.inlet.common.config;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossFieldChecksTest {

    private static Map<String, String> props(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("opensearch.hosts", "http://localhost:9200");
        props.put("index", "orders");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    private static Map<String, List<String>> errors(String... keyValues) {
        return InletConfig.crossFieldErrors(props(keyValues));
    }

    /** The only error is on {@code key}, and it contains every one of {@code parts}. */
    private static void assertOnlyError(Map<String, List<String>> errors, String key, String... parts) {
        assertEquals(List.of(key), List.copyOf(errors.keySet()), errors.toString());
        String message = String.join(" ", errors.get(key));
        for (String part : parts) {
            assertTrue(message.contains(part), message + " should contain: " + part);
        }
    }

    @Test
    void defaultsAgree() {
        assertEquals(Map.of(), InletConfig.crossFieldErrors(props()));
        assertEquals(Map.of(), InletConfig.crossFieldErrors(Map.of()));
    }

    // Pointer

    @Test
    void resetByOffsetNeedsAValueInBothSpellings() {
        for (String mode : List.of("reset_by_offset", "rewind_by_offset")) {
            assertOnlyError(errors("pointer.init.reset", mode), "pointer.init.reset.value",
                    "pointer.init.reset=" + mode + " needs a starting point", "set pointer.init.reset.value to",
                    "non-negative whole number");
            assertEquals(Map.of(), errors("pointer.init.reset", mode, "pointer.init.reset.value", "42"));
            assertOnlyError(errors("pointer.init.reset", mode, "pointer.init.reset.value", "-1"),
                    "pointer.init.reset.value", "\"-1\" is not a starting point", "write a Kafka offset");
        }
        String sequence = "49590338271490256608559692538361571095921575989136588898";
        assertEquals(Map.of(), errors("pointer.init.reset", "reset_by_offset", "pointer.init.reset.value", sequence));
    }

    @Test
    void resetByTimestampNeedsAnEpochOrIsoValueInBothSpellings() {
        for (String mode : List.of("reset_by_timestamp", "rewind_by_timestamp")) {
            assertOnlyError(errors("pointer.init.reset", mode), "pointer.init.reset.value",
                    "needs a starting point", "epoch milliseconds", "ISO-8601");
            assertEquals(Map.of(), errors("pointer.init.reset", mode, "pointer.init.reset.value", "1714564800000"));
            assertEquals(Map.of(), errors("pointer.init.reset", mode, "pointer.init.reset.value", "2024-05-01T12:00:00Z"));
            assertOnlyError(errors("pointer.init.reset", mode, "pointer.init.reset.value", "yesterday"),
                    "pointer.init.reset.value", "\"yesterday\" is not a starting point", "write a time");
        }
    }

    @Test
    void modesWithoutValueRefuseOne() {
        for (String mode : List.of("earliest", "latest", "none", "LATEST")) {
            assertOnlyError(errors("pointer.init.reset", mode, "pointer.init.reset.value", "42"),
                    "pointer.init.reset.value", "takes no value", "remove pointer.init.reset.value");
        }
        assertOnlyError(errors("pointer.init.reset.value", "42"), "pointer.init.reset.value",
                "pointer.init.reset=earliest takes no value");
        assertEquals(Map.of(), errors("pointer.init.reset", "latest", "pointer.init.reset.value", ""));
    }

    @Test
    void anUnknownModeIsLeftToItsValidator() {
        assertEquals(Map.of(), errors("pointer.init.reset", "beginning", "pointer.init.reset.value", "42"));
    }

    // Security

    @Test
    void basicNeedsUsernameAndPassword() {
        Map<String, List<String>> errors = errors("opensearch.auth.type", "basic");
        assertEquals(List.of("opensearch.username", "opensearch.password"), List.copyOf(errors.keySet()));
        assertTrue(errors.get("opensearch.username").get(0).contains("set opensearch.username"));
        assertTrue(errors.get("opensearch.password").get(0).contains("set opensearch.password"));
        assertOnlyError(errors("opensearch.auth.type", "BASIC", "opensearch.username", "admin"),
                "opensearch.password", "opensearch.auth.type=basic needs a password");
        assertEquals(Map.of(), errors("opensearch.auth.type", "basic", "opensearch.username", "admin",
                "opensearch.password", "s3cret"));
    }

    @Test
    void sigv4NeedsARegionAndRefusesUserAndPassword() {
        assertOnlyError(errors("opensearch.auth.type", "aws_sigv4"), "opensearch.aws.region",
                "opensearch.auth.type=aws_sigv4 needs the AWS region", "set opensearch.aws.region");
        Map<String, List<String>> errors = errors("opensearch.auth.type", "aws_sigv4", "opensearch.aws.region",
                "us-east-1", "opensearch.username", "admin", "opensearch.password", "s3cret");
        assertEquals(List.of("opensearch.username", "opensearch.password"), List.copyOf(errors.keySet()));
        assertTrue(errors.get("opensearch.username").get(0).contains("remove opensearch.username"));
        assertFalse(errors.toString().contains("s3cret"), "a password must never appear in a message");
        assertEquals(Map.of(), errors("opensearch.auth.type", "aws_sigv4", "opensearch.aws.region", "us-east-1",
                "opensearch.aws.service", "aoss"));
    }

    @Test
    void credentialsWithoutTheirAuthTypeWouldBeUnused() {
        assertOnlyError(errors("opensearch.username", "admin"), "opensearch.username",
                "opensearch.auth.type=none", "set opensearch.auth.type=basic or remove opensearch.username");
        assertOnlyError(errors("opensearch.aws.region", "us-east-1"), "opensearch.aws.region",
                "only applies to opensearch.auth.type=aws_sigv4");
        assertOnlyError(errors("opensearch.auth.type", "basic", "opensearch.username", "a", "opensearch.password", "p",
                "opensearch.aws.service", "aoss"), "opensearch.aws.service", "only applies to");
    }

    @Test
    void truststoreAndCaPemAreMutuallyExclusive() {
        Map<String, List<String>> errors = errors("opensearch.hosts", "https://localhost:9200",
                "opensearch.tls.truststore.path", "/etc/inlet/trust.p12", "opensearch.tls.ca.pem", "/etc/inlet/ca.pem");
        assertEquals(List.of("opensearch.tls.truststore.path", "opensearch.tls.ca.pem"), List.copyOf(errors.keySet()));
        assertTrue(errors.get("opensearch.tls.ca.pem").get(0).contains("set either opensearch.tls.truststore.path"
                + " or opensearch.tls.ca.pem, not both"));
    }

    @Test
    void truststorePasswordOrTypeNeedAPath() {
        assertOnlyError(errors("opensearch.hosts", "https://localhost:9200", "opensearch.tls.truststore.password", "x"),
                "opensearch.tls.truststore.password", "without opensearch.tls.truststore.path",
                "set opensearch.tls.truststore.path too");
        assertOnlyError(errors("opensearch.hosts", "https://localhost:9200", "opensearch.tls.truststore.type", "JKS"),
                "opensearch.tls.truststore.type", "without opensearch.tls.truststore.path");
        assertEquals(Map.of(), errors("opensearch.hosts", "https://localhost:9200",
                "opensearch.tls.truststore.path", "/t.jks", "opensearch.tls.truststore.password", "x",
                "opensearch.tls.truststore.type", "JKS"));
    }

    @Test
    void trustSettingsNeedAnHttpsHost() {
        assertOnlyError(errors("opensearch.tls.ca.pem", "/etc/inlet/ca.pem"), "opensearch.tls.ca.pem",
                "no host in opensearch.hosts uses https://", "would be unused");
        assertOnlyError(errors("opensearch.tls.truststore.path", "/t.p12"), "opensearch.tls.truststore.path",
                "write https:// hosts or remove opensearch.tls.truststore.path");
        assertEquals(Map.of(), errors("opensearch.hosts", "http://a:9200, HTTPS://b:9200",
                "opensearch.tls.ca.pem", "/ca.pem"));
        // invalid hosts are their validator's business
        assertEquals(Map.of(), errors("opensearch.hosts", "localhost:9200", "opensearch.tls.ca.pem", "/ca.pem"));
    }

    // Format

    @Test
    void fieldMappingNeedsAnIdField() {
        assertOnlyError(errors("mapper_type", "field_mapping", "mapper_settings.id_field", " "),
                "mapper_settings.id_field", "mapper_type=field_mapping needs the field that holds the _id",
                "set mapper_settings.id_field");
        assertEquals(Map.of(), errors("mapper_type", "field_mapping"));
        assertEquals(Map.of(), errors("mapper_type", "field_mapping", "mapper_settings.id_field", "order_id",
                "mapper_settings.version_field", "ts", "mapper_settings.op_type_field", "op"));
    }

    @Test
    void mapperSettingsOnlyApplyToFieldMapping() {
        for (String mapper : List.of("default", "raw_payload")) {
            assertOnlyError(errors("mapper_type", mapper, "mapper_settings.version_field", "ts"),
                    "mapper_settings.version_field", "only applies to mapper_type=field_mapping",
                    "mapper_type=" + mapper);
        }
        assertOnlyError(errors("mapper_settings.id_field", "order_id"), "mapper_settings.id_field",
                "only applies to mapper_type=field_mapping");
    }

    @Test
    void deleteAndCreateValuesMustDiffer() {
        assertOnlyError(errors("mapper_type", "field_mapping", "mapper_settings.op_type_field", "op",
                        "mapper_settings.op_type_field.delete_value", "x",
                        "mapper_settings.op_type_field.create_value", "x"),
                "mapper_settings.op_type_field.create_value", "write two different values");
    }

    // Writer

    @Test
    void maxBatchSizeAndItsAliasMustAgree() {
        Map<String, List<String>> errors = errors("max_batch_size", "500", "poll.max_batch_size", "1000");
        assertEquals(List.of("max_batch_size", "poll.max_batch_size"), List.copyOf(errors.keySet()));
        String message = errors.get("poll.max_batch_size").get(0);
        assertTrue(message.contains("max_batch_size=500 and poll.max_batch_size=1000 disagree"), message);
        assertTrue(message.contains("set only one of them"), message);
        assertEquals(Map.of(), errors("max_batch_size", "500", "poll.max_batch_size", " 500"));
        assertEquals(Map.of(), errors("poll.max_batch_size", "200"));
    }

    @Test
    void retryCapMustNotBeBelowTheBase() {
        assertOnlyError(errors("retry.backoff.ms", "1000", "retry.backoff.max.ms", "500"), "retry.backoff.max.ms",
                "retry.backoff.max.ms=500 is below retry.backoff.ms=1000", "write a cap of at least 1000");
        assertOnlyError(errors("retry.backoff.ms", "60000"), "retry.backoff.max.ms", "below retry.backoff.ms=60000");
    }
}
