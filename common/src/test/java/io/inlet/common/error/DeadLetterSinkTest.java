package io.inlet.common.error;

import io.inlet.common.message.SequenceNumber;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sink contract as a caller sees it, with a buffering in-memory sink. */
class DeadLetterSinkTest {

    private static final class BufferingSink implements DeadLetterSink {
        final List<DeadLetter> buffer = new ArrayList<>();
        final List<DeadLetter> stored = new ArrayList<>();
        boolean closed;

        @Override
        public void send(DeadLetter deadLetter) {
            buffer.add(deadLetter);
        }

        @Override
        public void flush() {
            stored.addAll(buffer);
            buffer.clear();
        }

        @Override
        public void close() {
            flush();
            closed = true;
        }
    }

    @Test
    void flushAndCloseStoreEverythingSent() throws Exception {
        BufferingSink sink = new BufferingSink();
        try (DeadLetterSink s = sink) {
            s.send(new DeadLetter("stream", "shardId-000", new SequenceNumber("42", 0), null, null,
                    "mapper_parsing_exception", "failed to parse field [n]", 5L, "idx"));
            s.flush();
            assertEquals(1, sink.stored.size());
            s.send(new DeadLetter("stream", "shardId-000", new SequenceNumber("43", 0), null, null,
                    "invalid_op_type", null, 6L, null));
        }
        assertEquals(2, sink.stored.size());
        assertTrue(sink.closed);
    }
}
