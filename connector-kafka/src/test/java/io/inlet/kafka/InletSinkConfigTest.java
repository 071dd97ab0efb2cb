package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class InletSinkConfigTest {

    private static Map<String, String> props(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("opensearch.hosts", "http://localhost:9200");
        props.put("index", "orders");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    @Test
    void dropWithConnectsDeadLetterTopicNeedsErrorsToleranceAll() {
        Map<String, List<String>> errors = InletSinkConfig.crossFieldErrors(
                props("errors.deadletterqueue.topic.name", "orders-dlq"));
        assertEquals(List.of("error_strategy"), List.copyOf(errors.keySet()), errors.toString());
        String message = errors.get("error_strategy").get(0);
        assertTrue(message.contains("errors.deadletterqueue.topic.name=orders-dlq") && message.contains("errors.tolerance=none")
                && message.contains("set errors.tolerance=all"), message);
        assertThrows(ConfigException.class, () -> new InletSinkConfig(props("errors.deadletterqueue.topic.name", "orders-dlq")));
    }

    @Test
    void dropWithConnectsErrorLogNeedsErrorsToleranceAllToo() {
        Map<String, List<String>> errors = InletSinkConfig.crossFieldErrors(
                props("error_strategy", "drop", "errors.log.enable", "true", "errors.tolerance", "none"));
        assertTrue(errors.get("error_strategy").get(0).contains("errors.log.enable=true"), errors.toString());
    }

    @Test
    void theReporterIsFineWithToleranceAllOrWithBlockOrWithoutAReporter() {
        assertEquals(Map.of(), InletSinkConfig.crossFieldErrors(props("errors.deadletterqueue.topic.name", "orders-dlq",
                "errors.tolerance", "all")));
        assertEquals(Map.of(), InletSinkConfig.crossFieldErrors(props("errors.deadletterqueue.topic.name", "orders-dlq",
                "error_strategy", "BLOCK")));
        assertEquals(Map.of(), InletSinkConfig.crossFieldErrors(props("dlq.index", "orders-dead-letters")));
        new InletSinkConfig(props("errors.deadletterqueue.topic.name", "orders-dlq", "errors.tolerance", "all"));
    }

    @Test
    void aKafkaResetByOffsetTakesOneOffsetThatFitsALong() {
        Map<String, List<String>> list = InletSinkConfig.crossFieldErrors(props("pointer.init.reset", "reset_by_offset",
                "pointer.init.reset.value", "10,20", "kafka.bootstrap.servers", "k:9092"));
        assertTrue(list.get("pointer.init.reset.value").get(0).contains("PATCH /connectors/{name}/offsets"),
                list.toString());
        Map<String, List<String>> huge = InletSinkConfig.crossFieldErrors(props("pointer.init.reset", "reset_by_offset",
                "pointer.init.reset.value", "9223372036854775808", "kafka.bootstrap.servers", "k:9092"));
        assertTrue(huge.get("pointer.init.reset.value").get(0).contains("larger than any Kafka offset"), huge.toString());
        assertEquals(Map.of(), InletSinkConfig.crossFieldErrors(props("pointer.init.reset", "reset_by_offset",
                "pointer.init.reset.value", "9223372036854775807", "kafka.bootstrap.servers", "k:9092")));
    }
}
