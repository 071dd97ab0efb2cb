package io.inlet.common.mapper;

import java.util.Objects;

/**
 * A message that a mapper cannot translate. It is the message's fault, not the cluster's: retrying it
 * cannot succeed, so the error strategy dead-letters it or blocks on it.
 *
 * <p>The exception message names the field, what was found and what was expected, for example
 * {@code _version must be a non-negative integer or a numeric string, got "abc"}.
 */
public class MessageRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ReasonCode reason;
    private final String field;

    /**
     * @param reason  why the message was rejected
     * @param field   the payload field at fault ({@code _version}, or the configured field name), {@code key}
     *                for the record key, or null when the payload as a whole is at fault
     * @param message what was found and what was expected
     */
    public MessageRejectedException(ReasonCode reason, String field, String message) {
        this(reason, field, message, null);
    }

    /** As {@link #MessageRejectedException(ReasonCode, String, String)}, keeping the parser error that caused it. */
    public MessageRejectedException(ReasonCode reason, String field, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.field = field;
    }

    public ReasonCode reason() {
        return reason;
    }

    /** The field at fault, or null when the payload as a whole is at fault. */
    public String field() {
        return field;
    }

    @Override
    public String toString() {
        return "MessageRejectedException[" + reason + (field == null ? "" : " " + field) + ": " + getMessage() + "]";
    }
}
