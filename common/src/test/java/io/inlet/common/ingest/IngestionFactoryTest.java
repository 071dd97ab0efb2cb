package io.inlet.common.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.client.OpenSearchConnection;
import io.inlet.common.config.AuthType;
import io.inlet.common.config.InletConfig;
import io.inlet.common.mapper.MessageMapper;
import io.inlet.common.mapper.MessageRejectedException;
import io.inlet.common.mapper.ReasonCode;
import io.inlet.common.mapper.Target;
import io.inlet.common.message.DocOp;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.OpType;
import io.inlet.common.message.StreamMessage;
import io.inlet.common.retry.Backoff;
import io.inlet.common.retry.RetryPolicy;
import io.inlet.common.writer.WriterOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces of an ingestion built from the shared settings as a user writes them. */
class IngestionFactoryTest {

    private static InletConfig config(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("opensearch.hosts", "http://localhost:9200");
        props.put("index", "orders");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return new InletConfig(props);
    }

    private static StreamMessage message(long offset, String payload) {
        return new StreamMessage("orders", "2", "key-7".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), Map.of(), new KafkaOffset(offset), 1L);
    }

    @Test
    void aPlainConnection() {
        OpenSearchConnection c = IngestionFactory.connection(config(
                "opensearch.hosts", "http://a:9200, http://b:9201",
                "opensearch.connect.timeout.ms", "1500",
                "opensearch.socket.timeout.ms", "2500",
                "opensearch.compression", "true"));

        assertEquals(List.of("http://a:9200", "http://b:9201"), c.hosts());
        assertEquals(AuthType.NONE, c.auth());
        assertNull(c.username());
        assertNull(c.password());
        assertNull(c.truststore());
        assertNull(c.caPem());
        assertEquals(1500, c.connectTimeoutMs());
        assertEquals(2500, c.socketTimeoutMs());
        assertTrue(c.compression());
    }

    @Test
    void basicAuthWithItsPassword() {
        OpenSearchConnection c = IngestionFactory.connection(config(
                "opensearch.hosts", "https://localhost:9200",
                "opensearch.auth.type", "basic",
                "opensearch.username", "admin",
                "opensearch.password", "s3cr3t!"));

        assertEquals(AuthType.BASIC, c.auth());
        assertEquals("admin", c.username());
        assertEquals("s3cr3t!", c.password());
        assertFalse(c.toString().contains("s3cr3t!"), c.toString());
    }

    @Test
    void tlsWithACaPem() {
        OpenSearchConnection c = IngestionFactory.connection(config(
                "opensearch.hosts", "https://localhost:9200",
                "opensearch.tls.ca.pem", "/etc/inlet/ca.pem",
                "opensearch.tls.hostname.verification", "false"));

        assertEquals(Path.of("/etc/inlet/ca.pem"), c.caPem());
        assertNull(c.truststore());
        assertFalse(c.hostnameVerification());
    }

    @Test
    void tlsWithATruststore() {
        OpenSearchConnection c = IngestionFactory.connection(config(
                "opensearch.hosts", "https://localhost:9200",
                "opensearch.tls.truststore.path", "/etc/inlet/trust.jks",
                "opensearch.tls.truststore.password", "st0re",
                "opensearch.tls.truststore.type", "jks"));

        assertEquals(Path.of("/etc/inlet/trust.jks"), c.truststore());
        assertEquals("st0re", c.truststorePassword());
        assertEquals("JKS", c.truststoreType());
        assertNull(c.caPem());
        assertTrue(c.hostnameVerification(), "hostname verification is on by default");
    }

    @Test
    void awsSigV4() {
        OpenSearchConnection c = IngestionFactory.connection(config(
                "opensearch.hosts", "https://search-x.eu-west-1.es.amazonaws.com:443",
                "opensearch.auth.type", "aws_sigv4",
                "opensearch.aws.region", "eu-west-1",
                "opensearch.aws.service", "AOSS"));

        assertEquals(AuthType.AWS_SIGV4, c.auth());
        assertEquals("eu-west-1", c.awsRegion());
        assertEquals("aoss", c.awsService());
        assertNull(c.username());
        assertNull(c.password());
    }

    @Test
    void awsSigV4ForOpenSearchServiceByDefault() {
        OpenSearchConnection c = IngestionFactory.connection(config(
                "opensearch.hosts", "https://search-x.eu-west-1.es.amazonaws.com:443",
                "opensearch.auth.type", "aws_sigv4",
                "opensearch.aws.region", "eu-west-1"));

        assertEquals("es", c.awsService());
    }

    @Test
    void writerOptionsByDefault() {
        WriterOptions w = IngestionFactory.writerOptions(config());

        assertEquals(5000, w.maxBatchSize());
        assertEquals(4L << 20, w.maxBatchBytes());
        assertEquals(4, w.maxInFlight());
        assertEquals(8L << 20, w.bufferMaxBytes());
        assertEquals(5, w.lingerMillis());
        assertEquals(100_000, w.bufferMaxMessages());
        assertEquals(RetryPolicy.unlimited(100, 30_000), IngestionFactory.backoff(config()).policy());
        assertEquals("_inlet_version", w.updateVersionField());
    }

    @Test
    void writerOptionsAsConfigured() {
        WriterOptions w = IngestionFactory.writerOptions(config(
                "max_batch_size", "250",
                "bulk.max.bytes", "1048576",
                "num_processor_threads", "4",
                "buffer.max.bytes", "2097152",
                "buffer.max.messages", "5000",
                "retry.backoff.ms", "50",
                "retry.backoff.max.ms", "5000",
                "update.version_field", "seen_version"));

        assertEquals(250, w.maxBatchSize());
        assertEquals(1_048_576, w.maxBatchBytes());
        assertEquals(4, w.maxInFlight());
        assertEquals(2_097_152, w.bufferMaxBytes());
        assertEquals(5000, w.bufferMaxMessages());
        Backoff backoff = IngestionFactory.backoff(config("retry.backoff.ms", "50", "retry.backoff.max.ms", "5000"));
        assertEquals(RetryPolicy.unlimited(50, 5000), backoff.policy());
        assertTrue(backoff.policy().isUnlimited());
        assertEquals(5000, backoff.ceilingMillis(20), "retries wait at most retry.backoff.max.ms");
        assertEquals("seen_version", w.updateVersionField());
    }

    @Test
    void maxBatchSizeFromOpenSearchsName() {
        assertEquals(300, IngestionFactory.writerOptions(config("poll.max_batch_size", "300")).maxBatchSize());
        assertEquals(300, IngestionFactory.writerOptions(
                config("poll.max_batch_size", "300", "max_batch_size", "300")).maxBatchSize());
    }

    @Test
    void theDefaultMapperReadsEnvelopes() throws MessageRejectedException {
        MessageMapper m = IngestionFactory.mapper(config(), false, false);

        DocOp op = m.map(message(9, "{\"_id\":\"o-1\",\"_version\":4,\"_op_type\":\"create\",\"_source\":{\"a\":1}}"),
                Target.of("orders"));
        assertEquals("o-1", op.id());
        assertEquals(OpType.CREATE, op.op());
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), op.source());
    }

    @Test
    void fieldMappingWithItsSettings() throws MessageRejectedException {
        MessageMapper m = IngestionFactory.mapper(config(
                "mapper_type", "field_mapping",
                "mapper_settings.id_field", "order_id",
                "mapper_settings.version_field", "ts",
                "mapper_settings.op_type_field", "action",
                "mapper_settings.op_type_field.delete_value", "removed",
                "mapper_settings.op_type_field.create_value", "new"), false, false);
        Target target = Target.of("orders");

        String indexed = "{\"order_id\":\"A-1\",\"ts\":1700000000123,\"action\":\"changed\",\"total\":9.5}";
        DocOp index = m.map(message(1, indexed), target);
        assertEquals("A-1", index.id());
        assertEquals(1_700_000_000_123L, index.version());
        assertEquals(OpType.INDEX, index.op());
        assertArrayEquals(indexed.getBytes(StandardCharsets.UTF_8), index.source());

        DocOp delete = m.map(message(2, "{\"order_id\":\"A-1\",\"ts\":\"1700000000124\",\"action\":\"removed\"}"), target);
        assertEquals(OpType.DELETE, delete.op());
        assertEquals(1_700_000_000_124L, delete.version());
        assertNull(delete.source());

        DocOp create = m.map(message(3, "{\"order_id\":7,\"ts\":1,\"action\":\"new\"}"), target);
        assertEquals(OpType.CREATE, create.op());
        assertEquals("7", create.id());

        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> m.map(message(4, "{\"order_id\":\"A-2\"}"), target));
        assertEquals(ReasonCode.MISSING_VERSION, e.reason());
        assertEquals("ts", e.field());
    }

    @Test
    void fieldMappingDefaultsToTheIdField() throws MessageRejectedException {
        MessageMapper m = IngestionFactory.mapper(config("mapper_type", "field_mapping"), false, false);

        DocOp op = m.map(message(1, "{\"id\":\"x\",\"op\":\"delete\"}"), Target.of("orders"));
        assertEquals("x", op.id());
        assertEquals(OpType.INDEX, op.op(), "no op_type_field: every message is an index");
        assertNull(op.version());
    }

    @Test
    void rawPayload() throws MessageRejectedException {
        MessageMapper m = IngestionFactory.mapper(config("mapper_type", "raw_payload"), false, false);

        DocOp op = m.map(message(11, "{\"_id\":\"ignored\",\"a\":1}"), Target.of("orders"));
        assertEquals("orders-2-11", op.id());
        assertEquals(OpType.INDEX, op.op());
    }

    @Test
    void idFromTheKeyAndVersionFromTheOffset() throws MessageRejectedException {
        MessageMapper m = IngestionFactory.mapper(config(), true, true);

        DocOp op = m.map(message(77, "{\"_source\":{\"a\":1}}"), Target.of("orders"));
        assertEquals("key-7", op.id());
        assertEquals(77L, op.version());
    }

    @Test
    void theTranslatorTakesIndexPipelineAndRouting() throws MessageRejectedException {
        Translator t = IngestionFactory.translator(config(
                "index", "logs-${topic}",
                "pipeline", "enrich",
                "routing.field", "tenant"), new IngestionFactory.SourceRules(false, false, false));

        DocOp op = t.translate(new StreamMessage("Orders", "0", null,
                "{\"_id\":\"1\",\"_source\":{\"tenant\":\"eu\"}}".getBytes(StandardCharsets.UTF_8), Map.of(),
                new KafkaOffset(0), -1));
        assertEquals("logs-orders", op.index());
        assertEquals("enrich", op.pipeline());
        assertEquals("eu", op.routing());
    }
}
