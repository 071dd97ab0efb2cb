package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.it.IndexReader;
import io.inlet.kafka.ConnectTestSupport.Sent;
import io.inlet.services.Await;
import io.inlet.services.EmbeddedKafkaConnect;
import io.inlet.services.Http;
import io.inlet.services.OpenSearchNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * error_strategy=BLOCK: a mapping conflict at a known offset stops its partition exactly there (Connect's
 * committed offset stays at the poison offset, the task keeps RUNNING, the state API says BLOCKED and why);
 * switching the connector's config to DROP lets it move on without losing anything.
 */
class BlockIT extends KafkaIT {

    private static final int POISON_OFFSET = 5;
    private static final int MESSAGES = 10;
    private static final int OTHER_MESSAGES = 40;

    @Test
    void blocksAtThePoisonOffsetUntilSwitchedToDrop() throws Exception {
        OpenSearchNode node = openSearch3();
        EmbeddedKafkaConnect kc = kafka();
        String topic = "block";
        String index = "block-docs";
        String dlqIndex = "block-dead-letters";
        topicAndIndex(node, topic, index);

        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        TreeSet<String> good = new TreeSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            String id = "b-" + i;
            String count = i == POISON_OFFSET ? "\"not a number\"" : Integer.toString(i);
            records.add(ConnectTestSupport.record(topic, 0, id, "{\"_id\":\"" + id + "\",\"_source\":{\"count\":" + count + "}}"));
            if (i != POISON_OFFSET) {
                good.add(id);
            }
        }
        // partition 1: good messages only. They share the task's writer lanes with partition 0, yet BLOCK stops
        // only partition 0: partition 1 is written and committed to its end while partition 0 stays blocked.
        for (int i = 0; i < OTHER_MESSAGES; i++) {
            String id = "c-" + i;
            records.add(ConnectTestSupport.record(topic, 1, id, "{\"_id\":\"" + id + "\",\"_source\":{\"count\":" + i + "}}"));
            good.add(id);
        }
        List<Sent> sent = ConnectTestSupport.send(kc.bootstrapServers(), records);
        assertEquals(POISON_OFFSET, sent.get(POISON_OFFSET).offset());

        Map<String, String> config = ConnectTestSupport.config(node, topic, index);
        config.put("kafka.bootstrap.servers", kc.bootstrapServers());
        config.put("error_strategy", "BLOCK");
        config.put("dlq.index", dlqIndex);
        config.put("retry.backoff.max.ms", "1000");
        String name = "block";
        deployAndAwaitBlocked(name, config, node);
        JsonNode p = ConnectTestSupport.partitionState(ConnectTestSupport.state(kc, name), 0);
        assertEquals("BLOCK", p.path("error_policy").asText(), p.toString());
        assertEquals(Integer.toString(POISON_OFFSET), p.path("last_error").path("pointer").asText(), p.toString());
        assertEquals("mapper_parsing_exception", p.path("last_error").path("reason").asText(), p.toString());

        // Connect's committed offset is the next to read: the poison offset, and it stays there
        Await.quietly("partition 0 committed up to the poison", Duration.ofSeconds(30),
                () -> ConnectTestSupport.committedOffsets(kc, name).get(0) == POISON_OFFSET);
        Thread.sleep(4_000); // several offset commits (offset.flush.interval.ms=1000) and retries later
        assertEquals(POISON_OFFSET, ConnectTestSupport.committedOffsets(kc, name).get(0));
        p = ConnectTestSupport.partitionState(ConnectTestSupport.state(kc, name), 0);
        assertEquals("BLOCKED", p.path("poller_state").asText(), p.toString());
        assertEquals(Integer.toString(POISON_OFFSET - 1), p.path("committed_pointer").asText(), "last acknowledged before the poison");
        assertTrue(p.path("counters").path("total_retries").asLong() > 1, "the poison is retried: " + p);
        assertEquals("RUNNING", ConnectTestSupport.taskState(kc, name), "blocked, not failed");
        assertEquals(0, IndexReader.count(node, dlqIndex), "nothing dropped while blocked");
        Await.quietly("partition 1 committed to its end while partition 0 is blocked", Duration.ofSeconds(60),
                () -> ConnectTestSupport.committedOffsets(kc, name).get(1) == OTHER_MESSAGES);
        assertEquals("BLOCKED", ConnectTestSupport.partitionState(ConnectTestSupport.state(kc, name), 0).path("poller_state").asText());

