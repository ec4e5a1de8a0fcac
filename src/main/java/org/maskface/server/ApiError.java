package org.maskface.server;

/**
 * The REST API's error codes. The {@code code} strings are part of the API: clients branch on
 * them, so they never change meaning; new ones may be added. Every error answer is
 * {@code {"error": {"code", "message", "status"}}}.
 */
public enum ApiError {
    MISSING_API_KEY("missing_api_key", 401),
    INVALID_API_KEY("invalid_api_key", 401),
    FORBIDDEN("forbidden", 403),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    PAYLOAD_TOO_LARGE("payload_too_large", 413),
    MISSING_IMAGE("missing_image", 400),
    BAD_IMAGE("bad_image", 400),
    BAD_PARAMETER("bad_parameter", 400),
    BAD_REQUEST("bad_request", 400),
    URI_TOO_LONG("uri_too_long", 414),
    HEADERS_TOO_LARGE("headers_too_large", 431),
    INVALID_SUBJECT("invalid_subject", 400),
    NO_FACE("no_face", 422),
    UNKNOWN_SUBJECT("unknown_subject", 404),
    UNKNOWN_FACE("unknown_face", 404),
    NOT_FOUND("not_found", 404),
    BUSY("busy", 429),
    TIMEOUT("timeout", 503),
    GALLERY_UNAVAILABLE("gallery_unavailable", 503),
    STORAGE_FULL("storage_full", 507),
    INTERNAL("internal", 500);

    private final String code;
    private final int status;

    ApiError(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** An exception that answers the request with this error. */
    public ApiException with(String message) {
        return new ApiException(this, message);
    }
}
