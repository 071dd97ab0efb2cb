package io.inlet.common.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.common.client.Indices;
import io.inlet.common.config.IndexNameRule;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.opensearch.client.Request;
import org.opensearch.client.RestClient;

/**
 * Dead letters as documents of an OpenSearch index ({@code dlq.index}), created on first use with a
 * fixed mapping. The document id is {@code <stream>-<partition>-<pointer>}, so a replay writes the same
 * dead letter again instead of a second one. The raw payload is kept as text when it is UTF-8, else
 * as base64 ({@code raw_payload_encoding}).
 */
public final class OpenSearchDeadLetterSink implements DeadLetterSink {

    /**
     * The fields added after the first release, which a re-drive also puts into the mapping of an older dead-letter
     * index: the message's own time, the key's encoding, and the outcome of its re-drive.
     */
    public static final String REDRIVE_FIELDS = "\"record_timestamp\":{\"type\":\"date\",\"format\":\"epoch_millis\"},"
            + "\"key_encoding\":{\"type\":\"keyword\"},"
            + "\"redriven_at\":{\"type\":\"date\",\"format\":\"epoch_millis\"},"
            + "\"redrive_result\":{\"type\":\"keyword\"},"
            + "\"first_reason\":{\"type\":\"keyword\"}";

    /** The fixed mapping of a dead-letter index. */
    public static final String MAPPING = "{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{"
            + "\"stream\":{\"type\":\"keyword\"},"
            + "\"partition\":{\"type\":\"keyword\"},"
            + "\"pointer\":{\"type\":\"keyword\"},"
            + "\"reason\":{\"type\":\"keyword\"},"
            + "\"message\":{\"type\":\"text\"},"
            + "\"target_index\":{\"type\":\"keyword\"},"
            + "\"key\":{\"type\":\"keyword\",\"ignore_above\":4096},"
            + "\"raw_payload\":{\"type\":\"text\",\"index\":false},"
            + "\"raw_payload_encoding\":{\"type\":\"keyword\"},"
            + "\"timestamp\":{\"type\":\"date\",\"format\":\"epoch_millis\"},"
            + REDRIVE_FIELDS + "}}}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient client;
    private final String index;
    private final java.util.Set<String> created = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @param index the dead-letter index; {@code ${topic}} or {@code ${stream}} in it is replaced by the message's */
    public OpenSearchDeadLetterSink(RestClient client, String index) {
        this.client = client;
        this.index = index;
    }

    public String index() {
        return index;
    }

    private String indexFor(String stream) {
        return IndexNameRule.resolve(index, stream);
    }

    @Override
    public void send(DeadLetter dl) throws IOException {
        String index = indexFor(dl.stream());
        ensureIndex(index);
        ObjectNode doc = JSON.createObjectNode();
        doc.put("stream", dl.stream());
        doc.put("partition", dl.partition());
        doc.put("pointer", dl.pointer().asString());
        doc.put("reason", dl.reasonCode());
        doc.put("message", dl.message());
        doc.put("target_index", dl.targetIndex());
        if (dl.key() != null) {
            String utf8 = utf8OrNull(dl.key());
            doc.put("key", utf8 != null ? utf8 : Base64.getEncoder().encodeToString(dl.key()));
            doc.put("key_encoding", utf8 != null ? "utf-8" : "base64");
        }
        if (dl.rawPayload() != null) {
            String utf8 = utf8OrNull(dl.rawPayload());
            doc.put("raw_payload", utf8 != null ? utf8 : Base64.getEncoder().encodeToString(dl.rawPayload()));
            doc.put("raw_payload_encoding", utf8 != null ? "utf-8" : "base64");
        }
        doc.put("timestamp", dl.timestampMillis());
        if (dl.recordTimestamp() >= 0) {
            doc.put("record_timestamp", dl.recordTimestamp());
        }
        String id = dl.stream() + "-" + dl.partition() + "-" + dl.pointer().asString();
        Request r = new Request("PUT", "/" + index + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        r.setEntity(new StringEntity(JSON.writeValueAsString(doc), ContentType.APPLICATION_JSON));
        client.performRequest(r);
    }

    private void ensureIndex(String index) throws IOException {
        if (created.contains(index)) {
            return;
        }
        Indices.createIfMissing(client, index, MAPPING);
        created.add(index);
    }

    private static String utf8OrNull(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public void flush() {
        // each dead letter is written synchronously
    }

    @Override
    public void close() {
        // the client belongs to the caller
    }

    @Override
    public String toString() {
        return "dead-letter index " + index;
    }
}
