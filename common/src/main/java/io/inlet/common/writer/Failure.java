package io.inlet.common.writer;

/**
 * Why a message could not be written: a mapper reason code (e.g. {@code MALFORMED_JSON}) or the
 * OpenSearch {@code error.type} (e.g. {@code mapper_parsing_exception}), and a message for people.
 */
public record Failure(String reasonCode, String message) {

    @Override
    public String toString() {
        return reasonCode + ": " + message;
    }
}
