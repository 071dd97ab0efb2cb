package io.inlet.services;

/** A service didn't come up; the message carries the tail of its log. */
public class ServiceStartException extends RuntimeException {

    public ServiceStartException(String message) {
        super(message);
    }

    public ServiceStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
