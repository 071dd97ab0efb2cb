package io.inlet.faults;

import io.inlet.services.FaultProxy;
import io.inlet.services.Http;
import io.inlet.services.OpenSearchNode;
import io.inlet.services.OpenSearchSpec;
import java.time.Duration;

/**
 * The OpenSearch side of a fault run, the same for every source: OpenSearch 3.x reached by the workers only
 * through a {@link FaultProxy}, the target index (mapped by {@link StreamModel#MAPPING}) and its dead-letter
 * index, and the faults injected there.
 */
final class OpenSearchSide implements AutoCloseable {

    private final OpenSearchNode openSearch;
    private final FaultProxy proxy;
    private final String index;

    private OpenSearchSide(OpenSearchNode openSearch, FaultProxy proxy, String index) {
        this.openSearch = openSearch;
        this.proxy = proxy;
        this.index = index;
    }

    /**
     * Starts OpenSearch and the proxy and creates the index. Delete tombstones are kept for an hour
     * ({@code index.gc_deletes}), so a delete refuses older versions for the whole run, as long as OpenSearch
     * does not restart.
     */
    static OpenSearchSide start(String index) {
        OpenSearchNode node = OpenSearchNode.start(OpenSearchSpec.v3());
        FaultProxy proxy = FaultProxy.start("opensearch", "127.0.0.1", node.port());
        OpenSearchSide side = new OpenSearchSide(node, proxy, index);
        require(node.client().put(node.url() + "/" + index,
                "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0,\"index.gc_deletes\":\"1h\"},\"mappings\":"
                        + StreamModel.MAPPING + "}"), "creating the index " + index);
        return side;
    }

    /** The URL the workers write to: the proxy's. */
    String workerUrl() {
        return "http://127.0.0.1:" + proxy.port();
    }

    OpenSearchNode openSearch() {
        return openSearch;
    }

    FaultProxy proxy() {
        return proxy;
    }

    String index() {
        return index;
    }

    String deadLetterIndex() {
        return index + "-dead-letters";
    }

    void kill(Duration down) throws InterruptedException {
        openSearch.kill();
        Thread.sleep(down.toMillis());
        openSearch.restart();
    }

    void freeze(Duration held) throws InterruptedException {
        openSearch.freeze();
        try {
            Thread.sleep(held.toMillis());
        } finally {
            openSearch.thaw();
        }
    }

    void network(FaultProxy.Mode mode, Duration held) throws InterruptedException {
        proxy.mode(mode);
        try {
            Thread.sleep(held.toMillis());
        } finally {
            proxy.mode(FaultProxy.Mode.PASS);
        }
    }

    void latency(Duration latency, Duration held) throws InterruptedException {
        proxy.latency(latency);
        network(FaultProxy.Mode.LATENCY, held);
    }

    /** {@code index.blocks.read_only_allow_delete}, as OpenSearch sets it at the disk flood stage, set and lifted live. */
    void floodStageBlock(Duration held) throws InterruptedException {
        require(openSearch.client().put(openSearch.url() + "/" + index + "/_settings",
                "{\"index.blocks.read_only_allow_delete\":true}"), "setting the flood-stage block");
        try {
            Thread.sleep(held.toMillis());
        } finally {
            require(openSearch.client().put(openSearch.url() + "/" + index + "/_settings",
                    "{\"index.blocks.read_only_allow_delete\":null}"), "lifting the flood-stage block");
        }
    }

    /** Stops the proxy, kills OpenSearch (the run is over: nothing to shut down gracefully for) and deletes its data. */
    @Override
    public void close() {
        proxy.close();
        openSearch.kill();
        openSearch.close();
    }

    static void require(Http.Response r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException(what + " failed: " + r.status() + " " + r.body());
        }
    }
}
