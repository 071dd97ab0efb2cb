package io.inlet.common.writer;

import java.util.List;
import org.opensearch.client.RestClient;

/**
 * Sends one batch as one {@code _bulk} request: the writer's only door to OpenSearch ({@link BulkExecutor}
 * in production; unit tests put a fake behind it). Called from several threads at once.
 */
public interface BulkTransport {

    /** Sends to OpenSearch through {@code client}; {@code updateVersionField} as in {@code update.version.field}. */
    static BulkTransport openSearch(RestClient client, String updateVersionField) {
        return new BulkExecutor(client, updateVersionField);
    }

    /** The per-item results of the batch, in its order, or the failure of the whole request. */
    Result execute(List<Pending.Write> batch);

    sealed interface Result permits Items, RequestFailed {
    }

    record Items(List<BulkItemResult> items) implements Result {
    }

    /** The whole request failed: its status ({@link ItemClassifier#NO_RESPONSE} for I/O) and error. */
    record RequestFailed(int status, Failure failure) implements Result {
    }
}
