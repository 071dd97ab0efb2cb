package io.inlet.common.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.inlet.common.config.IndexNameRule;
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
 * The one message-to-operation translator: resolves the target index (a name, or a template with
 * {@code ${topic}} / {@code ${stream}}, lower-cased as OpenSearch requires), runs the mapper, and
 * takes the routing from {@code routing.field} of the document when one is configured.
 */
public final class Translator {

    private static final JsonFactory JSON = new JsonFactory();

    private final MessageMapper mapper;
    private final String indexTemplate;
    private final String pipeline;
    private final String routingField;
    private final boolean tombstoneDeletes;
    private final boolean versionFromPointer;
    private final Map<String, Object> targets = new ConcurrentHashMap<>();

    /** @param indexTemplate an index name, or a template with {@code ${topic}} / {@code ${stream}} ({@link IndexNameRule}) */
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
        this.mapper = mapper;
        this.indexTemplate = indexTemplate;
        this.pipeline = pipeline;
        this.routingField = routingField;
        this.tombstoneDeletes = tombstoneDeletes;
        this.versionFromPointer = versionFromPointer;
    }

    /** A translator writing every message to one index. */
    public static Translator toIndex(MessageMapper mapper, String index) {
        return new Translator(mapper, index, null, null);
    }

    public DocOp translate(StreamMessage m) throws MessageRejectedException {
        if (m.payload() == null && tombstoneDeletes && m.key() != null && m.key().length > 0) {
            return tombstone(m);
        }
        DocOp op = mapper.map(m, target(m.stream()));
        if (routingField == null || !op.hasSource()) {
            return op;
        }
        String routing = routing(op);
        return routing == null ? op : op.withRouting(routing);
    }

    private DocOp tombstone(StreamMessage m) throws MessageRejectedException {
        Long version = versionFromPointer && m.pointer() instanceof KafkaOffset o ? o.offset() : null;
        String id = new String(m.key(), java.nio.charset.StandardCharsets.UTF_8);
        return new DocOp(target(m.stream()).index(), id, OpType.DELETE, version, null, null, null, m);
    }

    /** The index for a topic or stream: resolved once per name, then cached (a refusal is cached too). */
    private Target target(String stream) throws MessageRejectedException {
        Object t = targets.computeIfAbsent(stream, s -> {
            String index = IndexNameRule.resolve(indexTemplate, s);
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

    /** The top-level {@code routing.field} of the document, as text; null when absent. */
    private String routing(DocOp op) throws MessageRejectedException {
        try (JsonParser p = JSON.createParser(op.sourceArray(), op.sourceOffset(), op.sourceLength())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals(routingField)) {
                    if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
                        return p.getText();
                    }
                    if (t == JsonToken.VALUE_NULL) {
                        return null;
                    }
                    throw new MessageRejectedException(ReasonCode.BAD_ROUTING, routingField,
                            "routing.field \"" + routingField + "\" must be a string or an integer, got " + t);
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new MessageRejectedException(ReasonCode.MALFORMED_JSON, "_source", "the document is not valid JSON: " + e.getMessage());
        }
    }
}
