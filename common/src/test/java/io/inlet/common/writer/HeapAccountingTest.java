package io.inlet.common.writer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.ingest.Translator;
import io.inlet.common.mapper.DefaultMapper;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * {@code buffer.max.bytes} means what the heap holds: the objects a waiting message keeps alive (message,
 * payload, key, pointer, operation, id), walked and measured by JOL, against what the buffer counts for it.
 */
class HeapAccountingTest {

    static {
        // JOL reads field offsets through Unsafe; on JDK 17+ that needs its "magic" way in
        System.setProperty("jol.magicFieldOffset", "true");
    }

    /** An order envelope of about 1 KB, as the benchmark's. */
    static byte[] envelope(int i) {
        StringBuilder items = new StringBuilder();
        for (int k = 0; k < 4; k++) {
            items.append(k == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(1000 + (i + k) % 97)
                    .append("\",\"name\":\"Espresso cup, stoneware, 90 ml\",\"qty\":").append(1 + k)
                    .append(",\"unit_price\":12.5,\"tags\":[\"kitchen\",\"ceramics\"]}");
        }
        String source = "{\"order_id\":\"o-" + i + "\",\"status\":\"paid\",\"created_at\":\"2026-11-25T10:15:00Z\","
                + "\"currency\":\"EUR\",\"total\":88.4,\"customer\":{\"id\":\"c-" + (i % 5000) + "\",\"name\":\"Zoë Ångström-Müller\","
                + "\"email\":\"zoe" + i + "@example.com\",\"address\":{\"street\":\"Leopoldstraße 12\",\"city\":\"München\","
                + "\"postal_code\":\"80331\",\"country\":\"DE\",\"geo\":{\"lat\":48.1372,\"lon\":11.5756}}},\"items\":[" + items
                + "],\"shipping\":{\"method\":\"standard\",\"carrier\":\"DHL\",\"cost\":4.9},\"notes\":\"Bitte im Hof abstellen.\"}";
        return ("{\"_id\":\"o-" + i + "\",\"_version\":" + (i + 1) + ",\"_op_type\":\"index\",\"_source\":" + source + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theHeapAWaitingMessageHoldsIsAtMostOneAndAHalfTimesWhatTheBufferCountsForIt() throws Exception {
        Translator translator = new Translator(new DefaultMapper(), "orders", null, null);
        String topic = "shop-changes";
        List<Pending> pending = new ArrayList<>();
        long counted = 0;
        for (int i = 0; i < 2000; i++) {
            long generation = i % 3;
            // as the Kafka task makes it: a partition string and key bytes of its own, no record kept
            StreamMessage m = new StreamMessage(topic, Integer.toString(i % 4), ("o-" + i).getBytes(StandardCharsets.UTF_8),
                    envelope(i), Map.of(), new KafkaOffset(i), 1_764_064_800_000L + i);
            Pending.Write w = new Pending.Write(translator.translate(m), () -> generation < 0);
            pending.add(w);
            counted += w.bytes();
        }
        long heap = GraphLayout.parseInstance(pending.toArray()).totalSize();
        double perCountedByte = (double) heap / counted;
        System.out.printf("heap %,d bytes for %,d counted: %.3f per counted byte%n", heap, counted, perCountedByte);
        assertTrue(perCountedByte <= 1.5, "heap per counted byte " + perCountedByte);
        assertTrue(perCountedByte >= 0.9, "the buffer does not count far more than the heap holds: " + perCountedByte);
    }
}
