package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Settings of the "Connection" group: which OpenSearch nodes to talk to, and how patiently. */
public final class ConnectionSettings {

    public static final String GROUP = "Connection";

    public static final String HOSTS = "opensearch.hosts";
    private static final String HOSTS_DISPLAY = "OpenSearch hosts";
    private static final String HOSTS_DOC = "The OpenSearch nodes to send requests to, as a comma-separated list"
            + " of URLs with a scheme, a host and a port, e.g. https://node1:9200,https://node2:9200. Requests"
            + " are spread over the nodes. Use https:// for TLS (see the Security group). Credentials go in"
            + " opensearch.username and opensearch.password, never in the URL.";

    public static final String CONNECT_TIMEOUT_MS = "opensearch.connect.timeout.ms";
    public static final int CONNECT_TIMEOUT_MS_DEFAULT = 5_000;
    private static final String CONNECT_TIMEOUT_MS_DISPLAY = "Connect timeout (ms)";
    private static final String CONNECT_TIMEOUT_MS_DOC = "How long to wait, in milliseconds, for a connection"
            + " to a node to open. A node that does not answer in time counts as a passing failure: the"
            + " request is retried with backoff.";

    public static final String SOCKET_TIMEOUT_MS = "opensearch.socket.timeout.ms";
    public static final int SOCKET_TIMEOUT_MS_DEFAULT = 60_000;
    private static final String SOCKET_TIMEOUT_MS_DISPLAY = "Socket timeout (ms)";
    private static final String SOCKET_TIMEOUT_MS_DOC = "How long to wait, in milliseconds, for data on an"
            + " open connection, i.e. for the answer to a bulk request. A request that times out is retried"
            + " with backoff; raise this if large bulk requests to a busy cluster time out.";

    public static final String COMPRESSION = "opensearch.compression";
    public static final boolean COMPRESSION_DEFAULT = false;
    private static final String COMPRESSION_DISPLAY = "Compress requests";
    private static final String COMPRESSION_DOC = "Whether to gzip request bodies. Saves network bandwidth"
            + " (bulk JSON compresses well) at some CPU cost on both sides.";

    private ConnectionSettings() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        def.define(HOSTS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new HttpHostList(), Importance.HIGH,
                HOSTS_DOC, GROUP, ++order, Width.LONG, HOSTS_DISPLAY);
        def.define(CONNECT_TIMEOUT_MS, Type.INT, CONNECT_TIMEOUT_MS_DEFAULT, NumberRange.atLeast(1), Importance.LOW,
                CONNECT_TIMEOUT_MS_DOC, GROUP, ++order, Width.SHORT, CONNECT_TIMEOUT_MS_DISPLAY);
        def.define(SOCKET_TIMEOUT_MS, Type.INT, SOCKET_TIMEOUT_MS_DEFAULT, NumberRange.atLeast(1), Importance.LOW,
                SOCKET_TIMEOUT_MS_DOC, GROUP, ++order, Width.SHORT, SOCKET_TIMEOUT_MS_DISPLAY);
        def.define(COMPRESSION, Type.BOOLEAN, COMPRESSION_DEFAULT, BooleanRule.INSTANCE, Importance.LOW,
                COMPRESSION_DOC, GROUP, ++order, Width.SHORT, COMPRESSION_DISPLAY);
        return def;
    }
}
