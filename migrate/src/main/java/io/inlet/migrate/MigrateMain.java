package io.inlet.migrate;

import io.inlet.common.client.OpenSearchClients;
import io.inlet.common.client.OpenSearchConnection;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.opensearch.client.RestHighLevelClient;

/**
 * {@code java -jar inlet-migrate.jar --opensearch URL --index NAME [options]}: hands an index fed by OpenSearch's
 * pull-based ingestion from Kafka or Kinesis over to Inlet ({@link Migration}).
 */
public final class MigrateMain {

    static final String USAGE = String.join("\n",
            "usage: java -jar inlet-migrate.jar --opensearch URL --index NAME [options]",
            "  --opensearch URL      the cluster holding the native index (also where the connector writes)",
            "  --index NAME          the index created with index.ingestion_source (type kafka or kinesis)",
            "  --target NAME         the regular index Inlet writes to (default <index>-inlet); created with the same",
            "                        mappings unless it exists, then filled with the native documents and their versions",
            "  --connector NAME      the connector's name, or for Kinesis the worker's application.name (default <index>)",
            "  --out FILE            where to write the connector config (default <connector>-connector.json), or the",
            "                        worker config (default <connector>-worker.json)",
            "  --connect URL         Kafka: a Connect REST URL; create the connector there, stopped, with its offsets set",
            "  --dynamodb-endpoint URL  Kinesis: a DynamoDB endpoint for the worker's lease table (default: the region's)",
            "  --username USER       basic auth for OpenSearch, also written into the config; the password is read",
            "                        from the variable (a config file holding it is readable by its owner only)",
            "  --password-env VAR    VAR (default INLET_OPENSEARCH_PASSWORD)",
            "  --dry-run             print the plan and change nothing",
            "Exit status: 0 done, 1 failed (the message says why), 2 bad arguments.");
    private static final Set<String> FLAGS = Set.of("dry-run", "help");

    private MigrateMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Map<String, String> opts;
        try {
            opts = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        if (opts.containsKey("help")) {
            System.out.println(USAGE);
            return 0;
        }
        String url = opts.get("opensearch");
        String index = opts.get("index");
        String connector = opts.getOrDefault("connector", index);
        String username = opts.get("username");
        String password = null;
        OpenSearchConnection c = OpenSearchConnection.of(url);
        if (username != null) {
            String var = opts.getOrDefault("password-env", "INLET_OPENSEARCH_PASSWORD");
            password = System.getenv(var);
            if (password == null) {
                System.err.println("error: --username " + username + " needs the password in the variable " + var);
                return 2;
            }
            c = c.withBasicAuth(username, password);
        }
        Migration.Options o = new Migration.Options(url, username, password, index,
                opts.getOrDefault("target", index + "-inlet"), connector,
                opts.containsKey("out") ? Path.of(opts.get("out")) : null, opts.get("connect"),
                opts.get("dynamodb-endpoint"), opts.containsKey("dry-run"));
        try (RestHighLevelClient client = OpenSearchClients.create(c)) {
            new Migration(client.getLowLevelClient(), o, System.out).run();
            return 0;
        } catch (Exception e) {
            System.err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String k = args[i].substring(2);
            if (FLAGS.contains(k)) {
                m.put(k, "true");
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                m.put(k, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + k + " needs a value");
            }
        }
        if (!m.containsKey("help")) {
            for (String required : new String[] {"opensearch", "index"}) {
                if (!m.containsKey(required)) {
                    throw new IllegalArgumentException("--" + required + " is required");
                }
            }
        }
        return m;
    }
}
