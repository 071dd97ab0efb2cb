package io.inlet.common.mapper;

/**
 * Why a message was rejected. Reason codes are stable: they are recorded with dead-lettered messages and
 * shown in the state API, so tools may match on them.
 */
public enum ReasonCode {
    /** The payload is absent (for example a Kafka tombstone that reached a mapper). */
    NULL_PAYLOAD,
    /** The payload is empty, not UTF-8, not valid JSON, or has content after its JSON object. */
    MALFORMED_JSON,
    /** The payload is valid JSON but not a JSON object (an array, a string, a number...). */
    NOT_AN_OBJECT,
    /** {@code _source} is present but is not a JSON object. */
    SOURCE_NOT_OBJECT,
    /** {@code _source} is absent or null for an {@code index}, {@code create} or {@code update}. */
    MISSING_SOURCE,
    /** No id for a {@code delete} or {@code update}, which cannot be given an id derived from the stream. */
    MISSING_ID,
    /** The id is not a string or an integer, is empty, is longer than 512 bytes, or is a key that is not UTF-8. */
    BAD_ID,
    /** The version is not a non-negative integer (or numeric string) that fits in a signed 64-bit long. */
    BAD_VERSION,
    /** A configured {@code version_field} is absent or null, and no other version source applies. */
    MISSING_VERSION,
    /** The operation field holds a value of the wrong JSON type (for {@code _op_type}: not a string). */
    BAD_OP_TYPE,
    /** {@code _op_type} is a string but none of {@code index}, {@code create}, {@code delete}, {@code update}. */
    UNKNOWN_OP_TYPE,
    /** A field the mapper reads (id, version, operation or {@code _source}) appears more than once. */
    DUPLICATE_FIELD,
    /** The index name made from the template and this message's topic or stream is not a legal OpenSearch index name. */
    BAD_INDEX,
    /** {@code routing.field} is present but not a string or number. */
    BAD_ROUTING,
    /**
     * The index template uses a value this message lacks: {@code ${timestamp:...}} and the record has no timestamp,
     * or {@code ${field:...}} and the document has no such field (or the operation, a delete, has no document).
     */
    MISSING_INDEX_VALUE,
    /** A delete or update for a data stream, which takes only appends ({@code create}). */
    APPEND_ONLY_TARGET,
    /** A message for a data stream with no {@code @timestamp}: none in the document, the configured field or the record. */
    MISSING_TIMESTAMP,
    /**
     * The alias or data stream the operation is for is not there to take it ({@code target.kind=alias}: no such
     * alias, or none of its indices is the write index; {@code data_stream}: neither the data stream nor an index
     * template that makes one).
     */
    TARGET_MISSING
}
