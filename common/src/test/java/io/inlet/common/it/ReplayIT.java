package io.inlet.common.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.ingest.Ingestion;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.state.CountersSnapshot;
import io.inlet.services.OpenSearchNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensearch.client.RestHighLevelClient;

/**
 * Effectively once: a clean pass of 10,000 envelopes leaves the expected index, and replaying the same
 * messages three more times, in shuffled batches, leaves exactly the same index.
 */
class ReplayIT {

    @ParameterizedTest(name = "OpenSearch {0}", autoCloseArguments = false) // the nodes are shared by the whole run
    @MethodSource("io.inlet.common.it.Pipelines#bothVersions")
    void replaysChangeNothing(OpenSearchNode node) throws Exception {
        String index = "replay-" + node.version().replace('.', '-');
        Pipelines.createIndex(node, index, null);
        ChangeStream stream = new ChangeStream(10_000, 1_000, 42);
        List<byte[]> payloads = stream.payloads();
        try (RestHighLevelClient client = Pipelines.client(node);
             Ingestion ingestion = Pipelines.ingestion(client, index)) {
            Pipelines.feed(ingestion, "orders", "0", payloads, 0, payloads.size());
            Pipelines.awaitIdle(ingestion, Duration.ofMinutes(3));
            assertEquals(new KafkaOffset(payloads.size() - 1), ingestion.committed("orders", "0").orElseThrow());
            Map<String, IndexReader.Doc> clean = IndexReader.readAll(node, index);
            IndexReader.assertMatches(stream.expected(), clean);
            CountersSnapshot c = ingestion.state().snapshot().totals();
            assertEquals(payloads.size(), c.processed());
            assertEquals(0, c.dropped());
            assertTrue(c.versionConflicts() > 0, "the stream has out-of-order versions, absorbed as stale: " + c);
            assertTrue(c.deleted() > 0, "the stream has deletes: " + c);

            Random r = new Random(7);
            for (int replay = 0; replay < 3; replay++) {
                for (int[] batch : shuffledBatches(payloads.size(), r)) {
                    ingestion.reset("orders", "0");
                    Pipelines.feed(ingestion, "orders", "0", payloads, batch[0], batch[1]);
                    Pipelines.awaitIdle(ingestion, Duration.ofMinutes(1));
                }
            }
            Map<String, IndexReader.Doc> replayed = IndexReader.readAll(node, index);
            assertEquals(clean, replayed, "the index after three shuffled replays equals the clean pass");
            IndexReader.assertMatches(stream.expected(), replayed);
            CountersSnapshot after = ingestion.state().snapshot().totals();
            assertEquals(0, after.dropped());
            assertEquals(4L * payloads.size(), after.processed());
        }
    }

    /** Cuts [0, n) into batches of random length and returns them in random order. */
    private static List<int[]> shuffledBatches(int n, Random r) {
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < n; ) {
            int end = Math.min(n, start + 1 + r.nextInt(1500));
            batches.add(new int[] {start, end});
            start = end;
        }
        Collections.shuffle(batches, r);
        return batches;
    }
}
