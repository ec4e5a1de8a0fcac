package org.maskface.server;

/** Ends a request with an {@link ApiError} and a message for the client. */
public final class ApiException extends RuntimeException {

    private final ApiError error;

    public ApiException(ApiError error, String message) {
        super(message);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
