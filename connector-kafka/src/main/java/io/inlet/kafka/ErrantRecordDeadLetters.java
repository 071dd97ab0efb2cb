package io.inlet.kafka;

import io.inlet.common.error.DeadLetter;
import io.inlet.common.error.DeadLetterSink;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Dead letters through Connect's errant record reporter, so {@code errors.deadletterqueue.topic.name}
 * (with {@code errors.deadletterqueue.context.headers.enable}) receives the original record. The
 * report is awaited before the message counts as acknowledged, so a committed offset never passes a
 * record that is not in the dead-letter topic.
 */
final class ErrantRecordDeadLetters implements DeadLetterSink {

    private final ErrantRecordReporter reporter;

    ErrantRecordDeadLetters(ErrantRecordReporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public void send(DeadLetter dl) throws Exception {
        if (!(dl.origin() instanceof RecordOrigin origin)) {
            throw new IllegalStateException("no Connect record for " + dl.describe());
        }
        SinkRecord record = origin.toRecord(dl.rawPayload());
        DataException why = new DataException(dl.reasonCode() + ": " + dl.message());
        reporter.report(record, why).get(60, TimeUnit.SECONDS);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "Connect's errant record reporter";
    }
}
