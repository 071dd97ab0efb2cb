package io.inlet.kinesis;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The KCL lease table: one DynamoDB table per application (its name is the application name), one
 * item per shard lease. Inlet creates it before the KCL starts, in the exact shape KCL 3.x wants,
 * because KCL 3.x adds its {@value #LEASE_OWNER_INDEX} index to an existing table with
 * {@code UpdateTable}, which dynalite does not implement; creating it up front works on both DynamoDB
 * and dynalite, and the KCL then finds nothing left to do.
 *
 * <p>Attribute names of a lease item (KCL 3.x, {@code DynamoDBLeaseSerializer}): {@value #LEASE_KEY}
 * (the shard id, hash key), {@value #LEASE_OWNER} (worker id), {@value #LEASE_COUNTER},
 * {@value #CHECKPOINT} (sequence number, or {@code TRIM_HORIZON} / {@code LATEST} / {@code AT_TIMESTAMP}
 * / {@code SHARD_END} sentinels), {@code checkpointSubSequenceNumber}, {@code ownerSwitchesSinceCheckpoint},
 * {@code parentShardId}, {@code childShardIds}, {@code startingHashKey}, {@code endingHashKey},
 * {@code throughputKBps}.
 *
 * <p>Other tables: KCL 3.0–3.4 also created {@code <app>-CoordinatorState} (leader lock, client-version
 * migration state) and {@code <app>-WorkerMetricStats}. KCL 3.5.1 creates neither for a new application:
 * finding no such "legacy" table, it marks its table migration COMPLETE and keeps those entities in the
 * lease table itself ({@code Migration3.0}, {@code Leader}, one worker-stats item per worker), marked by an
 * {@code entityType} attribute and without a {@value #CHECKPOINT}. That works on dynalite as it is. Only
 * an application whose legacy tables already exist keeps using them, and moving their entries into the
 * lease table (opt-in {@code migrateAllEntitiesToLeaseTable}) uses TransactWriteItems, which dynalite lacks.
 */
public final class LeaseTables {

    private static final Logger log = LoggerFactory.getLogger(LeaseTables.class);

    public static final String LEASE_KEY = "leaseKey";
    public static final String LEASE_OWNER = "leaseOwner";
    public static final String LEASE_COUNTER = "leaseCounter";
    public static final String CHECKPOINT = "checkpoint";
    public static final String CHECKPOINT_SUB_SEQUENCE = "checkpointSubSequenceNumber";
    private static final List<String> PENDING_CHECKPOINT = List.of("pendingCheckpoint",
            "pendingCheckpointSubSequenceNumber", "pendingCheckpointState");
    public static final String LEASE_OWNER_INDEX = "LeaseOwnerToLeaseKeyIndex";

    /** Long enough for DynamoDB to create an on-demand table with one index (usually 5–20 s). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private static final long POLL_MILLIS = 200;

    private LeaseTables() {
    }

    /** As {@link #ensure(DynamoDbAsyncClient, String, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public static void ensure(DynamoDbAsyncClient dynamo, String applicationName) {
        ensure(dynamo, applicationName, DEFAULT_TIMEOUT);
    }

    /**
     * Creates the lease table of {@code applicationName} (on-demand billing, hash key {@value #LEASE_KEY},
     * global secondary index {@value #LEASE_OWNER_INDEX}: hash {@value #LEASE_OWNER}, range
     * {@value #LEASE_KEY}, keys only) unless it exists, and waits until the table and its indexes are
     * ACTIVE. Safe to call from several workers at once. An existing table is left as it is; if it
     * lacks the index (a table made by KCL 2.x), this logs it: the KCL adds the index itself on DynamoDB.
     *
     * @throws IllegalStateException when the table is not ACTIVE within {@code timeout} or DynamoDB fails
     */
    public static void ensure(DynamoDbAsyncClient dynamo, String applicationName, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        TableDescription table = describe(dynamo, applicationName, timeout);
        if (table == null) {
            create(dynamo, applicationName, timeout);
        } else if (!hasLeaseOwnerIndex(table)) {
            log.warn("Lease table {} has no {} index; the KCL will add it with UpdateTable (DynamoDB only: "
                    + "dynalite can't, delete the table there to let Inlet recreate it)", applicationName, LEASE_OWNER_INDEX);
        }
        while (true) {
            table = describe(dynamo, applicationName, timeout);
            if (table != null && isActive(table)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Lease table " + applicationName + " is not ACTIVE after "
                        + timeout.toSeconds() + " s (status " + (table == null ? "missing" : table.tableStatus())
                        + "); check the DynamoDB endpoint and the worker's permissions");
            }
            sleep();
        }
    }

    /**
     * The checkpoint of each lease, by lease key (shard id), read with a consistent scan. Coordinator
     * entities KCL 3.x keeps in the same table are skipped. For tests and operators; the KCL itself
     * reads checkpoints through its own lease refresher.
     */
    public static Map<String, String> checkpoints(DynamoDbAsyncClient dynamo, String applicationName) {
        Map<String, String> out = new LinkedHashMap<>();
        leases(dynamo, applicationName).forEach((key, lease) -> out.put(key, lease.checkpoint()));
        return out;
    }

    /** One shard lease as stored: its key (the shard id), owner (or null) and checkpoint. */
    public record Lease(String leaseKey, String owner, String checkpoint, long checkpointSubSequence) {
    }

    /** Whether the lease table of {@code applicationName} exists. */
    public static boolean exists(DynamoDbAsyncClient dynamo, String applicationName) {
        return describe(dynamo, applicationName, Duration.ofSeconds(30)) != null;
    }

    /**
     * Every shard lease of the table, by lease key (KCL 3.x coordinator entities, which have no
     * {@value #CHECKPOINT}, are skipped), read with a consistent scan.
     */
    public static Map<String, Lease> leases(DynamoDbAsyncClient dynamo, String applicationName) {
        Map<String, Lease> out = new LinkedHashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = call(() -> dynamo.scan(b -> b.tableName(applicationName).consistentRead(true)
                    .exclusiveStartKey(from)).get(30, TimeUnit.SECONDS), "scan lease table " + applicationName);
            for (Map<String, AttributeValue> item : page.items()) {
                AttributeValue key = item.get(LEASE_KEY);
                AttributeValue checkpoint = item.get(CHECKPOINT);
                if (key == null || checkpoint == null || checkpoint.s() == null) {
                    continue;
                }
                AttributeValue owner = item.get(LEASE_OWNER);
                AttributeValue sub = item.get(CHECKPOINT_SUB_SEQUENCE);
                out.put(key.s(), new Lease(key.s(), owner == null ? null : owner.s(), checkpoint.s(),
                        sub == null || sub.n() == null ? 0 : Long.parseLong(sub.n())));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? new HashMap<>(page.lastEvaluatedKey()) : null;
        } while (start != null);
        return out;
    }

    /**
     * Rewrites the checkpoint of one lease ({@code checkpoint} a sequence number or a sentinel such as
     * {@code TRIM_HORIZON}; {@code subSequence} -1 means "just before that record", so the KCL delivers
     * the record itself) and clears any pending checkpoint, provided {@code condition} holds.
     *
     * @return false when the lease is missing or the condition did not hold
     */
    public static boolean setCheckpoint(DynamoDbAsyncClient dynamo, String applicationName, String leaseKey,
                                        String checkpoint, long subSequence, Condition condition) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#key", LEASE_KEY);
        names.put("#cp", CHECKPOINT);
        names.put("#sub", CHECKPOINT_SUB_SEQUENCE);
        values.put(":cp", AttributeValue.fromS(checkpoint));
        values.put(":sub", AttributeValue.fromN(Long.toString(subSequence)));
        StringBuilder remove = new StringBuilder();
        for (int i = 0; i < PENDING_CHECKPOINT.size(); i++) {
            names.put("#p" + i, PENDING_CHECKPOINT.get(i));
            remove.append(i == 0 ? " REMOVE " : ", ").append("#p").append(i);
        }
        String conditionExpression = "attribute_exists(#key) AND " + condition.expression(names, values);
        try {
            dynamo.updateItem(b -> b.tableName(applicationName)
                    .key(Map.of(LEASE_KEY, AttributeValue.fromS(leaseKey)))
                    .updateExpression("SET #cp = :cp, #sub = :sub" + remove)
                    .conditionExpression(conditionExpression)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)).get(30, TimeUnit.SECONDS);
            log.info("Lease {} of {}: checkpoint set to {}{}", leaseKey, applicationName, checkpoint,
                    subSequence < 0 ? " (just before that record)" : subSequence == 0 ? "" : ":" + subSequence);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw new IllegalStateException("Couldn't set the checkpoint of lease " + leaseKey + " in " + applicationName
                    + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Couldn't set the checkpoint of lease " + leaseKey + " in " + applicationName
                    + ": no answer from DynamoDB in 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while setting the checkpoint of lease " + leaseKey, e);
        }
    }

    /** When {@link #setCheckpoint} may rewrite a lease. */
    public sealed interface Condition {
        String expression(Map<String, String> names, Map<String, AttributeValue> values);

        /** Nobody owns the lease, or {@code owner} does (a stopped worker rewinding its own shards). */
        static Condition ownedByOrFree(String owner) {
            return new OwnedByOrFree(owner);
        }

        /** Nobody owns the lease and it still has the initial-position checkpoint {@code sentinel}: nothing was committed. */
        static Condition untouched(String sentinel) {
            return new Untouched(sentinel);
        }
    }

    private record OwnedByOrFree(String owner) implements Condition {
        @Override
        public String expression(Map<String, String> names, Map<String, AttributeValue> values) {
            names.put("#owner", LEASE_OWNER);
            values.put(":owner", AttributeValue.fromS(owner));
            return "(attribute_not_exists(#owner) OR #owner = :owner)";
        }
    }

    private record Untouched(String sentinel) implements Condition {
        @Override
        public String expression(Map<String, String> names, Map<String, AttributeValue> values) {
            names.put("#owner", LEASE_OWNER);
            values.put(":sentinel", AttributeValue.fromS(sentinel));
            return "attribute_not_exists(#owner) AND #cp = :sentinel";
        }
    }

    private static void create(DynamoDbAsyncClient dynamo, String table, Duration timeout) {
        try {
            dynamo.createTable(b -> b.tableName(table)
                            .billingMode(BillingMode.PAY_PER_REQUEST)
                            .attributeDefinitions(
                                    a -> a.attributeName(LEASE_KEY).attributeType(ScalarAttributeType.S),
                                    a -> a.attributeName(LEASE_OWNER).attributeType(ScalarAttributeType.S))
                            .keySchema(k -> k.attributeName(LEASE_KEY).keyType(KeyType.HASH))
                            .globalSecondaryIndexes(g -> g.indexName(LEASE_OWNER_INDEX)
                                    .keySchema(k -> k.attributeName(LEASE_OWNER).keyType(KeyType.HASH),
                                            k -> k.attributeName(LEASE_KEY).keyType(KeyType.RANGE))
                                    .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Created lease table {} with index {}", table, LEASE_OWNER_INDEX);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResourceInUseException) {
                log.info("Lease table {} is being created by another worker; waiting for it", table);
                return;
            }
            throw new IllegalStateException("Couldn't create the lease table " + table + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Couldn't create the lease table " + table + ": no answer from DynamoDB in "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the lease table " + table, e);
        }
    }

    /** The table's description, or null when it does not exist. */
    private static TableDescription describe(DynamoDbAsyncClient dynamo, String table, Duration timeout) {
        try {
            return dynamo.describeTable(b -> b.tableName(table)).get(timeout.toMillis(), TimeUnit.MILLISECONDS).table();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                return null;
            }
            throw new IllegalStateException("Couldn't describe the lease table " + table + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Couldn't describe the lease table " + table + ": no answer from DynamoDB in "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing the lease table " + table, e);
        }
    }

    private static boolean hasLeaseOwnerIndex(TableDescription table) {
        return table.hasGlobalSecondaryIndexes()
                && table.globalSecondaryIndexes().stream().anyMatch(i -> LEASE_OWNER_INDEX.equals(i.indexName()));
    }

    private static boolean isActive(TableDescription table) {
        if (table.tableStatus() != TableStatus.ACTIVE) {
            return false;
        }
        List<GlobalSecondaryIndexDescription> indexes = table.hasGlobalSecondaryIndexes() ? table.globalSecondaryIndexes() : List.of();
        return indexes.stream().allMatch(i -> i.indexStatus() == IndexStatus.ACTIVE);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the lease table", e);
        }
    }

    private interface Call<T> {
        T get() throws Exception;
    }

    private static <T> T call(Call<T> call, String what) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + what, e);
        } catch (ExecutionException | CompletionException e) {
            throw new IllegalStateException("Couldn't " + what + ": " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("Couldn't " + what + ": " + e, e);
        }
    }
}
