package io.inlet.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** kinesis-local, started from npm by the fixture, serves the Kinesis API. */
class KinesisSmokeIT {

    @Test
    void createsStreamPutsAndGetsRecords() throws Exception {
        NodeService kinesis = Services.kinesis();
        try (KinesisClient client = KinesisClient.builder()
                .endpointOverride(URI.create(kinesis.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            client.createStream(b -> b.streamName("smoke").shardCount(1));
            long deadline = System.currentTimeMillis() + 30_000;
            while (client.describeStreamSummary(b -> b.streamName("smoke")).streamDescriptionSummary().streamStatus()
                    != StreamStatus.ACTIVE) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("stream never became ACTIVE");
                }
                Thread.sleep(100);
            }
            for (int i = 0; i < 5; i++) {
                int n = i;
                client.putRecord(b -> b.streamName("smoke").partitionKey("k" + n)
                        .data(SdkBytes.fromString("{\"n\":" + n + "}", StandardCharsets.UTF_8)));
            }
            Shard shard = client.listShards(b -> b.streamName("smoke")).shards().get(0);
            String iterator = client.getShardIterator(b -> b.streamName("smoke").shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<String> got = new ArrayList<>();
            while (got.size() < 5 && System.currentTimeMillis() < deadline) {
                String it = iterator;
                GetRecordsResponse r = client.getRecords(b -> b.shardIterator(it));
                for (Record rec : r.records()) {
                    got.add(rec.data().asUtf8String());
                }
                iterator = r.nextShardIterator();
            }
            assertEquals(List.of("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}"), got);
        }
    }
}
