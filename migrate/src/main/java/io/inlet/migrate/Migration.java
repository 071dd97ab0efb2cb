package io.inlet.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opensearch.client.RestClient;

/**
 * Hands an index fed by OpenSearch's pull-based ingestion over to Inlet: from Kafka to the Kafka Connect sink, from
 * Kinesis to the Kinesis worker.
 * <ol>
 *   <li>reads the index's {@code ingestion_source} and translates it (nothing is touched when it cannot be);</li>
 *   <li>pauses the native ingestion and waits until every shard's poller is paused;</li>
 *   <li>reads each shard's {@code batch_start_pointer}: the first message of the batch it had not committed, so
 *       nothing after it is skipped, and what is read again was written already (versions absorb it);</li>
 *   <li>creates the target index with the same mappings (unless it exists) and copies the documents with their
 *       versions;</li>
 *   <li>Kafka: writes the connector config, and with a Connect URL creates the connector stopped, its offsets set
 *       to the pointers, ready to resume. Kinesis: writes the worker config with {@code reset_by_offset} at the
 *       pointers (one sequence number per shard), which the worker seeds as its lease checkpoints at first start.</li>
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
     * @param password      its password (read from the variable --password-env names), or null
     * @param index         the native index
     * @param target        the regular index to create (or use, when it exists)
     * @param connector     the connector's name (Kafka), or the worker's application name (Kinesis)
     * @param out           where to write the connector or worker config; null: {@code <connector>-connector.json} or
     *                      {@code <connector>-worker.json}
     * @param connect       the Connect REST URL to deploy to, or null to only write the config
     * @param dynamoDbEndpoint a DynamoDB endpoint override for the worker's lease table, or null
     * @param dryRun        whether to print the plan only
     */
    record Options(String openSearchUrl, String username, String password, String index, String target, String connector, Path out,
                   String connect, String dynamoDbEndpoint, boolean dryRun) {
    }

    private final RestClient client;
    private final Options o;
    private final PrintStream print;
    private Path out;

    Migration(RestClient client, Options options, PrintStream print) {
        this.client = client;
        this.o = options;
        this.print = print;
    }

    /** Runs the migration (or, with {@code dryRun}, prints its plan). */
    void run() throws IOException, InterruptedException {
        NativeIndex nat = new NativeIndex(client, o.index());
        Map<String, String> settings = nat.settings();
        NativeSource source = NativeSource.of(o.index(), settings);
        boolean kinesis = source.type().equalsIgnoreCase("kinesis");
        if (!kinesis && !source.type().equalsIgnoreCase("kafka")) {
            throw new IllegalArgumentException("index " + o.index() + " reads from " + source.type() + ": inlet-migrate"
                    + " hands over ingestion_source types kafka and kinesis");
        }
        if (kinesis && o.connect() != null) {
            throw new IllegalArgumentException("--connect is for Kafka sources; index " + o.index() + " reads from"
                    + " Kinesis, whose worker starts from the config file this writes");
        }
        ConnectorConfig connector = kinesis ? null
                : new ConnectorConfig(source, o.target(), o.openSearchUrl(), o.username(), o.password());
        WorkerConfig worker = kinesis ? new WorkerConfig(source, o.target(), o.openSearchUrl(), o.username(),
                o.password(), o.connector(), o.dynamoDbEndpoint()) : null;
        out = o.out() != null ? o.out() : Path.of(o.connector() + (kinesis ? "-worker.json" : "-connector.json"));
        List<NotCarried> notCarried = new ArrayList<>(kinesis ? worker.notCarried() : connector.notCarried());
        TargetIndex.notCopied(settings, notCarried);
        boolean targetExists = TargetIndex.exists(client, o.target());

        String shards = settings.getOrDefault("index.number_of_shards", "?") + " shards";
        print.println("Native index " + o.index() + ": " + (kinesis ? "kinesis stream " + worker.stream() + ", " + shards
                + " (shard n reads the stream's shard n)" : "kafka topic " + connector.topic() + ", " + shards
                + " (shard n reads partition n)"));
        print.println("Target index " + o.target() + ": " + (targetExists ? "exists, used as it is"
                : "created with the same mappings and " + TargetIndex.settings(settings)));
        print.println((kinesis ? "Worker, application " : "Connector ") + o.connector() + ":");
        (kinesis ? worker.config() : connector.config()).forEach((k, v) -> print.println("  " + k + " = "
                + (SharedSettings.SECRETS.contains(k) ? "(not shown)" : v)));
        if (notCarried.isEmpty()) {
            print.println("Every setting of the native index is carried over.");
        } else {
            print.println("Not carried over:");
            notCarried.forEach(n -> print.println("  " + n.setting() + " = " + n.value() + ": " + n.why()));
        }
        if (o.dryRun()) {
            print.println("Now (dry run, nothing changed): " + describe(nat.state()));
            print.println("Without --dry-run: pause the native ingestion, create " + o.target() + " and copy the documents"
                    + " with their versions, write " + out + (kinesis ? " with each shard starting at its native"
                    + " pointer" : o.connect() == null ? "" : ", and create the connector stopped on " + o.connect()
                    + " with each partition's offset at the native pointer"));
            return;
        }

        nat.pause();
        List<ShardPointer> paused = nat.awaitPaused(120_000);
        print.println("Paused the native ingestion of " + o.index() + ": " + describe(paused));
        if (!targetExists) {
            TargetIndex.create(nat, o.target(), TargetIndex.settings(settings), nat.mappings());
            print.println("Created " + o.target());
        }
        long copied = TargetIndex.copy(nat, o.target());
        print.println("Copied " + copied + " documents from " + o.index() + " into " + o.target() + " with their versions");
        if (kinesis) {
            handOverToWorker(worker, paused);
        } else {
            handOverToConnect(connector, offsets(paused));
        }
        print.println("  then point readers at " + o.target() + " (e.g. move your alias with POST /_aliases), and delete "
                + o.index() + " when you no longer need it (its native ingestion stays paused)");
    }

    private void handOverToConnect(ConnectorConfig config, Map<Integer, Long> offsets)
            throws IOException, InterruptedException {
        ObjectNode file = JSON.createObjectNode().put("name", o.connector());
        ObjectNode c = file.putObject("config");
        config.config().forEach(c::put);
        write(file);
        print.println("Wrote the connector config to " + out);
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
    }

    /**
     * Writes the worker config, each shard starting at its native pointer. The worker seeds those as lease
     * checkpoints when it first starts (its application has no lease table yet), so a shard is read from the record
     * at its pointer on; a shard that had read nothing starts at its earliest record.
     */
    private void handOverToWorker(WorkerConfig config, List<ShardPointer> shards) throws IOException {
        List<String> starts = sequenceNumbers(shards);
        config.startAt(starts);
        ObjectNode file = JSON.createObjectNode();
        config.config().forEach(file::put);
        write(file);
        print.println("Wrote the worker config to " + out + (starts.isEmpty() ? " (no shard had read anything:"
                + " pointer.init.reset as on the native index)" : ", starting at sequence numbers " + starts));
        print.println("Next: start the worker (a new application.name, so its shards start at those points):");
        print.println("  java -jar connector-kinesis/target/inlet-kinesis-worker.jar --config " + out);
    }

    /** Writes a config file; one holding a password or secret key is made readable by its owner only. */
    private void write(ObjectNode file) throws IOException {
        Files.writeString(out, file.toPrettyString() + "\n");
        boolean secret = SharedSettings.SECRETS.stream().anyMatch(k -> file.has(k) || file.path("config").has(k));
        if (secret && Files.getFileStore(out).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /**
     * The sequence number each shard's native ingestion would go on from: its batch start. OpenSearch 3.8 shows it as
     * {@code SequenceNumber{sequenceNumber=4962...}}. A shard that has read nothing has none.
     */
    static List<String> sequenceNumbers(List<ShardPointer> shards) {
        List<String> out = new ArrayList<>();
        for (ShardPointer s : shards) {
            if (s.pointer() == null) {
                continue;
            }
            String digits = s.pointer().replaceAll("[^0-9]", "");
            if (digits.isEmpty()) {
                continue; // the plugin's "non-existing-sequence-number": nothing read yet
            }
            out.add(digits);
        }
        return out;
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
