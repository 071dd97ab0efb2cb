package io.inlet.kinesis.kcl;

import static io.inlet.kinesis.kcl.LeaseTable.CHECKPOINT;
import static io.inlet.kinesis.kcl.LeaseTable.CHECKPOINT_SUB_SEQUENCE;
import static io.inlet.kinesis.kcl.LeaseTable.LEASE_KEY;
import static io.inlet.kinesis.kcl.LeaseTable.LEASE_OWNER;
import static io.inlet.kinesis.kcl.LeaseTable.PENDING_CHECKPOINT;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Conditional checkpoint writes to the {@link LeaseTable}, outside the KCL: the {@code reset_settings} of a resume
 * and the {@code reset_by_offset} seed. Each write holds only under its {@link Condition} (nobody else reads the
 * shard, or nothing was committed yet), so it never moves a checkpoint under a running worker.
 */
public final class LeaseCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(LeaseCheckpoints.class);

    private LeaseCheckpoints() {
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
        boolean written = DynamoCalls.awaitUnless(dynamo.updateItem(b -> b.tableName(applicationName)
                        .key(Map.of(LEASE_KEY, AttributeValue.fromS(leaseKey)))
                        .updateExpression("SET #cp = :cp, #sub = :sub" + remove)
                        .conditionExpression(conditionExpression)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)), LeaseTable.CALL_TIMEOUT,
                "set the checkpoint of lease " + leaseKey + " in " + applicationName,
                ConditionalCheckFailedException.class).isPresent();
        if (written) {
            log.info("Lease {} of {}: checkpoint set to {}{}", leaseKey, applicationName, checkpoint,
                    subSequence < 0 ? " (just before that record)" : subSequence == 0 ? "" : ":" + subSequence);
        }
        return written;
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
}
