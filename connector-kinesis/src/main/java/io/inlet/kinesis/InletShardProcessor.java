package io.inlet.kinesis;

import io.inlet.common.flow.CommitCadence;
import io.inlet.common.ingest.PartitionHandle;
import io.inlet.common.message.Pointer;
import io.inlet.common.message.SequenceNumber;
import io.inlet.common.message.StreamMessage;
import io.inlet.common.state.PartitionState;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * Feeds one shard's records to the shared ingestion and checkpoints, in the lease table, only what
 * OpenSearch acknowledged.
 *
 * <ul>
 *   <li>{@code processRecords} hands each record to the ingestion, waiting while the writer's buffer is
 *       full (backpressure: while it waits, the KCL stops fetching this shard). It never throws: the KCL
 *       would skip the records. If it cannot take a record (the scheduler is stopping, or an unexpected
 *       failure), it takes none after it: the checkpoint then stays before that record, and whoever reads
 *       the shard next starts there.</li>
 *   <li>Checkpoints: the pointer tracker's committed pointer (sequence and sub-sequence number): the end
 *       of the longest run of records OpenSearch acknowledged (written, found stale, or dead-lettered).
 *       Written at most every {@code checkpoint.interval.ms} while records flow (the KCL calls
 *       {@code processRecords} even for empty batches, so an idle shard's last records are checkpointed
 *       too), and at once on shutdown.</li>
 *   <li>{@code shutdownRequested}: waits for what is in flight, then checkpoints.</li>
 *   <li>{@code shardEnded}: waits for what is in flight; once every record is acknowledged, checkpoints
 *       SHARD_END (mandatory: the children are read only after it). If some are not acknowledged in time
 *       (e.g. a record blocked under {@code error_strategy=BLOCK}), it checkpoints what is and returns;
 *       the KCL calls it again later.</li>
 *   <li>{@code leaseLost}: drops what is buffered for the shard (its new owner replays it) and never
 *       checkpoints.</li>
 * </ul>
 * Every log line carries the shard id (MDC key {@code shard}).
 */
