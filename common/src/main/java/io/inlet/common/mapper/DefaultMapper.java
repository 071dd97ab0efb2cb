package io.inlet.common.mapper;

import io.inlet.common.message.DocOp;
import io.inlet.common.message.OpType;
import io.inlet.common.message.StreamMessage;

import java.util.Objects;

/**
 * {@code mapper_type: default}: each message is an OpenSearch envelope
 * <pre>{"_id": "42", "_version": 7, "_op_type": "index", "_source": {"title": "..."}}</pre>
 * with fields in any order; other top-level fields are ignored.
 * <ul>
 *   <li>{@code _id}: a non-empty string, or an integer (used as its decimal text). When absent, the record key
 *       is used if {@link MapperSettings#idFromKey()}; else an {@code index} or {@code create} gets the
 *       deterministic id {@code <stream>-<partition>-<pointer>}, and a {@code delete} or {@code update} is
 *       rejected ({@link ReasonCode#MISSING_ID}).</li>
 *   <li>{@code _version}: a non-negative integer or numeric string ({@code 7} or {@code "7"}) that fits in a
 *       64-bit long; the write then uses external versioning, so older or repeated messages are stale, never
 *       applied twice. When absent, the Kafka offset is used if {@link MapperSettings#versionFromPointer()}.
 *       A {@code create} is always sent without a version: OpenSearch refuses external versions on creates.</li>
 *   <li>{@code _op_type}: {@code index} (the default), {@code create}, {@code delete}, or {@code update}
 *       (a partial document merged into the stored one).</li>
 *   <li>{@code _source}: a JSON object, required except for {@code delete} (where it is ignored); passed to
 *       OpenSearch as the exact bytes of the message.</li>
 * </ul>
 * A JSON {@code null} counts as an absent field. Each broken rule rejects the message with its
 * {@link ReasonCode}. Stateless and thread-safe.
 */
public final class DefaultMapper implements MessageMapper {

    private final MapperSettings settings;

    /** A mapper with {@link MapperSettings#defaults()}: no id from the key, no version from the offset. */
    public DefaultMapper() {
        this(MapperSettings.defaults());
    }

    /** A default mapper; of {@code settings} only {@code idFromKey} and {@code versionFromPointer} apply. */
    public DefaultMapper(MapperSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public DocOp map(StreamMessage message, Target target) throws MessageRejectedException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(target, "target");
        Envelope envelope = Envelope.read(message);
        OpType op = envelope.op() == null ? OpType.INDEX : envelope.op();
        if (op != OpType.DELETE && envelope.sourceRange() == null) {
            throw new MessageRejectedException(ReasonCode.MISSING_SOURCE, Envelope.SOURCE, Envelope.SOURCE
                    + " must be a JSON object for _op_type \"" + op.wireName() + "\", got "
                    + (envelope.sourceNull() ? "null" : "none"));
        }
        String id = DocumentIds.resolve(envelope.id(), op, message, settings, Envelope.ID, Envelope.ID);
        Long version = DocumentVersions.resolve(envelope.version(), op, message, settings);
        if (op == OpType.DELETE) {
            return new DocOp(target.index(), id, op, version, target.routing(), target.pipeline(), null, message);
        }
        JsonPayload.Range source = envelope.sourceRange();
        return new DocOp(target.index(), id, op, version, target.routing(), target.pipeline(), message.payload(),
                source.start(), source.length(), message);
    }

    @Override
    public String toString() {
        return "DefaultMapper[idFromKey=" + settings.idFromKey() + ", versionFromPointer="
                + settings.versionFromPointer() + "]";
    }
}
