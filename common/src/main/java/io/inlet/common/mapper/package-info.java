/**
 * Mappers: how one stream message becomes one OpenSearch write.
 *
 * <p>Inlet reads messages from Kafka or Kinesis and hands each one to a {@link io.inlet.common.mapper.MessageMapper},
 * chosen by {@code mapper_type} as in OpenSearch's pull-based ingestion:
 * <ul>
 *   <li>{@code default} ({@link io.inlet.common.mapper.DefaultMapper}): an OpenSearch envelope
 *       {@code {"_id", "_version", "_op_type", "_source"}};</li>
 *   <li>{@code field_mapping} ({@link io.inlet.common.mapper.FieldMappingMapper}): a flat document whose
 *       id, version and operation are read from fields named in the mapper settings;</li>
 *   <li>{@code raw_payload} ({@link io.inlet.common.mapper.RawPayloadMapper}): any JSON object, stored as is
 *       under an id derived from its position in the stream.</li>
 * </ul>
 *
 * <p>A message a mapper cannot translate is <em>rejected</em> with a
 * {@link io.inlet.common.mapper.MessageRejectedException} carrying a {@link io.inlet.common.mapper.ReasonCode};
 * it is never silently coerced. What happens to a rejected message (dead-letter or block) is decided by the
 * error strategy, not by the mapper.
 *
 * <p>Documents are copied as the exact bytes they had in the message: Inlet never re-serialises a
 * {@code _source}, so numbers, key order, whitespace and unicode escapes reach OpenSearch unchanged.
 */
package io.inlet.common.mapper;
