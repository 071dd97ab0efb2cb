package io.inlet.kinesis.kcl;

import static io.inlet.kinesis.kcl.LeaseTable.LEASE_KEY;
import static io.inlet.kinesis.kcl.LeaseTable.LEASE_OWNER;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The shape of the {@link LeaseTable}: Inlet creates it before the KCL starts, exactly as KCL 3.x wants it,
 * because KCL 3.x adds its {@value #LEASE_OWNER_INDEX} index to an existing table with {@code UpdateTable}, which
 * dynalite does not implement; creating it up front works on both DynamoDB and dynalite, and the KCL then finds
 * nothing left to do.
 */
public final class LeaseTableSchema {

    private static final Logger log = LoggerFactory.getLogger(LeaseTableSchema.class);

    public static final String LEASE_OWNER_INDEX = "LeaseOwnerToLeaseKeyIndex";

    /** Long enough for DynamoDB to create an on-demand table with one index (usually 5–20 s). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private static final long POLL_MILLIS = 200;

    private LeaseTableSchema() {
    }

    /** As {@link #ensure(DynamoDbAsyncClient, String, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public static void ensure(DynamoDbAsyncClient dynamo, String applicationName) {
        ensure(dynamo, applicationName, DEFAULT_TIMEOUT);
    }

    /**
     * Creates the lease table of {@code applicationName} (on-demand billing, hash key {@value LeaseTable#LEASE_KEY},
     * global secondary index {@value #LEASE_OWNER_INDEX}: hash {@value LeaseTable#LEASE_OWNER}, range
     * {@value LeaseTable#LEASE_KEY}, keys only) unless it exists, and waits until the table and its indexes are
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

    /** Whether the lease table of {@code applicationName} exists. */
    public static boolean exists(DynamoDbAsyncClient dynamo, String applicationName) {
        return describe(dynamo, applicationName, LeaseTable.CALL_TIMEOUT) != null;
    }

    private static void create(DynamoDbAsyncClient dynamo, String table, Duration timeout) {
        boolean created = DynamoCalls.awaitUnless(dynamo.createTable(b -> b.tableName(table)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                                a -> a.attributeName(LEASE_KEY).attributeType(ScalarAttributeType.S),
                                a -> a.attributeName(LEASE_OWNER).attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName(LEASE_KEY).keyType(KeyType.HASH))
                        .globalSecondaryIndexes(g -> g.indexName(LEASE_OWNER_INDEX)
                                .keySchema(k -> k.attributeName(LEASE_OWNER).keyType(KeyType.HASH),
                                        k -> k.attributeName(LEASE_KEY).keyType(KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))),
                timeout, "create the lease table " + table, ResourceInUseException.class).isPresent();
        if (created) {
            log.info("Created lease table {} with index {}", table, LEASE_OWNER_INDEX);
        } else {
            log.info("Lease table {} is being created by another worker; waiting for it", table);
        }
    }

    /** The table's description, or null when it does not exist. */
    private static TableDescription describe(DynamoDbAsyncClient dynamo, String table, Duration timeout) {
        return DynamoCalls.awaitUnless(dynamo.describeTable(b -> b.tableName(table)), timeout,
                "describe the lease table " + table, ResourceNotFoundException.class).map(r -> r.table()).orElse(null);
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
}
