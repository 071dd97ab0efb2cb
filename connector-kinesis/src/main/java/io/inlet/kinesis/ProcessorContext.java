package io.inlet.kinesis;

import io.inlet.common.ingest.Ingestion;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What every record processor of one scheduler shares.
 *
 * @param ingestion          the pipeline records are handed to
 * @param stream             the stream name, as messages and the state name it
 * @param workerId           this worker's id: the lease owner shown in the state
 * @param gate               the pause switch
 * @param stopping           true once this scheduler is being stopped: processors then stop taking records
 *                           (what they did not take is replayed from the checkpoint by the next owner)
 * @param checkpointInterval least time between two checkpoints of a shard while records flow
 * @param flushTimeout       how long shutdownRequested and shardEnded wait for OpenSearch to acknowledge
 *                           what is in flight before they checkpoint
 * @param ledger             where checkpoints and finished shards are recorded for the state API
 */
record ProcessorContext(Ingestion ingestion, String stream, String workerId, PauseGate gate, BooleanSupplier stopping,
                        Duration checkpointInterval, Duration flushTimeout, ShardLedger ledger) {

    ProcessorContext {
        Objects.requireNonNull(ingestion, "ingestion");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(stopping, "stopping");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(flushTimeout, "flushTimeout");
        Objects.requireNonNull(ledger, "ledger");
    }
}
