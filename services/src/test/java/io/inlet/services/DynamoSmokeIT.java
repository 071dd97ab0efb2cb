package io.inlet.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** dynalite, started from npm by the fixture, serves what the KCL lease table needs. */
class DynamoSmokeIT {

    private static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    @Test
    void tableWithIndexPutConditionalUpdateScanAndQuery() {
        NodeService dynamo = Services.dynamo();
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create(dynamo.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            client.createTable(b -> b.tableName("leases")
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            a -> a.attributeName("leaseKey").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("leaseOwner").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("leaseKey").keyType(KeyType.HASH))
                    .globalSecondaryIndexes(g -> g.indexName("LeaseOwnerToLeaseKeyIndex")
                            .keySchema(k -> k.attributeName("leaseOwner").keyType(KeyType.HASH),
                                    k -> k.attributeName("leaseKey").keyType(KeyType.RANGE))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
            client.putItem(b -> b.tableName("leases").item(Map.of(
                    "leaseKey", s("shardId-000"), "leaseOwner", s("worker-a"), "checkpoint", s("100"))));
            client.putItem(b -> b.tableName("leases").item(Map.of(
                    "leaseKey", s("shardId-001"), "leaseOwner", s("worker-b"), "checkpoint", s("7"))));

            client.updateItem(b -> b.tableName("leases").key(Map.of("leaseKey", s("shardId-000")))
                    .updateExpression("SET checkpoint = :new")
                    .conditionExpression("leaseOwner = :me")
                    .expressionAttributeValues(Map.of(":new", s("200"), ":me", s("worker-a"))));
            assertThrows(ConditionalCheckFailedException.class, () ->
                    client.updateItem(b -> b.tableName("leases").key(Map.of("leaseKey", s("shardId-000")))
                            .updateExpression("SET checkpoint = :new")
                            .conditionExpression("leaseOwner = :me")
                            .expressionAttributeValues(Map.of(":new", s("999"), ":me", s("worker-b")))));

            var scan = client.scan(b -> b.tableName("leases"));
            assertEquals(2, scan.count());
            var a = client.getItem(b -> b.tableName("leases").key(Map.of("leaseKey", s("shardId-000")))).item();
            assertEquals("200", a.get("checkpoint").s());
            var byOwner = client.query(b -> b.tableName("leases").indexName("LeaseOwnerToLeaseKeyIndex")
                    .keyConditionExpression("leaseOwner = :o").expressionAttributeValues(Map.of(":o", s("worker-b"))));
            assertEquals(1, byOwner.count());
            assertEquals("shardId-001", byOwner.items().get(0).get("leaseKey").s());
        }
    }
}
