package io.inlet.common.writer;

import io.inlet.common.message.DocOp;
import io.inlet.common.message.StreamMessage;
import java.util.function.BooleanSupplier;

/**
 * One message on its way through the writer: a {@link Write} to send, or an {@link Invalid} message
 * the translator refused, which goes through the same error strategy in stream order. {@code cancelled}
 * tells the writer to forget it (its partition was revoked, its lease lost, or its pointer reset).
 */
public sealed interface Pending permits Pending.Write, Pending.Invalid {

    StreamMessage message();

    BooleanSupplier cancelled();

    /** Approximate bytes held in memory, for the buffer bound. */
    int bytes();

    record Write(DocOp op, BooleanSupplier cancelled) implements Pending {
        @Override
        public StreamMessage message() {
            return op.message();
        }

        @Override
        public int bytes() {
            StreamMessage m = op.message();
            int payload = m.payload() == null ? 0 : m.payload().length;
            // a document cut out of the payload shares its bytes: count them once
            return op.estimatedBytes() + payload - (op.sourceInPayload() ? op.sourceLength() : 0);
        }

        /** A hash of the index and {@code _id}: two operations with the same one are never in flight at once. */
        public int idKey() {
            return op.index().hashCode() * 31 + op.id().hashCode();
        }
    }

    record Invalid(StreamMessage message, Failure failure, BooleanSupplier cancelled) implements Pending {
        @Override
        public int bytes() {
            return 64 + (message.payload() == null ? 0 : message.payload().length);
        }

    }
}
