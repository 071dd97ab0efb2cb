package io.inlet.kinesis.kcl;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The KCL lease table: one DynamoDB table per application (its name is the application name), one
 * item per shard lease. Inlet creates it before the KCL starts ({@link LeaseTableSchema}), in the exact shape KCL 3.x wants,
 * because KCL 3.x adds its {@value LeaseTableSchema#LEASE_OWNER_INDEX} index to an existing table with
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
public final class LeaseTable {

    public static final String LEASE_KEY = "leaseKey";
    public static final String LEASE_OWNER = "leaseOwner";
    public static final String LEASE_COUNTER = "leaseCounter";
    public static final String CHECKPOINT = "checkpoint";
    public static final String CHECKPOINT_SUB_SEQUENCE = "checkpointSubSequenceNumber";
    static final List<String> PENDING_CHECKPOINT = List.of("pendingCheckpoint", "pendingCheckpointSubSequenceNumber",
            "pendingCheckpointState");
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private LeaseTable() {
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

    /**
     * Every shard lease of the table, by lease key (KCL 3.x coordinator entities, which have no
     * {@value #CHECKPOINT}, are skipped), read with a consistent scan.
     */
    public static Map<String, Lease> leases(DynamoDbAsyncClient dynamo, String applicationName) {
        Map<String, Lease> out = new LinkedHashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = DynamoCalls.await(dynamo.scan(b -> b.tableName(applicationName).consistentRead(true)
                    .exclusiveStartKey(from)), CALL_TIMEOUT, "scan lease table " + applicationName);
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
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                    ? new HashMap<>(page.lastEvaluatedKey()) : null;
        } while (start != null);
        return out;
    }
}
