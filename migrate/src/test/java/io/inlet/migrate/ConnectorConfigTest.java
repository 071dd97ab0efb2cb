package io.inlet.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConnectorConfigTest {

    private static NativeSource source(String... kv) {
        Map<String, String> flat = new TreeMap<>();
        flat.put("index.number_of_shards", "2");
        for (int i = 0; i < kv.length; i += 2) {
            flat.put("index.ingestion_source." + kv[i], kv[i + 1]);
        }
        return NativeSource.of("orders", flat);
    }

    private static ConnectorConfig config(String... kv) {
        return new ConnectorConfig(source(kv), "orders-inlet", "http://os:9200", null, null);
    }

    @Test
    void sharedNamesAreCarriedOverAndTheSourceParamsTranslated() {
        ConnectorConfig c = config("type", "kafka", "param.topic", "orders", "param.bootstrap_servers", "k:9092",
                "pointer.init.reset", "reset_by_offset", "pointer.init.reset.value", "42", "error_strategy", "BLOCK",
                "mapper_type", "field_mapping", "mapper_settings.id_field", "order_id", "poll.max_batch_size", "500",
                "poll.timeout", "2000", "num_processor_threads", "3");
        Map<String, String> m = c.config();
        assertEquals(ConnectorConfig.CONNECTOR_CLASS, m.get("connector.class"));
        assertEquals("orders", m.get("topics"));
        assertEquals("k:9092", m.get("kafka.bootstrap.servers"));
        assertEquals("orders-inlet", m.get("index"));
        assertEquals("http://os:9200", m.get("opensearch.hosts"));
        assertEquals("reset_by_offset", m.get("pointer.init.reset"));
        assertEquals("42", m.get("pointer.init.reset.value"));
        assertEquals("BLOCK", m.get("error_strategy"));
        assertEquals("field_mapping", m.get("mapper_type"));
        assertEquals("order_id", m.get("mapper_settings.id_field"));
        assertEquals("500", m.get("poll.max_batch_size"));
        assertEquals("2000", m.get("poll.timeout"));
        assertEquals("3", m.get("num_processor_threads"));
        assertFalse(m.containsKey("dlq.index"), "BLOCK dead-letters nothing");
        assertEquals(List.of(), c.notCarried());
    }

    @Test
    void whatInletHasNoPlaceForIsNamedWithWhy() {
        ConnectorConfig c = config("type", "kafka", "param.topic", "orders", "param.security.protocol", "SSL",
                "internal_queue_size", "5000", "all_active", "true", "warmup.timeout", "1m", "mystery", "x");
        assertEquals("orders-inlet-dead-letters", c.config().get("dlq.index"), "DROP by default: refused messages are kept");
        Map<String, String> why = new TreeMap<>();
        c.notCarried().forEach(n -> why.put(n.setting(), n.why()));
        assertTrue(why.get("index.ingestion_source.param.security.protocol").contains("consumer.override.security.protocol"));
        assertTrue(why.get("index.ingestion_source.internal_queue_size").contains("buffer.max.bytes"));
        assertTrue(why.get("index.ingestion_source.all_active").contains("replicas"));
        assertTrue(why.get("index.ingestion_source.warmup.timeout").contains("no warm-up"));
        assertTrue(why.get("index.ingestion_source.mystery").contains("not an Inlet setting"));
    }

    @Test
    void anIndexWithoutIngestionSourceOrTopicOrWithAValueInletRefusesIsRefusedBeforeAnythingChanges() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NativeSource.of("plain", Map.of("index.number_of_shards", "1")))
                .getMessage().contains("not fed by OpenSearch's pull-based ingestion"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config("type", "kafka")).getMessage()
                .contains("param.topic"));
        String bad = assertThrows(RuntimeException.class, () -> config("type", "kafka", "param.topic", "t",
                "mapper_type", "avro")).getMessage();
        assertTrue(bad.contains("mapper_type"), bad);
    }

    @Test
    void offsetsAreTheNativeBatchStartsAndAShardThatReadNothingHasNone() {
        Map<Integer, Long> o = Migration.offsets(List.of(new ShardPointer(0, "812", true, "PAUSED"),
                new ShardPointer(1, null, true, "PAUSED")));
        assertEquals(Map.of(0, 812L), o);
        assertEquals(17L, Migration.kafkaOffset("{offset=17}"));
        assertThrows(IllegalArgumentException.class, () -> Migration.kafkaOffset("none"));
    }

    @Test
    void commandLine() {
        assertEquals("true", MigrateMain.options(new String[] {"--opensearch", "u", "--index", "i", "--dry-run"}).get("dry-run"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MigrateMain.options(new String[] {"--index", "i"}))
                .getMessage().contains("--opensearch is required"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MigrateMain.options(new String[] {"--opensearch"}))
                .getMessage().contains("needs a value"));
        assertEquals(2, MigrateMain.run(new String[] {"stray"}));
    }

    @Test
    void aKinesisSourceBecomesAWorkerConfigStartingEachShardAtItsPointer() {
        WorkerConfig w = new WorkerConfig(source("type", "kinesis", "param.stream", "clicks", "param.region", "eu-west-1",
                "param.endpoint_override", "http://k:4567", "param.access_key", "AK", "param.secret_key", "SK",
                "param.mystery", "m", "pointer.init.reset", "latest", "error_strategy", "BLOCK", "poll.max_batch_size", "50"),
                "clicks-inlet", "http://os:9200", "admin", "pw", "clicks", "http://ddb:4568");
        Map<String, String> m = w.config();
        assertEquals("clicks", m.get("stream"));
        assertEquals("eu-west-1", m.get("region"));
        assertEquals("http://k:4567", m.get("kinesis.endpoint"));
        assertEquals("http://ddb:4568", m.get("dynamodb.endpoint"));
        assertEquals("AK", m.get("aws.access.key.id"));
        assertEquals("SK", m.get(SharedSettings.SECRET_KEY));
        assertEquals("clicks", m.get("application.name"));
        assertEquals("clicks-inlet", m.get("index"));
        assertEquals("admin", m.get("opensearch.username"));
        assertEquals("pw", m.get("opensearch.password"));
        assertEquals("BLOCK", m.get("error_strategy"));
        assertEquals("50", m.get("poll.max_batch_size"));
        assertEquals("latest", m.get("pointer.init.reset"));
        assertEquals(List.of("index.ingestion_source.param.mystery"), w.notCarried().stream().map(NotCarried::setting).toList());

        w.startAt(List.of());
        assertEquals("latest", m.get("pointer.init.reset"), "no shard read anything: the native reset stays");
        w.startAt(Migration.sequenceNumbers(List.of(
                new ShardPointer(0, "SequenceNumber{sequenceNumber=4968086939533161831972437192}", true, "PAUSED"),
                new ShardPointer(1, null, true, "PAUSED"),
                new ShardPointer(2, "SequenceNumber{sequenceNumber=non-existing-sequence-number}", true, "PAUSED"),
                new ShardPointer(3, "SequenceNumber{sequenceNumber=4968086939535391906492290254}", true, "PAUSED"))));
        assertEquals("reset_by_offset", m.get("pointer.init.reset"));
        assertEquals("4968086939533161831972437192,4968086939535391906492290254", m.get("pointer.init.reset.value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new WorkerConfig(source("type", "kinesis"),
                "t", "http://os:9200", null, null, "app", null)).getMessage().contains("param.stream"));
    }
}