final class InletShardProcessor implements ShardRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(InletShardProcessor.class);
    private static final String MDC_KEY = "shard";

    private final ProcessorContext ctx;
    private String shardId;
    private PartitionHandle handle;
    private Pointer lastCheckpoint;
    private Pointer lastTaken;
    private CommitCadence cadence;
    private Phase phase = Phase.NEW;

    /** Where the processor is in its life; every rule below reads this one field. */
    private enum Phase {
        /** {@code initialize} has not run: nothing is taken. */
        NEW,
        /** Taking records and checkpointing what OpenSearch acknowledged. */
        READING,
        /**
         * Stopped taking records (stopping, interrupted, a failure): what was acknowledged before the first record
         * not taken is still checkpointed, SHARD_END never.
         */
        ABANDONED,
        /** The KCL refused a checkpoint because the lease is gone: nothing more is taken or checkpointed. */
        LEASE_GONE,
        /** The lease was lost or the shard ended: finished. */
        CLOSED
    }

    InletShardProcessor(ProcessorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        MDC.put(MDC_KEY, shardId);
        try {
            // a handle left by an earlier processor of this shard in this JVM belongs to a lease we no longer
            // hold: forget it (its late acknowledgements are ignored) and start afresh
            ctx.ingestion().close(ctx.stream(), shardId);
            handle = ctx.ingestion().open(ctx.stream(), shardId, Pointer.Kind.SEQUENCE_NUMBER);
            PartitionState state = handle.state();
            state.setOwner(ctx.workerId());
            state.setPaused(ctx.gate().isPaused());
            ExtendedSequenceNumber start = input.extendedSequenceNumber();
            lastCheckpoint = pointerOf(start).orElse(null);
            phase = Phase.READING;
            if (lastCheckpoint != null) {
                ctx.ledger().checkpointed(shardId, lastCheckpoint);
            }
            cadence = CommitCadence.every(ctx.checkpointInterval().toMillis());
            cadence.committed(nowMillis());
            LOG.info("Shard {} of {}: reading from checkpoint {} as lease owner {}", shardId, ctx.stream(),
                    describe(start), ctx.workerId());
        } catch (RuntimeException e) {
            abandon("could not be initialized", e);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        if (phase != Phase.READING) {
            return;
        }
        MDC.put(MDC_KEY, shardId);
        try {
            PartitionState state = handle.state();
            state.setLagInMillis(input.millisBehindLatest());
            if (!waitWhilePaused(state)) {
                abandon("is being stopped", null);
                return;
            }
            List<KinesisClientRecord> records = input.records();
            state.setProcessing(!records.isEmpty());
            for (KinesisClientRecord r : records) {
                if (!take(r, state)) {
                    return;
                }
            }
            state.setProcessing(false);
            checkpoint(input.checkpointer(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon("was interrupted", null);
        } catch (Throwable t) {
            abandon("failed while taking records", t);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /**
     * Hands one record to the ingestion; false (and abandoned) when it could not. A record at or before one
     * already taken by this processor is skipped: it is in the writer already, and handing it on again would
     * make the ingestion treat it as a rewind and forget the records in flight before it.
     */
    private boolean take(KinesisClientRecord r, PartitionState state) throws InterruptedException {
        StreamMessage m = RecordConverter.toMessage(ctx.stream(), shardId, r);
        if (lastTaken != null && m.pointer().compareTo(lastTaken) <= 0) {
            LOG.debug("Shard {}: record {} delivered again, already taken", shardId, m.pointer().asString());
            return true;
        }
        if (!ctx.ingestion().backpressure().awaitRoom(state, ctx.stopping())) {
            abandon("stopped while waiting for room in the writer", null);
            return false;
        }
        try {
            ctx.ingestion().accept(m);
            lastTaken = m.pointer();
            return true;
        } catch (RuntimeException e) {
            // not retried: the record may be half-tracked, and a retry would make the tracker forget its
            // predecessors in flight. Taking nothing more keeps the checkpoint before this record.
            state.recordError(m.pointer(), "processor_failed", e.toString(), System.currentTimeMillis());
            abandon("failed on record " + r.sequenceNumber(), e);
            return false;
        }
    }

    private boolean waitWhilePaused(PartitionState state) throws InterruptedException {
        if (!ctx.gate().isPaused()) {
            state.setPaused(false);
            return !ctx.stopping().getAsBoolean();
        }
        state.setPaused(true);
        LOG.info("Shard {}: paused", shardId);
        boolean open = ctx.gate().awaitOpen(ctx.stopping());
        if (open) {
            state.setPaused(false);
            LOG.info("Shard {}: resumed", shardId);
        }
        return open;
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        MDC.put(MDC_KEY, shardId);
        try {
            phase = Phase.CLOSED;
            int inFlight = pending();
            String at = lastCheckpoint == null ? "its checkpoint" : "checkpoint " + lastCheckpoint.asString();
            release();
            if (inFlight == 0) {
                LOG.info("Shard {}: lease given up at {}", shardId, at);
            } else {
                LOG.info("Shard {}: lease lost with {} records not acknowledged; they are dropped here and the next"
                        + " owner reads them again from {}", shardId, inFlight, at);
            }
        } catch (RuntimeException e) {
            LOG.warn("Shard {}: couldn't release after losing the lease: {}", shardId, e.toString(), e);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        MDC.put(MDC_KEY, shardId);
        try {
            boolean flushed = phase == Phase.READING && flush();
            if (!flushed) {
                checkpoint(input.checkpointer(), true);
                LOG.warn("Shard {} ended but not every record is acknowledged ({}): checkpointed {} and not SHARD_END;"
                                + " the KCL will end the shard again later", shardId,
                        phase == Phase.READING ? pending() + " in flight" : "records were not taken",
                        lastCheckpoint == null ? "nothing" : lastCheckpoint.asString());
                return;
            }
            input.checkpointer().checkpoint();
            PartitionState state = handle.state();
            state.close();
            state.setCommittedPointer(handle.committed().orElse(null));
            ctx.ledger().finished(shardId, state.snapshot());
            phase = Phase.CLOSED;
            release();
            LOG.info("Shard {} ended: every record acknowledged, checkpointed SHARD_END", shardId);
        } catch (ShutdownException e) {
            LOG.info("Shard {} ended but the lease is gone; the next owner ends it", shardId);
        } catch (InvalidStateException | KinesisClientLibDependencyException | ThrottlingException e) {
            LOG.warn("Shard {} ended but the SHARD_END checkpoint failed ({}); the KCL will end the shard again",
                    shardId, e.toString());
        } catch (Throwable t) {
            LOG.error("Shard {}: unexpected failure at shard end; the KCL will end the shard again", shardId, t);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        MDC.put(MDC_KEY, shardId);
        try {
            boolean flushed = handle != null && flush();
            checkpoint(input.checkpointer(), true);
            LOG.info("Shard {}: shutdown requested; checkpointed {}{}", shardId,
                    lastCheckpoint == null ? "nothing" : lastCheckpoint.asString(),
                    flushed ? "" : " (" + pending() + " records still in flight are replayed by the next owner)");
        } catch (Throwable t) {
            LOG.error("Shard {}: unexpected failure while shutting down", shardId, t);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** Waits until every record taken from this shard is acknowledged, at most the flush timeout. */
    private boolean flush() throws InterruptedException {
        return handle.awaitAcknowledged(ctx.flushTimeout());
    }

    private int pending() {
        return handle == null ? 0 : handle.pending();
    }

    /**
     * Checkpoints the committed pointer if it moved, and if {@code force} or the interval has passed. Never
     * throws; a failed checkpoint is retried on the next call.
     */
    private void checkpoint(RecordProcessorCheckpointer checkpointer, boolean force) {
        if (phase != Phase.READING && phase != Phase.ABANDONED || handle == null) {
            return;
        }
        Optional<Pointer> committed = handle.committed();
        if (committed.isEmpty() || (lastCheckpoint != null && committed.get().compareTo(lastCheckpoint) <= 0)) {
            return;
        }
        long now = nowMillis();
        if (!force && !cadence.due(1, false, now)) {
            return;
        }
        SequenceNumber at = SequenceNumber.of(committed.get());
        try {
            checkpointer.checkpoint(at.sequenceString(), at.subSequence());
            lastCheckpoint = at;
            cadence.committed(now);
            ctx.ledger().checkpointed(shardId, at);
            LOG.debug("Shard {}: checkpointed {}", shardId, at.asString());
        } catch (ShutdownException e) {
            phase = Phase.LEASE_GONE;
            LOG.info("Shard {}: checkpoint {} refused, the lease is gone; the next owner replays from {}", shardId,
                    at.asString(), lastCheckpoint == null ? "its checkpoint" : lastCheckpoint.asString());
        } catch (ThrottlingException | KinesisClientLibDependencyException | InvalidStateException e) {
            LOG.warn("Shard {}: checkpoint {} failed ({}); retrying with the next batch", shardId, at.asString(),
                    e.toString());
        } catch (RuntimeException e) {
            LOG.error("Shard {}: checkpoint {} refused by the KCL", shardId, at.asString(), e);
        }
    }

    /** Stops taking records from this shard; the checkpoint stays before the first record not taken. */
    private void abandon(String why, Throwable cause) {
        if (phase == Phase.NEW || phase == Phase.READING) {
            phase = Phase.ABANDONED;
        }
        if (cause == null) {
            LOG.info("Shard {} {}: taking no more records from it here; they are read again from the checkpoint",
                    shardId, why);
            return;
        }
        LOG.error("Shard {} {}: taking no more records from it here, its checkpoint stays before them. Restart"
                + " the worker (or POST /ingestion/_resume with reset_settings) to read them again", shardId, why, cause);
        if (handle != null) {
            handle.state().setBlocked(true);
            if (handle.state().lastError() == null || !"processor_failed".equals(handle.state().lastError().reason())) {
                handle.state().recordError(null, "processor_failed", why + ": " + cause, System.currentTimeMillis());
            }
        }
    }

    /** Drops this shard's state and buffered records, if the ingestion's handle for the shard is still ours. */
    private void release() {
        ctx.ledger().released(shardId, lastCheckpoint);
        if (handle != null && ctx.ingestion().find(ctx.stream(), shardId).filter(h -> h == handle).isPresent()) {
            ctx.ingestion().close(ctx.stream(), shardId);
        }
    }

    /** A monotonic clock in milliseconds, for the checkpoint cadence. */
    private static long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }

    /** The checkpoint as a pointer, when it is a sequence number (not TRIM_HORIZON, LATEST, AT_TIMESTAMP, SHARD_END). */
    static Optional<Pointer> pointerOf(ExtendedSequenceNumber esn) {
        if (esn == null || esn.sequenceNumber() == null || !esn.sequenceNumber().chars().allMatch(Character::isDigit)
                || esn.sequenceNumber().isEmpty() || esn.subSequenceNumber() < 0) {
            return Optional.empty();
        }
        return Optional.of(new SequenceNumber(esn.sequenceNumber(), esn.subSequenceNumber()));
    }

    /** A checkpoint for logs: a sequence number, a sentinel, or "at <seq>" for a rewind seeded before a record. */
    static String describe(ExtendedSequenceNumber esn) {
        if (esn == null) {
            return "(none)";
        }
        if (esn.subSequenceNumber() < 0) {
            return "just before " + esn.sequenceNumber();
        }
        return esn.subSequenceNumber() == 0 ? esn.sequenceNumber() : esn.sequenceNumber() + ":" + esn.subSequenceNumber();
    }
}
