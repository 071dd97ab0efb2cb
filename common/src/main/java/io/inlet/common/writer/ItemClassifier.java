package io.inlet.common.writer;

import io.inlet.common.message.OpType;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Decides what a bulk response means for each message, from the HTTP status and the OpenSearch
 * {@code error.type} only, never from the error message text (which changes between versions and
 * languages).
 *
 * <h2>One bulk item: {@link #classify(OpType, int, String)}</h2>
 * <table>
 *   <caption>Item outcomes, first matching row wins</caption>
 *   <tr><th>status / error.type</th><th>outcome</th></tr>
 *   <tr><td>{@code es_rejected_execution_exception} (spelled {@code rejected_execution_exception} by
 *       OpenSearch itself), {@code cluster_block_exception} (403 or 429),
 *       {@code circuit_breaking_exception}, {@code process_cluster_event_timeout_exception},
 *       {@code unavailable_shards_exception}, {@code node_not_connected_exception},
 *       {@code no_shard_available_action_exception}, {@code node_disconnected_exception},
 *       {@code connect_transport_exception}, {@code receive_timeout_transport_exception}</td>
 *       <td>{@link ItemOutcome#RETRIABLE}</td></tr>
 *   <tr><td>429, any 5xx</td><td>{@link ItemOutcome#RETRIABLE}</td></tr>
 *   <tr><td>2xx</td><td>{@link ItemOutcome#SUCCESS}</td></tr>
 *   <tr><td>409 {@code version_conflict_engine_exception}</td><td>{@link ItemOutcome#STALE}: a message not
 *       newer than the stored version, or a {@code create} of an id that exists</td></tr>
 *   <tr><td>404 for a {@code delete} (result {@code not_found}, no error, or
 *       {@code index_not_found_exception})</td><td>{@link ItemOutcome#SUCCESS}: the document is already
 *       absent (and with an external version OpenSearch still keeps the delete's tombstone)</td></tr>
 *   <tr><td>anything else: {@code mapper_parsing_exception}, {@code document_parsing_exception},
 *       {@code illegal_argument_exception}, {@code strict_dynamic_mapping_exception},
 *       {@code action_request_validation_exception}, other 4xx</td><td>{@link ItemOutcome#REJECTED}</td></tr>
 * </table>
 *
 * <h2>A whole request: {@link #classifyRequestFailure(int, String, int)}</h2>
 * <ul>
 *   <li>no response (I/O error, timeout: status {@link #NO_RESPONSE}), 429, any 5xx, or a retriable
 *       error type above (a cluster write block answers 403) → {@link RequestOutcome#RETRY};</li>
 *   <li>400 or 413 → {@link RequestOutcome#SPLIT} to isolate the message at fault, or
 *       {@link RequestOutcome#REJECT} when the batch is already a single message;</li>
 *   <li>any other status (401 and 403 credentials, 404 wrong endpoint, …) → {@link RequestOutcome#RETRY}:
 *       no message can cause these, so nothing is dead-lettered; the partition waits, and reports the
 *       error, until the configuration is fixed.</li>
 * </ul>
 */
public final class ItemClassifier {

    /** The status to pass when no HTTP response came back (I/O error, timeout, connection refused). */
    public static final int NO_RESPONSE = 0;

    /** Error types that mean "the cluster cannot take this now", whatever the status. */
    private static final Set<String> RETRIABLE_TYPES = Set.of(
            "es_rejected_execution_exception",
            // OpenSearch strips its own name from exception types: OpenSearchRejectedExecutionException.
            "rejected_execution_exception",
            "cluster_block_exception",
            "circuit_breaking_exception",
            "process_cluster_event_timeout_exception",
            "unavailable_shards_exception",
            "node_not_connected_exception",
            "node_disconnected_exception",
            "no_shard_available_action_exception",
            "connect_transport_exception",
            "receive_timeout_transport_exception");

    private static final String VERSION_CONFLICT = "version_conflict_engine_exception";

    /** Error types a delete may carry with a 404 when the document (or its index) does not exist. */
    private static final Set<String> ABSENT_TYPES = Set.of("not_found", "index_not_found_exception");

    private ItemClassifier() {
    }

    /**
     * Classifies one bulk item.
     *
     * @param op        the item's operation
     * @param status    the item's HTTP status
     * @param errorType the item's {@code error.type}, or null when it has no error
     */
    public static ItemOutcome classify(OpType op, int status, String errorType) {
        Objects.requireNonNull(op, "op");
        String type = normalize(errorType);
        if (type != null && RETRIABLE_TYPES.contains(type)) {
            return ItemOutcome.RETRIABLE;
        }
        if (isRetriableStatus(status)) {
            return ItemOutcome.RETRIABLE;
        }
        if (status >= 200 && status < 300) {
            return ItemOutcome.SUCCESS;
        }
        if (status == 409 && VERSION_CONFLICT.equals(type)) {
            return ItemOutcome.STALE;
        }
        if (op == OpType.DELETE && status == 404 && (type == null || ABSENT_TYPES.contains(type))) {
            return ItemOutcome.SUCCESS;
        }
        return ItemOutcome.REJECTED;
    }

    /**
     * Classifies a failure of a whole bulk request, assuming a batch of more than one message.
     *
     * @param status the HTTP status, or {@link #NO_RESPONSE}
     */
    public static RequestOutcome classifyRequestFailure(int status) {
        return classifyRequestFailure(status, null, 2);
    }

    /**
     * Classifies a failure of a whole bulk request.
     *
     * @param status    the HTTP status, or {@link #NO_RESPONSE} for an I/O failure
     * @param errorType the response's {@code error.type}, or null
     * @param itemCount how many messages the refused request held
     */
    public static RequestOutcome classifyRequestFailure(int status, String errorType, int itemCount) {
        String type = normalize(errorType);
        if (status == NO_RESPONSE || isRetriableStatus(status) || (type != null && RETRIABLE_TYPES.contains(type))) {
            return RequestOutcome.RETRY;
        }
        if (status == 400 || status == 413) {
            return itemCount > 1 ? RequestOutcome.SPLIT : RequestOutcome.REJECT;
        }
        return RequestOutcome.RETRY;
    }

    /**
     * Whether an answer (of a request or an item) says OpenSearch is overloaded: 429, or its write queue
     * refused the work ({@code es_rejected_execution_exception}). The writer then sends fewer requests at once.
     */
    public static boolean isOverload(int status, String errorType) {
        String type = normalize(errorType);
        return status == 429 || "es_rejected_execution_exception".equals(type) || "rejected_execution_exception".equals(type);
    }

    private static boolean isRetriableStatus(int status) {
        return status == 429 || (status >= 500 && status < 600);
    }

    private static String normalize(String errorType) {
        if (errorType == null || errorType.isBlank()) {
            return null;
        }
        return errorType.trim().toLowerCase(Locale.ROOT);
    }
}
