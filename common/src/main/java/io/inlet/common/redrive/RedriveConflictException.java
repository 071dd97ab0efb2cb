package io.inlet.common.redrive;

/** A re-drive of the pipeline is already running (on this worker or another); the API answers 409. */
public final class RedriveConflictException extends Exception {

    public RedriveConflictException(String message) {
        super(message);
    }
}
