package io.inlet.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.it.IndexReader;
import io.inlet.kafka.ConnectTestSupport.Sent;
import io.inlet.services.Await;
import io.inlet.services.EmbeddedKafkaConnect;
import io.inlet.services.OpenSearchNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code pointer.init.reset} on fresh connectors, each over its own topic of 2 partitions pre-loaded with
 * 40 envelopes produced in two halves around a recorded time: what reaches OpenSearch and what Connect
 * commits. And a connector whose partitions already have committed offsets is not reset by it.
 */
class ResetModesIT extends KafkaIT {

    private static final int PARTITIONS = 2;
    private static final int HALF = 20;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static OpenSearchNode node;
    private static EmbeddedKafkaConnect kc;

    /** A pre-loaded topic: every record with where it landed, and the time between the two halves. */
    private record Preloaded(String topic, List<Sent> first, List<Sent> second, long mark) {
        List<Sent> all() {
            List<Sent> all = new ArrayList<>(first);
            all.addAll(second);
            return all;
        }
    }

    @BeforeAll
    static void services() {
        node = openSearch3();
        kc = kafka();
    }

    private static String envelope(String id, int seq) {
        return "{\"_id\":\"" + id + "\",\"_source\":{\"seq\":" + seq + "}}";
    }

    /** {@code count} envelopes with ids {@code <prefix>-<n>}, spread round-robin over the partitions. */
    private static List<Sent> produce(String topic, String prefix, int from, int count) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String id = prefix + "-" + i;
            records.add(ConnectTestSupport.record(topic, i % PARTITIONS, id, envelope(id, i)));
        }
        return ConnectTestSupport.send(kc.bootstrapServers(), records);
    }

    private Preloaded preload(String topic) throws InterruptedException {
        createTopic(topic, PARTITIONS);
        List<Sent> first = produce(topic, "m", 0, HALF);
        Thread.sleep(50);
        long mark = System.currentTimeMillis();
        Thread.sleep(50);
        List<Sent> second = produce(topic, "m", HALF, HALF);
        assertTrue(first.stream().allMatch(s -> s.timestamp() < mark) && second.stream().allMatch(s -> s.timestamp() >= mark),
                "record timestamps fall on either side of the mark");
        return new Preloaded(topic, first, second, mark);
    }

    private static Map<String, String> config(String topic, String reset, String value) {
        Map<String, String> c = ConnectTestSupport.config(node, topic, topic);
        c.put("kafka.bootstrap.servers", kc.bootstrapServers());
        c.put("pointer.init.reset", reset);
        if (value != null) {
            c.put("pointer.init.reset.value", value);
        }
        return c;
    }

    /** The log end offset of each partition (the next offset), from what was produced. */
    private static Map<Integer, Long> ends(List<Sent> produced) {
        Map<Integer, Long> ends = new TreeMap<>();
        for (Sent s : produced) {
            ends.merge(s.partition(), s.offset() + 1, Math::max);
        }
        return ends;
    }

    private static Set<String> ids(List<Sent> sent, Predicate<Sent> which) {
        return sent.stream().filter(which).map(s -> new String(s.key(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> indexed(String index) throws Exception {
        return new TreeSet<>(IndexReader.readAll(node, index).keySet());
    }

    @Test
    void eachModeStartsWhereItSays() throws Exception {
        Preloaded earliest = preload("reset-earliest");
        Preloaded byOffset = preload("reset-by-offset");
        Preloaded rewindOffset = preload("reset-rewind-offset");
        Preloaded byTime = preload("reset-by-timestamp");
        Preloaded latest = preload("reset-latest");
        int k = 4;
        deploy("reset-earliest", config(earliest.topic(), "earliest", null), node);
        deploy("reset-by-offset", config(byOffset.topic(), "reset_by_offset", Integer.toString(k)), node);
        deploy("reset-rewind-offset", config(rewindOffset.topic(), "rewind_by_offset", Integer.toString(k)), node);
        deploy("reset-by-timestamp", config(byTime.topic(), "reset_by_timestamp", Long.toString(byTime.mark())), node);
        deploy("reset-latest", config(latest.topic(), "latest", null), node);

        // earliest: all 40
        ConnectTestSupport.awaitCommitted(kc, "reset-earliest", ends(earliest.all()), WAIT);
        assertEquals(ids(earliest.all(), s -> true), indexed(earliest.topic()));

        // reset_by_offset / rewind_by_offset k: offsets >= k of every partition
        for (Preloaded p : List.of(byOffset, rewindOffset)) {
            ConnectTestSupport.awaitCommitted(kc, p.topic(), ends(p.all()), WAIT);
            Set<String> expected = ids(p.all(), s -> s.offset() >= k);
            assertEquals(2 * (HALF - k), expected.size());
            assertEquals(expected, indexed(p.topic()), p.topic());
        }

        // reset_by_timestamp at the mark: exactly the second half
        ConnectTestSupport.awaitCommitted(kc, "reset-by-timestamp", ends(byTime.all()), WAIT);
        assertEquals(ids(byTime.second(), s -> true), indexed(byTime.topic()));

        // latest: none of the pre-loaded ones, then exactly those produced after the partitions were assigned
        Await.quietly("reset-latest assigned its partitions", WAIT,
                () -> ConnectTestSupport.state(kc, "reset-latest").path("partitions").size() == PARTITIONS);
        Thread.sleep(2_000); // the seek to the end happens in open(), right after the partitions appear in the state
        assertEquals(Map.of(), ConnectTestSupport.committedOffsets(kc, "reset-latest"), "nothing consumed, nothing committed");
        List<Sent> late = produce(latest.topic(), "late", 0, 6);
        List<Sent> everything = latest.all();
        everything.addAll(late);
        ConnectTestSupport.awaitCommitted(kc, "reset-latest", ends(everything), WAIT);
        assertEquals(ids(late, s -> true), indexed(latest.topic()));

        for (String name : List.of("reset-earliest", "reset-by-offset", "reset-rewind-offset", "reset-by-timestamp", "reset-latest")) {
            assertEquals("RUNNING", ConnectTestSupport.taskState(kc, name), name);
        }
    }

    @Test
    void anOffsetPastTheEndStartsThereNotAtTheBeginning() throws Exception {
        Preloaded p = preload("reset-past-end");
        long k = HALF + 5; // each partition ends at offset 20: Kafka would call 25 out of range
        deploy("reset-past-end", config(p.topic(), "reset_by_offset", Long.toString(k)), node);
        Await.quietly("reset-past-end assigned its partitions", WAIT,
                () -> ConnectTestSupport.state(kc, "reset-past-end").path("partitions").size() == PARTITIONS);
        Thread.sleep(2_000); // the partitions started (at their end, 20) before the next records exist
        List<Sent> later = produce(p.topic(), "later", 0, 2 * HALF); // offsets 20..39 of each partition
        List<Sent> everything = p.all();
        everything.addAll(later);
        ConnectTestSupport.awaitCommitted(kc, "reset-past-end", ends(everything), WAIT);
        Set<String> expected = ids(everything, s -> s.offset() >= k);
        assertEquals(2 * (2 * HALF - k), expected.size());
        assertEquals(expected, indexed(p.topic()), "offsets >= " + k + " only, neither the pre-loaded nor the ones before " + k);
    }

    @Test
    void noneFailsTheTaskSayingHowToSetAnOffset() throws Exception {
        Preloaded p = preload("reset-none");
        deploy("reset-none", config(p.topic(), "none", null), node);
        Await.quietly("the task FAILED", WAIT, () -> "FAILED".equals(ConnectTestSupport.taskState(kc, "reset-none")));
        String trace = ConnectTestSupport.status(kc, "reset-none").path("tasks").path(0).path("trace").asText();
        assertTrue(trace.contains("has no committed offset") && trace.contains("pointer.init.reset=none"), trace);
        assertTrue(trace.contains("PATCH /connectors/reset-none/offsets"), "the trace says how to set an offset: " + trace);
        assertEquals(Map.of(), ConnectTestSupport.committedOffsets(kc, "reset-none"));
        assertEquals(0, IndexReader.count(node, p.topic()), "nothing indexed");
    }

    @Test
    void committedOffsetsWinOverTheResetSetting() throws Exception {
        Preloaded p = preload("reset-committed");
        String name = "reset-committed";
        deploy(name, config(p.topic(), "earliest", null), node);
        ConnectTestSupport.awaitCommitted(kc, name, ends(p.all()), WAIT);
        ConnectTestSupport.deleteAndWait(kc, name);

        // while it is gone: more records; Connect keeps the offsets of consumer group connect-<name>
        List<Sent> more = produce(p.topic(), "more", 0, 6);
        List<Sent> everything = p.all();
        everything.addAll(more);
        deploy(name, config(p.topic(), "latest", null), node);
        // latest would skip the 6 new records: resuming from the committed offsets reads them
        ConnectTestSupport.awaitCommitted(kc, name, ends(everything), WAIT);
        assertEquals(ids(everything, s -> true), indexed(p.topic()));
        Await.quietly("the 6 new records counted in the state", WAIT,
                () -> ConnectTestSupport.total(ConnectTestSupport.state(kc, name), "total_processed_count") >= more.size());
        Thread.sleep(1_000);
        JsonNode state = ConnectTestSupport.state(kc, name);
        assertEquals(more.size(), ConnectTestSupport.total(state, "total_processed_count"),
                "only the new records were read: " + state);
    }
}
