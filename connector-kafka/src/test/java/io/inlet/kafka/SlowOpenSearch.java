package io.inlet.kafka;

import io.inlet.services.OpenSearchNode;
import io.inlet.services.OpenSearchSpec;

/**
 * An OpenSearch node of this module's tests own, with one write thread and a write queue of one: more
 * than two bulk requests at once are refused with 429 (a storm). Started on first use, shared by the
 * tests that want it, stopped when the JVM exits.
 */
final class SlowOpenSearch {

    private static OpenSearchNode node;

    private SlowOpenSearch() {
    }

    static synchronized OpenSearchNode get() {
        if (node == null) {
            node = OpenSearchNode.start(OpenSearchSpec.v3()
                    .with("thread_pool.write.size", "1")
                    .with("thread_pool.write.queue_size", "1"));
            OpenSearchNode n = node;
            Runtime.getRuntime().addShutdownHook(new Thread(n::close, "slow-opensearch-stop"));
        }
        return node;
    }
}
