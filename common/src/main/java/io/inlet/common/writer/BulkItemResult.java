package io.inlet.common.writer;

/** One item of a {@code _bulk} response: its HTTP status, {@code result}, and {@code error.type}/{@code reason} when it failed. */
public record BulkItemResult(int status, String result, String errorType, String errorReason) {

    Failure failure() {
        return new Failure(errorType == null ? "http_" + status : errorType,
                errorReason == null ? "OpenSearch answered " + status : errorReason);
    }
}
