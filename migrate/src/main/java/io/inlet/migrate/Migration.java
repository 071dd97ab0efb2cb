package io.inlet.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opensearch.client.RestClient;

/**
 * Hands an index fed by OpenSearch's pull-based ingestion from Kafka over to Inlet's Kafka Connect sink:
 * <ol>
 *   <li>reads the index's {@code ingestion_source} and translates it (nothing is touched when it cannot be);</li>
 *   <li>pauses the native ingestion and waits until every shard's poller is paused;</li>
 *   <li>reads each shard's {@code batch_start_pointer}: the first message of the batch it had not committed, so
 *       nothing after it is skipped, and what is read again was written already (versions absorb it);</li>
 *   <li>creates the target index with the same mappings (unless it exists) and copies the documents with their
 *       versions;</li>
 *   <li>writes the connector config, and with a Connect URL creates the connector stopped, its offsets set to the
 *       pointers, ready to resume.</li>
 * </ol>
 * With {@code dryRun} it reads and prints the plan, and changes nothing.
 */
final class Migration {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to migrate and where to.
     *
     * @param openSearchUrl the cluster, as the connector will reach it
     * @param username      basic-auth user, or null
     * @param index         the native index
     * @param target        the regular index to create (or use, when it exists)
     * @param connector     the connector's name
     * @param out           where to write the connector config
     * @param connect       the Connect REST URL to deploy to, or null to only write the config
     * @param dryRun        whether to print the plan only
     */
    record Options(String openSearchUrl, String username, String index, String target, String connector, Path out,
                   String connect, boolean dryRun) {
    }

    private final RestClient client;
    private final Options o;
    private final PrintStream print;

    Migration(RestClient client, Options options, PrintStream print) {
        this.client = client;
        this.o = options;
        this.print = print;
    }

    /** Runs the migration (or, with {@code dryRun}, prints its plan); the offsets handed over, per partition. */
    Map<Integer, Long> run() throws IOException, InterruptedException {
        NativeIndex nat = new NativeIndex(client, o.index());
        Map<String, String> settings = nat.settings();
        NativeSource source = NativeSource.of(o.index(), settings);
        if (!source.type().equalsIgnoreCase("kafka")) {
            throw new IllegalArgumentException("index " + o.index() + " reads from " + source.type() + ": inlet-migrate"
                    + " hands over ingestion_source type kafka only. For Kinesis: pause it, copy it into a new index with"
                    + " _reindex (\"version_type\":\"external\"), and start the worker on the new index with"
                    + " pointer.init.reset=reset_by_timestamp a safe margin before the pause (versions absorb the overlap)");
        }
        ConnectorConfig config = new ConnectorConfig(source, o.target(), o.openSearchUrl(), o.username());
        List<NotCarried> notCarried = new ArrayList<>(config.notCarried());
        TargetIndex.notCopied(settings, notCarried);
        boolean targetExists = TargetIndex.exists(client, o.target());

        print.println("Native index " + o.index() + ": kafka topic " + config.topic() + ", "
                + settings.getOrDefault("index.number_of_shards", "?") + " shards (shard n reads partition n)");
        print.println("Target index " + o.target() + ": " + (targetExists ? "exists, used as it is"
                : "created with the same mappings and " + TargetIndex.settings(settings)));
        print.println("Connector " + o.connector() + ":");
        config.config().forEach((k, v) -> print.println("  " + k + " = " + v));
        if (notCarried.isEmpty()) {
            print.println("Every setting of the native index is carried over.");
        } else {
            print.println("Not carried over:");
            notCarried.forEach(n -> print.println("  " + n.setting() + " = " + n.value() + ": " + n.why()));
        }
        if (o.dryRun()) {
            print.println("Now (dry run, nothing changed): " + describe(nat.state()));
            print.println("Without --dry-run: pause the native ingestion, create " + o.target() + " and copy the documents"
                    + " with their versions, write " + o.out() + (o.connect() == null ? "" : ", and create the connector"
                    + " stopped on " + o.connect() + " with each partition's offset at the native pointer"));
            return Map.of();
        }

        nat.pause();
        List<ShardPointer> shards = nat.awaitPaused(120_000);
        Map<Integer, Long> offsets = offsets(shards);
        print.println("Paused the native ingestion of " + o.index() + ": " + describe(shards));
        if (!targetExists) {
            TargetIndex.create(nat, o.target(), TargetIndex.settings(settings), nat.mappings());
            print.println("Created " + o.target());
        }
        long copied = TargetIndex.copy(nat, o.target());
        print.println("Copied " + copied + " documents from " + o.index() + " into " + o.target() + " with their versions");

        ObjectNode file = JSON.createObjectNode().put("name", o.connector());
        ObjectNode c = file.putObject("config");
        config.config().forEach(c::put);
        Files.writeString(o.out(), file.toPrettyString() + "\n");
        print.println("Wrote the connector config to " + o.out());
        String offsetsBody = ConnectHandOver.offsetsBody(config.topic(), offsets).toString();
        String base = o.connect() == null ? "http://<connect>:8083" : o.connect();
        if (o.connect() != null) {
            new ConnectHandOver(o.connect()).deployStopped(o.connector(), config.config(), config.topic(), offsets);
            print.println("Created connector " + o.connector() + " on " + o.connect() + ", STOPPED, with offsets "
                    + offsetsBody);
            print.println("Next:");
        } else {
            print.println("Next: create the connector stopped, set its offsets, then resume it:");
            print.println("  curl -X POST " + base + "/connectors -H 'Content-Type: application/json' -d '"
                    + ConnectHandOver.createBody(o.connector(), config.config()) + "'");
            print.println("  curl -X PATCH " + base + "/connectors/" + o.connector()
                    + "/offsets -H 'Content-Type: application/json' -d '" + offsetsBody + "'");
        }
        print.println("  curl -X PUT " + base + "/connectors/" + o.connector() + "/resume");
        print.println("  then point readers at " + o.target() + " (e.g. move your alias with POST /_aliases), and delete "
                + o.index() + " when you no longer need it (its native ingestion stays paused)");
        return offsets;
    }

    /**
     * The next offset to read per partition: the native batch start. A shard that has read nothing yet has no
     * offset, and the connector starts it by {@code pointer.init.reset}, as OpenSearch would have.
     */
    static Map<Integer, Long> offsets(List<ShardPointer> shards) {
        Map<Integer, Long> out = new TreeMap<>();
        for (ShardPointer s : shards) {
            if (s.pointer() != null) {
                out.put(s.shard(), kafkaOffset(s.pointer()));
            }
        }
        return out;
    }

    /** A Kafka offset as the native state shows it: the number, possibly inside the pointer's own text. */
    static long kafkaOffset(String pointer) {
        String digits = pointer.replaceAll("[^0-9-]", "");
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("batch_start_pointer '" + pointer + "' is not a Kafka offset");
        }
    }

    private static String describe(List<ShardPointer> shards) {
        List<String> out = new ArrayList<>();
        shards.forEach(s -> out.add("shard " + s.shard() + " " + s.state() + " at " + (s.pointer() == null ? "nothing read"
                : s.pointer())));
        return String.join(", ", out);
    }
}
