package io.inlet.kinesis.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.common.redrive.RedriveConflictException;
import io.inlet.common.redrive.RedriveSelection;
import java.io.IOException;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.pointer.PartitionReset;
import io.inlet.common.state.IngestionSnapshot;
import io.inlet.common.writer.WriterStats;
import io.inlet.kinesis.KinesisWorker;
import java.util.List;
import java.util.Map;

/** What the management API can ask of a worker. {@link KinesisWorker} is the one implementation. */
public interface WorkerControl {

    /** Stops reading every shard (leases are kept); idempotent. */
    void pause();

    /**
     * Resumes reading. With {@code resets}, first rewrites where the given shards resume: the scheduler
     * is stopped gracefully (checkpointing what was acknowledged), the lease checkpoints rewritten, and a
     * new scheduler started.
     *
     * @return for each reset shard, the checkpoint written (or why it was left as it was)
     * @throws IllegalArgumentException for a reset that can't apply (unknown shard, a sequence number of
     *                                  another shard, a finished shard)
     * @throws IllegalStateException    when the worker can't do it now (a shard owned by another worker,
     *                                  the worker stopping)
     */
    Map<String, String> resume(List<PartitionReset> resets);

    /** The state of every shard this worker reads, and of those it finished. */
    IngestionSnapshot state();

    /** Switches the error strategy of every shard; returns the previous one. */
    ErrorStrategy switchErrorStrategy(ErrorStrategy next);

    /**
     * Re-drives the dead letters {@code selection} takes (null: resume an interrupted re-drive, else every entry not
     * yet re-driven) through the worker's translator and writer.
     *
     * @param wait whether to answer only once the re-drive is over
     * @return its progress (at the start, or at the end with {@code wait})
     * @throws RedriveConflictException when a re-drive of this application is running
     * @throws IllegalArgumentException when there is no dead-letter index ({@code dlq.index})
     */
    JsonNode redrive(RedriveSelection selection, boolean wait) throws RedriveConflictException, IOException,
            InterruptedException;

    /** The application's last re-drive, as the ledger has it; null without a dead-letter index. */
    JsonNode redriveState() throws IOException;

    /** What the worker is: ids, whether its scheduler runs, whether it is paused, its buffer. */
    WorkerStatus status();

    /** {@code GET /metrics}: Inlet's metrics and the JVM's, in the Prometheus text format. */
    String metrics();

    /**
     * A worker's identity and condition, for {@code /health}, {@code /metrics} and the state.
     *
     * @param workerId         this worker's id (lease owner)
     * @param application      the KCL application (lease table)
     * @param stream           the stream name
     * @param schedulerRunning whether the KCL scheduler is running
     * @param paused           whether reading is paused by the API
     * @param bufferedMessages messages in the writer, not yet acknowledged
     * @param bufferedBytes    bytes held by the writer
     * @param writer           the writer's adaptive limit, requests in flight and request sizes, or null
     */
    record WorkerStatus(String workerId, String application, String stream, boolean schedulerRunning, boolean paused,
                        long bufferedMessages, long bufferedBytes, WriterStats writer) {

        public WorkerStatus(String workerId, String application, String stream, boolean schedulerRunning, boolean paused,
                     long bufferedMessages, long bufferedBytes) {
            this(workerId, application, stream, schedulerRunning, paused, bufferedMessages, bufferedBytes, null);
        }
    }
}
