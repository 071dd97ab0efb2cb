package io.inlet.common.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.inlet.common.config.IndexNameRule;
import io.inlet.common.mapper.DataStreamWrites;
import io.inlet.common.mapper.IndexNameTemplate;
import io.inlet.common.mapper.MessageMapper;
import io.inlet.common.mapper.MessageRejectedException;
import io.inlet.common.mapper.ReasonCode;
import io.inlet.common.mapper.Target;
import io.inlet.common.message.DocOp;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.OpType;
import io.inlet.common.message.StreamMessage;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one message-to-operation translator: runs the mapper, resolves the target index (a name, or an
 * {@link IndexNameTemplate} with {@code ${topic}} / {@code ${stream}}, {@code ${timestamp:<pattern>}} and
 * {@code ${field:<name>}}, lower-cased as OpenSearch requires), and takes the routing from {@code routing.field}
 * of the document when one is configured.
 */
public final class Translator {

    private static final JsonFactory JSON = new JsonFactory();

    private final MessageMapper mapper;
    private final IndexNameTemplate indexTemplate;
    private final String pipeline;
    private final String routingField;
    private final boolean tombstoneDeletes;
    private final boolean versionFromPointer;
    private final DataStreamWrites dataStream;
    private final Map<String, Object> targets = new ConcurrentHashMap<>();

    /** @param indexTemplate an index name, or a template ({@link IndexNameTemplate}, checked by {@link IndexNameRule#target()}) */
    public Translator(MessageMapper mapper, String indexTemplate, String pipeline, String routingField) {
        this(mapper, indexTemplate, pipeline, routingField, false, false);
    }

    /**
     * @param tombstoneDeletes   a message with a key and no payload (a Kafka tombstone) deletes the document whose
     *                           id is the key ({@code behavior.on.null.values=delete})
     * @param versionFromPointer such deletes carry the Kafka offset as external version ({@code version.source=offset})
     */
    public Translator(MessageMapper mapper, String indexTemplate, String pipeline, String routingField,
                      boolean tombstoneDeletes, boolean versionFromPointer) {
        this(mapper, indexTemplate, pipeline, routingField, tombstoneDeletes, versionFromPointer, null);
    }

    private Translator(MessageMapper mapper, String indexTemplate, String pipeline, String routingField,
                       boolean tombstoneDeletes, boolean versionFromPointer, DataStreamWrites dataStream) {
        this.dataStream = dataStream;
        this.mapper = mapper;
        this.indexTemplate = IndexNameTemplate.parse(indexTemplate, true);
        this.pipeline = pipeline;
        this.routingField = routingField;
        this.tombstoneDeletes = tombstoneDeletes;
        this.versionFromPointer = versionFromPointer;
    }

    /**
     * The same translation for a data stream ({@code target.kind=data_stream}): every operation then passes
     * {@link DataStreamWrites}.
     *
     * @param timestampField {@code data_stream.timestamp.field}, or null or empty for the record's time
     */
    public Translator toDataStream(String timestampField) {
        return new Translator(mapper, indexTemplate.toString(), pipeline, routingField, tombstoneDeletes, versionFromPointer,
                new DataStreamWrites(timestampField));
    }

    /** A translator writing every message to one index. */
    public static Translator toIndex(MessageMapper mapper, String index) {
        return new Translator(mapper, index, null, null);
    }

    public DocOp translate(StreamMessage m) throws MessageRejectedException {
        DocOp op = operation(m);
        return dataStream == null ? op : dataStream.apply(op);
    }

    private DocOp operation(StreamMessage m) throws MessageRejectedException {
        if (m.payload() == null && tombstoneDeletes && m.key() != null && m.key().length > 0) {
            return tombstone(m);
        }
        DocOp op;
        if (indexTemplate.usesMessage()) {
            // the index needs the document: map first (the template stands in for the index), then resolve it
            op = mapper.map(m, new Target(indexTemplate.toString(), pipeline, null));
            op = op.withIndex(messageIndex(m, op.hasSource() ? op : null));
        } else {
            op = mapper.map(m, target(m.stream()));
        }
        if (routingField == null || !op.hasSource()) {
            return op;
        }
        String routing = topLevel(op, routingField, ReasonCode.BAD_ROUTING, "routing.field \"" + routingField + "\"");
        return routing == null ? op : op.withRouting(routing);
    }

    private DocOp tombstone(StreamMessage m) throws MessageRejectedException {
        Long version = versionFromPointer && m.pointer() instanceof KafkaOffset o ? o.offset() : null;
        String id = new String(m.key(), java.nio.charset.StandardCharsets.UTF_8);
        String index = indexTemplate.usesMessage() ? messageIndex(m, null) : target(m.stream()).index();
        return new DocOp(index, id, OpType.DELETE, version, null, null, null, m);
    }

    /** The index made from the template, the message's time and the document {@code op} holds (null: none). */
    private String messageIndex(StreamMessage m, DocOp op) throws MessageRejectedException {
        String index = indexTemplate.resolve(m, op == null ? null
                : field -> topLevel(op, field, ReasonCode.BAD_INDEX, "the index template's ${field:" + field + "}"));
        String problem = IndexNameRule.problemWith(index);
        if (problem != null) {
            throw new MessageRejectedException(ReasonCode.BAD_INDEX, "index", "index \"" + index + "\" made from the template \""
                    + indexTemplate + "\" for " + m.describe() + " is not a legal index name: " + problem);
        }
        return index;
    }

    /** The index for a topic or stream: resolved once per name, then cached (a refusal is cached too). */
    private Target target(String stream) throws MessageRejectedException {
        Object t = targets.computeIfAbsent(stream, s -> {
            String index = indexTemplate.resolve(s);
            String problem = IndexNameRule.problemWith(index);
            return problem != null
                    ? new MessageRejectedException(ReasonCode.BAD_INDEX, "index", "index \"" + index + "\" made from"
                            + " the template \"" + indexTemplate + "\" for " + s + " is not a legal index name: " + problem)
                    : new Target(index, pipeline, null);
        });
        if (t instanceof MessageRejectedException e) {
            throw new MessageRejectedException(e.reason(), e.field(), e.getMessage());
        }
        return (Target) t;
    }

    /**
     * A top-level field of the document, as text: a string or an integer; null when absent or null.
     *
     * @param wrongType the reason when it is of another type; {@code what} names it in the rejection
     */
    private static String topLevel(DocOp op, String field, ReasonCode wrongType, String what) throws MessageRejectedException {
        try (JsonParser p = JSON.createParser(op.sourceArray(), op.sourceOffset(), op.sourceLength())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals(field)) {
                    if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
                        return p.getText();
                    }
                    if (t == JsonToken.VALUE_NULL) {
                        return null;
                    }
                    throw new MessageRejectedException(wrongType, field, what + " must be a string or an integer, got " + t);
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new MessageRejectedException(ReasonCode.MALFORMED_JSON, "_source", "the document is not valid JSON: " + e.getMessage());
        }
    }
}