        // switch to DROP through Connect's own config API: the task restarts, the poison goes to the dead-letter index
        config.put("error_strategy", "DROP");
        deploy(name, config, node);
        ConnectTestSupport.awaitCommitted(kc, name, Map.of(0, (long) MESSAGES, 1, (long) OTHER_MESSAGES), Duration.ofSeconds(90));
        assertEquals(good, new TreeSet<>(IndexReader.readAll(node, index).keySet()), "every good message, none lost");
        Map<String, IndexReader.Doc> letters = IndexReader.readAll(node, dlqIndex);
        assertEquals(1, letters.size(), letters.toString());
        JsonNode letter = letters.values().iterator().next().source();
        assertEquals(Integer.toString(POISON_OFFSET), letter.path("pointer").asText(), letter.toString());
        assertEquals("mapper_parsing_exception", letter.path("reason").asText(), letter.toString());
        assertEquals(sent.get(POISON_OFFSET).text(), letter.path("raw_payload").asText());
        Await.quietly("partition 0 POLLING with DROP", Duration.ofSeconds(30), () -> {
            JsonNode now = ConnectTestSupport.partitionState(ConnectTestSupport.state(kc, name), 0);
            return "POLLING".equals(now.path("poller_state").asText()) && "DROP".equals(now.path("error_policy").asText())
                    && now.path("counters").path("total_dropped_count").asLong() == 1;
        });
        assertEquals("RUNNING", ConnectTestSupport.taskState(kc, name));
    }

    /**
     * With several bulk requests in flight (num_processor_threads=4, the default) and another partition writing
     * meanwhile, nothing of a blocked partition that was read after the refusal came back is ever sent: only
     * what was already in flight with the refused message can land.
     */
    @Test
    void nothingReadAfterTheRefusalIsSentWhileOtherPartitionsGoOn() throws Exception {
        OpenSearchNode node = openSearch3();
        EmbeddedKafkaConnect kc = kafka();
        String topic = "block-after";
        String index = "block-after-docs";
        topicAndIndex(node, topic, index);
        List<ProducerRecord<byte[], byte[]>> first = new ArrayList<>();
        for (int i = 0; i <= POISON_OFFSET; i++) {
            String count = i == POISON_OFFSET ? "\"not a number\"" : Integer.toString(i);
            first.add(ConnectTestSupport.record(topic, 0, "a-" + i, "{\"_id\":\"a-" + i + "\",\"_source\":{\"count\":" + count + "}}"));
        }
        ConnectTestSupport.send(kc.bootstrapServers(), first);
        Map<String, String> config = ConnectTestSupport.config(node, topic, index);
        config.put("kafka.bootstrap.servers", kc.bootstrapServers());
        config.put("error_strategy", "BLOCK");
        config.put("num_processor_threads", "4");
        config.put("max_batch_size", "5");
        String name = "block-after";
        deployAndAwaitBlocked(name, config, node);

        // after the refusal: more of partition 0 (which must wait) and of partition 1 (which must be written), in
        // small batches so several requests are in flight at once
        List<ProducerRecord<byte[], byte[]>> after = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            after.add(ConnectTestSupport.record(topic, 0, "late-" + i, "{\"_id\":\"late-" + i + "\",\"_source\":{\"count\":" + i + "}}"));
            after.add(ConnectTestSupport.record(topic, 1, "other-" + i, "{\"_id\":\"other-" + i + "\",\"_source\":{\"count\":" + i + "}}"));
        }
        ConnectTestSupport.send(kc.bootstrapServers(), after);
        Await.quietly("partition 1 committed to its end while partition 0 is blocked", Duration.ofSeconds(60),
                () -> ConnectTestSupport.committedOffsets(kc, name).get(1) == 30);
        Thread.sleep(2_000); // retries of the blocked message meanwhile
        Map<String, IndexReader.Doc> docs = IndexReader.readAll(node, index);
        for (int i = 0; i < 30; i++) {
            assertTrue(docs.containsKey("other-" + i), "partition 1 went on: other-" + i);
            assertTrue(!docs.containsKey("late-" + i), "late-" + i + " came after the refusal of offset " + POISON_OFFSET
                    + " and was written: " + docs.keySet());
        }
        for (int i = 0; i < POISON_OFFSET; i++) {
            assertTrue(docs.containsKey("a-" + i), "what came before the refused message is written: a-" + i);
        }
        JsonNode p = ConnectTestSupport.partitionState(ConnectTestSupport.state(kc, name), 0);
        assertEquals("BLOCKED", p.path("poller_state").asText(), p.toString());
        assertEquals(Integer.toString(POISON_OFFSET - 1), p.path("committed_pointer").asText(), p.toString());
        assertEquals(POISON_OFFSET, ConnectTestSupport.committedOffsets(kc, name).get(0));
        assertTrue(p.path("writer").path("max_concurrency").asInt() == 4, "the writer's figures in the state: " + p);
    }

    @Test
    void aBlockedTaskHoldingTheSharedBufferDoesNotHoldUpTheOtherTask() throws Exception {
        OpenSearchNode node = openSearch3();
        EmbeddedKafkaConnect kc = kafka();
        String topic = "block-shared";
        String index = "block-shared-docs";
        topicAndIndex(node, topic, index);
        // partition 0: refused at its first record, then enough to fill the connector's whole buffer in the
        // worker before the refusal comes back; partition 1 (the other task, same worker, same buffer): valid
        int held = 1_500;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        records.add(ConnectTestSupport.record(topic, 0, "poison", "{\"_id\":\"poison\",\"_source\":{\"count\":\"x\"}}"));
        for (int i = 0; i < held; i++) {
            records.add(ConnectTestSupport.record(topic, 0, "late-" + i, "{\"_id\":\"late-" + i + "\",\"_source\":{\"count\":" + i + "}}"));
        }
        ConnectTestSupport.send(kc.bootstrapServers(), records);
        Map<String, String> config = ConnectTestSupport.config(node, topic, index);
        config.put("kafka.bootstrap.servers", kc.bootstrapServers());
        config.put("tasks.max", "2");
        config.put("error_strategy", "BLOCK");
        config.put("buffer.max.bytes", "65536"); // ~600 of these records, shared by the two tasks
        config.put("max_batch_size", "20");
        String name = "block-shared";
        deployAndAwaitBlocked(name, config, node);

        int others = 1_000;
        List<ProducerRecord<byte[], byte[]>> other = new ArrayList<>();
        for (int i = 0; i < others; i++) {
            other.add(ConnectTestSupport.record(topic, 1, "other-" + i, "{\"_id\":\"other-" + i + "\",\"_source\":{\"count\":" + i + "}}"));
        }
        ConnectTestSupport.send(kc.bootstrapServers(), other);
        Await.quietly("partition 1 committed to its end while partition 0 is blocked", Duration.ofSeconds(90),
                () -> ConnectTestSupport.committedOffsets(kc, name).get(1) == others);
        Map<String, IndexReader.Doc> docs = IndexReader.readAll(node, index);
        for (int i = 0; i < others; i++) {
            assertTrue(docs.containsKey("other-" + i), "the other task went on: other-" + i);
        }
        // the second task's consumer may join after partition 0 first blocked: the rebalance hands partition 0 out
        // again, it is read again from its committed offset (none) and blocks again at the same refusal; wait for
        // the state of that settled assignment rather than read one published in between
        Await.quietly("partition 0 BLOCKED in the state", Duration.ofSeconds(30), () ->
                "BLOCKED".equals(ConnectTestSupport.partitionState(ConnectTestSupport.state(kc, name), 0)
                        .path("poller_state").asText()));
        JsonNode p = ConnectTestSupport.partitionState(ConnectTestSupport.state(kc, name), 0);
        assertEquals("BLOCKED", p.path("poller_state").asText(), p.toString());
        assertEquals(0, ConnectTestSupport.committedOffsets(kc, name).getOrDefault(0, 0L), "partition 0 never committed past the refusal");
    }

    /** Deploys the connector and waits until its partition 0 is BLOCKED in the state. */
    private void deployAndAwaitBlocked(String name, Map<String, String> config, OpenSearchNode node) throws Exception {
        EmbeddedKafkaConnect kc = kafka();
        deploy(name, config, node);
        Await.quietly("partition 0 BLOCKED in the state", Duration.ofSeconds(90), () -> {
            JsonNode p = ConnectTestSupport.partitionState(ConnectTestSupport.state(kc, name), 0);
            return "BLOCKED".equals(p.path("poller_state").asText());
        });
    }

    /** A topic of two partitions, and an index whose {@code count} is an integer (so a text count is refused). */
    private void topicAndIndex(OpenSearchNode node, String topic, String index) {
        createTopic(topic, 2);
        Http.Response created = node.client().put(node.url() + "/" + index,
                "{\"mappings\":{\"properties\":{\"count\":{\"type\":\"integer\"}}}}");
        assertTrue(created.ok(), created.body());
    }
}
