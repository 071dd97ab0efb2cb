package io.inlet.common.mapper;

import io.inlet.common.message.DocOp;
import io.inlet.common.message.StreamMessage;

/**
 * Translates one stream message into one OpenSearch write.
 *
 * <p>Implementations are stateless and thread-safe: one instance serves every partition or shard.
 * Create them with {@link Mappers#create(MapperType, MapperSettings)}.
 */
public interface MessageMapper {

    /**
     * Translates {@code message} into a write to {@code target}.
     *
     * @return the write, never null; its {@link DocOp#message()} is {@code message}
     * @throws MessageRejectedException when the message cannot be translated; its {@link ReasonCode} says why
     *                                  and its message says which field held what, and what was expected
     */
    DocOp map(StreamMessage message, Target target) throws MessageRejectedException;
}
