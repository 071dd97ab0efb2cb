package io.inlet.common.mapper;

import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.SequenceNumber;
import io.inlet.common.message.StreamMessage;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Messages and assertions shared by the mapper tests. */
final class TestMessages {

    static final Target TARGET = Target.of("docs");
    static final String TOPIC = "orders";
    static final String PARTITION = "3";
    static final long OFFSET = 1234;
    static final String KAFKA_ID = "orders-3-1234";

    static final String STREAM = "events";
    static final String SHARD = "shardId-000000000001";
    static final String SEQUENCE = "49590338271490256608559692538361571095921575989136588898";
    static final String KINESIS_ID = "events-shardId-000000000001-" + SEQUENCE;

    private TestMessages() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static StreamMessage kafka(String payload) {
        return kafka(OFFSET, payload);
    }

    static StreamMessage kafka(long offset, String payload) {
        return StreamMessage.of(TOPIC, PARTITION, new KafkaOffset(offset), payload == null ? null : utf8(payload));
    }

    static StreamMessage kafkaBytes(byte[] payload) {
        return StreamMessage.of(TOPIC, PARTITION, new KafkaOffset(OFFSET), payload);
    }

    static StreamMessage kafkaWithKey(byte[] key, String payload) {
        return new StreamMessage(TOPIC, PARTITION, key, utf8(payload), Map.of(), new KafkaOffset(OFFSET), 1L);
    }

    static StreamMessage kinesis(String payload) {
        return kinesis(0, payload);
    }

    static StreamMessage kinesis(long subSequence, String payload) {
        return StreamMessage.of(STREAM, SHARD, new SequenceNumber(SEQUENCE, subSequence), utf8(payload));
    }

    static MessageRejectedException rejected(MessageMapper mapper, StreamMessage message) {
        return assertThrows(MessageRejectedException.class, () -> mapper.map(message, TARGET));
    }

    static MessageRejectedException rejected(MessageMapper mapper, String payload) {
        return rejected(mapper, kafka(payload));
    }
}
