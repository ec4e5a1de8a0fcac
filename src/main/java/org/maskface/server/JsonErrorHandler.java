package org.maskface.server;

import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Errors Jetty answers itself, before a request reaches the API (a URI or headers too long, a
 * malformed URI): the API's JSON error shape and a stable code instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    static final String NOSNIFF = "nosniff";

    /** The API error for an HTTP status Jetty decided on. */
    static ApiError errorFor(int status) {
        return switch (status) {
            case 413 -> ApiError.PAYLOAD_TOO_LARGE;
            case 414 -> ApiError.URI_TOO_LONG;
            case 431 -> ApiError.HEADERS_TOO_LARGE;
            case 404 -> ApiError.NOT_FOUND;
            default -> status >= 400 && status < 500 ? ApiError.BAD_REQUEST : ApiError.INTERNAL;
        };
    }

    static String body(int status, String reason) {
        ApiError e = errorFor(status);
        JsonObject inner = new JsonObject();
        inner.addProperty("code", e.code());
        inner.addProperty("message", reason == null || reason.isBlank() ? "HTTP " + status : reason);
        inner.addProperty("status", status);
        JsonObject o = new JsonObject();
        o.add("error", inner);
        return o.toString();
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        fields.put("X-Content-Type-Options", NOSNIFF);
        return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json;charset=utf-8");
        response.setHeader("X-Content-Type-Options", NOSNIFF);
        response.getOutputStream().write(body(code, message).getBytes(StandardCharsets.UTF_8));
    }
}
