package io.inlet.common.config;

/** How validators show a refused value in a message: in double quotes, so spaces and empty values are visible. */
final class Quote {

    private Quote() {
    }

    static String of(Object value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
