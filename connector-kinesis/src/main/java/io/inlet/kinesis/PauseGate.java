package io.inlet.kinesis;

import java.util.function.BooleanSupplier;

/**
 * The worker-wide pause switch ({@code POST /ingestion/_pause} and {@code _resume}). A record processor
 * waits here at the start of each {@code processRecords} call while the gate is closed, which stops
 * that shard's reading: the KCL fetches ahead only until its small per-shard cache is full, and keeps
 * renewing the lease meanwhile, so the worker stays the owner of its shards. Records already handed
 * to the writer are still written and checkpointed.
 */
final class PauseGate {

    private static final long RECHECK_MILLIS = 100;

    private boolean paused;

    synchronized void pause() {
        paused = true;
    }

    synchronized void resume() {
        paused = false;
        notifyAll();
    }

    synchronized boolean isPaused() {
        return paused;
    }

    /**
     * Waits while paused.
     *
     * @param giveUp checked while waiting: true means the scheduler is stopping, so stop waiting
     * @return true when the gate is open; false when {@code giveUp} turned true first
     */
    synchronized boolean awaitOpen(BooleanSupplier giveUp) throws InterruptedException {
        while (paused) {
            if (giveUp.getAsBoolean()) {
                return false;
            }
            wait(RECHECK_MILLIS);
        }
        return !giveUp.getAsBoolean();
    }
}
