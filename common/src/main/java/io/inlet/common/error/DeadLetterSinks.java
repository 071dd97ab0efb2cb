package io.inlet.common.error;

import java.util.List;

/** Sends every dead letter to several destinations in turn (e.g. Connect's dead-letter topic and the dead-letter index). */
public final class DeadLetterSinks implements DeadLetterSink {

    private final List<DeadLetterSink> sinks;

    private DeadLetterSinks(List<DeadLetterSink> sinks) {
        this.sinks = sinks;
    }

    /** The given sinks (nulls left out) as one; null when there is none. */
    public static DeadLetterSink of(DeadLetterSink... sinks) {
        List<DeadLetterSink> present = java.util.Arrays.stream(sinks).filter(java.util.Objects::nonNull).toList();
        return present.isEmpty() ? null : present.size() == 1 ? present.get(0) : new DeadLetterSinks(present);
    }

    @Override
    public void send(DeadLetter dl) throws Exception {
        for (DeadLetterSink s : sinks) {
            s.send(dl);
        }
    }

    @Override
    public void flush() throws Exception {
        for (DeadLetterSink s : sinks) {
            s.flush();
        }
    }

    @Override
    public void close() throws Exception {
        for (DeadLetterSink s : sinks) {
            s.close();
        }
    }

    @Override
    public String toString() {
        return sinks.toString();
    }
}
