package io.inlet.common.mapper;

import io.inlet.common.message.DocOp;
import io.inlet.common.message.OpType;
import io.inlet.common.message.StreamMessage;

import java.util.Objects;

/**
 * {@code mapper_type: raw_payload}: each message is any JSON object, indexed as is (its exact bytes, without
 * surrounding whitespace) as the document.
 * <ul>
 *   <li>id: the record key if {@link MapperSettings#idFromKey()} and the key is not null, else
 *       {@code <stream>-<partition>-<pointer>} ({@code orders-3-1234} on Kafka,
 *       {@code events-shardId-000000000001-4959...} on Kinesis): deterministic, so a replay overwrites the
 *       same documents instead of duplicating them;</li>
 *   <li>operation: always {@code index};</li>
 *   <li>version: none, or the Kafka offset if {@link MapperSettings#versionFromPointer()}.</li>
 * </ul>
 * A payload that is not valid JSON ({@link ReasonCode#MALFORMED_JSON}) or not an object
 * ({@link ReasonCode#NOT_AN_OBJECT}) is rejected. Stateless and thread-safe.
 */
public final class RawPayloadMapper implements MessageMapper {

    private final MapperSettings settings;

    /** A mapper with {@link MapperSettings#defaults()}: no id from the key, no version from the offset. */
    public RawPayloadMapper() {
        this(MapperSettings.defaults());
    }

    /** A raw payload mapper; of {@code settings} only {@code idFromKey} and {@code versionFromPointer} apply. */
    public RawPayloadMapper(MapperSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public DocOp map(StreamMessage message, Target target) throws MessageRejectedException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(target, "target");
        byte[] payload = message.payload();
        byte[] source = JsonPayload.readObject(message, parser -> JsonPayload.objectBytes(parser, payload));
        String id = DocumentIds.resolve(null, OpType.INDEX, message, settings, Envelope.ID, Envelope.ID);
        Long version = DocumentVersions.resolve(null, OpType.INDEX, message, settings);
        return new DocOp(target.index(), id, OpType.INDEX, version, target.routing(), target.pipeline(),
                source, message);
    }

    @Override
    public String toString() {
        return "RawPayloadMapper[idFromKey=" + settings.idFromKey() + ", versionFromPointer="
                + settings.versionFromPointer() + "]";
    }
}
