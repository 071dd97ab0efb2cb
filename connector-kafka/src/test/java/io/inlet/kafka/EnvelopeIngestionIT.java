package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inlet.common.it.ChangeStream;
import io.inlet.common.it.IndexReader;
import io.inlet.services.Await;
import io.inlet.services.EmbeddedKafkaConnect;
import io.inlet.services.OpenSearchNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 100,000 envelopes over 4 partitions through a connector deployed with the REST API: the index equals the model. */
class EnvelopeIngestionIT extends KafkaIT {

    @Test
    void hundredThousandEnvelopesOverFourPartitions() throws Exception {
        OpenSearchNode node = openSearch3();
        EmbeddedKafkaConnect kc = kafka();
        String topic = "orders-100k";
        createTopic(topic, 4);
        ChangeStream stream = new ChangeStream(100_000, 20_000, 11);
        ConnectTestSupport.produce(kc.bootstrapServers(), topic, stream.payloads());

        Map<String, String> config = ConnectTestSupport.config(node, topic, "orders-100k");
        config.put("tasks.max", "2");
        config.put("kafka.bootstrap.servers", kc.bootstrapServers());
        deploy("envelopes", config, node);
        Await.quietly("all 100,000 offsets committed", Duration.ofMinutes(5),
                () -> ConnectTestSupport.committedOffsets(kc, "envelopes").values().stream().mapToLong(Long::longValue).sum()
                        == 100_000);
        IndexReader.assertMatches(stream.expected(), IndexReader.readAll(node, "orders-100k"));
        assertEquals("RUNNING", ConnectTestSupport.status(kc, "envelopes").path("tasks").path(0).path("state").asText());
    }
}
