package io.inlet.common.mapper;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.inlet.common.message.DocOp;
import io.inlet.common.message.OpType;
import io.inlet.common.message.StreamMessage;

import java.io.IOException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * {@code mapper_type: field_mapping}: each message is a flat JSON document such as
 * <pre>{"id": "42", "ts": 1700000000123, "op": "upsert", "title": "..."}</pre>
 * stored whole (its exact bytes, without surrounding whitespace, the fields below included) as the document.
 * The id, version and operation are read from top-level fields named in the {@link MapperSettings}:
 * <ul>
 *   <li>{@code id_field} (default {@code id}): a non-empty string or an integer. When absent, the record key
 *       is used if {@code idFromKey}; else an {@code index} or {@code create} gets the deterministic id
 *       {@code <stream>-<partition>-<pointer>} and a {@code delete} is rejected
 *       ({@link ReasonCode#MISSING_ID}).</li>
 *   <li>{@code version_field} (default none): a non-negative integer or numeric string, used as external
 *       version. When configured it must be present, unless {@code versionFromPointer} supplies the Kafka
 *       offset instead ({@link ReasonCode#MISSING_VERSION}). A {@code create} is sent without a version.</li>
 *   <li>{@code op_type_field} (default none): a string, number or boolean compared, as written, with
 *       {@code op_type_field.delete_value} (default {@code delete}) and {@code op_type_field.create_value}
 *       (default {@code create}); any other value, or none, means {@code index}.</li>
 * </ul>
 * A JSON {@code null} counts as an absent field; a configured field given twice is rejected. Other fields
 * are not looked at. Stateless and thread-safe.
 */
public final class FieldMappingMapper implements MessageMapper {

    private final MapperSettings settings;
    private final String idLabel;
    private final String versionLabel;
    private final String opLabel;

    /** A field mapping mapper reading the fields named in {@code settings}. */
    public FieldMappingMapper(MapperSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.idLabel = label(MapperSettings.ID_FIELD, settings.idField());
        this.versionLabel = label(MapperSettings.VERSION_FIELD, settings.versionField());
        this.opLabel = label(MapperSettings.OP_TYPE_FIELD, settings.opTypeField());
    }

    /** What the document holds in the configured fields, and the document itself. */
    private record Fields(String id, Long version, String opValue, byte[] document) {
    }

    @Override
    public DocOp map(StreamMessage message, Target target) throws MessageRejectedException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(target, "target");
        byte[] payload = message.payload();
        Fields fields = JsonPayload.readObject(message, parser -> read(parser, payload));
        OpType op = opType(fields.opValue());
        String id = DocumentIds.resolve(fields.id(), op, message, settings, settings.idField(), idLabel);
        if (settings.versionField() != null && fields.version() == null
                && !DocumentVersions.fromPointer(message, settings)) {
            throw new MessageRejectedException(ReasonCode.MISSING_VERSION, settings.versionField(), versionLabel
                    + " must be present (a non-negative integer or a numeric string), got none");
        }
        Long version = DocumentVersions.resolve(fields.version(), op, message, settings);
        byte[] source = op == OpType.DELETE ? null : fields.document();
        return new DocOp(target.index(), id, op, version, target.routing(), target.pipeline(), source, message);
    }

    private Fields read(JsonParser parser, byte[] payload) throws IOException, MessageRejectedException {
        long start = parser.currentTokenLocation().getByteOffset();
        String id = null;
        Long version = null;
        String opValue = null;
        Set<String> seen = new HashSet<>(4);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals(settings.idField())) {
                once(seen, name, idLabel);
                id = JsonValues.id(parser, name, idLabel);
            } else if (name.equals(settings.versionField())) {
                once(seen, name, versionLabel);
                version = JsonValues.version(parser, name, versionLabel);
            } else if (name.equals(settings.opTypeField())) {
                once(seen, name, opLabel);
                opValue = JsonValues.scalar(parser, name, opLabel);
            } else {
                parser.skipChildren();
            }
        }
        long end = parser.currentLocation().getByteOffset();
        return new Fields(id, version, opValue, JsonPayload.slice(payload, start, end));
    }

    private OpType opType(String value) {
        if (value == null) {
            return OpType.INDEX;
        }
        if (value.equals(settings.deleteValue())) {
            return OpType.DELETE;
        }
        if (value.equals(settings.createValue())) {
            return OpType.CREATE;
        }
        return OpType.INDEX;
    }

    private static void once(Set<String> seen, String field, String label) throws MessageRejectedException {
        if (!seen.add(field)) {
            throw new MessageRejectedException(ReasonCode.DUPLICATE_FIELD, field,
                    label + " must appear at most once in the document, got it twice");
        }
    }

    private static String label(String key, String field) {
        return field == null ? null : "mapper_settings." + key + " \"" + field + "\"";
    }

    @Override
    public String toString() {
        return "FieldMappingMapper[" + settings + "]";
    }
}
