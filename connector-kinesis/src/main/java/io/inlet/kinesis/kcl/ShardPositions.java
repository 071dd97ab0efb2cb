package io.inlet.kinesis.kcl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Positions in a stream's shards, looked up with the Kinesis API, for pointer resets: the shards of
 * the stream, which shard a sequence number belongs to (Kinesis refuses a sequence number of another
 * shard in {@code GetShardIterator}), and the first record at or after a time.
 */
public final class ShardPositions {

    /** GetRecords calls spent looking for the first record after a time before giving up (empty reads happen). */
    private static final int MAX_EMPTY_READS = 50;

    private final KinesisAsyncClient kinesis;
    private final String stream;

    /** @param stream a stream name or ARN */
    public ShardPositions(KinesisAsyncClient kinesis, String stream) {
        this.kinesis = kinesis;
        this.stream = stream;
    }

    private boolean isArn() {
        return stream.startsWith("arn:");
    }

    /** Every shard of the stream, open and closed (within retention). */
    public List<Shard> shards() {
        List<Shard> out = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListShardsResponse page = get(kinesis.listShards(b -> {
                if (token != null) {
                    b.nextToken(token);
                } else if (isArn()) {
                    b.streamARN(stream);
                } else {
                    b.streamName(stream);
                }
            }), "list the shards of " + stream);
            out.addAll(page.shards());
            next = page.nextToken();
        } while (next != null);
        return out;
    }

    /** Whether {@code sequenceNumber} is a record of {@code shardId} still in the stream. */
    public boolean holds(String shardId, String sequenceNumber) {
        try {
            iterator(shardId, b -> b.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                    .startingSequenceNumber(sequenceNumber));
            return true;
        } catch (LookupException e) {
            // Kinesis: InvalidArgumentException ("did not come from this shard"); kinesis-local: a 400 saying it
            // found no such record. Either way, a client error about this number: not this shard's.
            if (e.getCause() instanceof InvalidArgumentException
                    || (e.getCause() instanceof KinesisException k && k.statusCode() == 400)) {
                return false;
            }
            throw e;
        }
    }

    /** The shard {@code sequenceNumber} belongs to, among {@code candidates}. */
    public Optional<String> shardOf(List<String> candidates, String sequenceNumber) {
        return candidates.stream().filter(shard -> holds(shard, sequenceNumber)).findFirst();
    }

    /**
     * The sequence number of the first record of {@code shardId} that arrived at or after {@code at}, or
     * empty when there is none yet (every record in the shard is older).
     */
    public Optional<String> firstAtOrAfter(String shardId, Instant at) {
        String it = iterator(shardId, b -> b.shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(at));
        for (int i = 0; i < MAX_EMPTY_READS && it != null; i++) {
            String current = it;
            GetRecordsResponse r = get(kinesis.getRecords(b -> b.shardIterator(current).limit(1)),
                    "read shard " + shardId + " of " + stream);
            if (!r.records().isEmpty()) {
                return Optional.of(r.records().get(0).sequenceNumber());
            }
            if (r.millisBehindLatest() != null && r.millisBehindLatest() == 0) {
                return Optional.empty();
            }
            it = r.nextShardIterator();
        }
        return Optional.empty();
    }

    private String iterator(String shardId, java.util.function.Consumer<GetShardIteratorRequest.Builder> type) {
        return get(kinesis.getShardIterator(b -> {
            b.shardId(shardId);
            if (isArn()) {
                b.streamARN(stream);
            } else {
                b.streamName(stream);
            }
            type.accept(b);
        }), "get an iterator of shard " + shardId + " of " + stream).shardIterator();
    }

    private static <T> T get(CompletableFuture<T> f, String what) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new LookupException("Couldn't " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new LookupException("Couldn't " + what + ": no answer from Kinesis in 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupException("Interrupted while trying to " + what, e);
        }
    }

    /** A Kinesis look-up failed; the cause is the SDK's exception. */
    static final class LookupException extends IllegalStateException {
        LookupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
