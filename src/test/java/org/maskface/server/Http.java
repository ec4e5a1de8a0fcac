package org.maskface.server;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** A small HTTP client for the server tests: multipart uploads, JSON answers. */
final class Http {

    /** An answer: status, body parsed as JSON (null when not JSON), raw headers. */
    record Answer(int status, JsonObject json, HttpResponse<String> raw) {
        String code() {
            return json != null && json.has("error") ? json.getAsJsonObject("error").get("code").getAsString() : null;
        }

        String message() {
            return json.getAsJsonObject("error").get("message").getAsString();
        }
    }

    /** One multipart file part. */
    record Part(String field, String filename, String contentType, byte[] bytes) {
        static Part image(Path file) throws IOException {
            String n = file.getFileName().toString();
            return new Part(MaskfaceServer.IMAGE_FIELD, n, n.endsWith(".png") ? "image/png" : "image/jpeg",
                    Files.readAllBytes(file));
        }

        static Part field(String name, String value) {
            return new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI base;
    private final String key;

    Http(URI base, String key) {
        this.base = base;
        this.key = key;
    }

    Http withKey(String otherKey) {
        return new Http(base, otherKey);
    }

    Answer get(String path) throws Exception {
        return send(request(path).GET());
    }

    Answer delete(String path) throws Exception {
        return send(request(path).DELETE());
    }

    Answer postMultipart(String path, List<Part> parts) throws Exception {
        String boundary = "maskface-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part p : parts) {
            StringBuilder h = new StringBuilder("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.field() + "\"");
            if (p.filename() != null) {
                h.append("; filename=\"").append(p.filename()).append("\"\r\nContent-Type: ").append(p.contentType());
            }
            h.append("\r\n\r\n");
            body.write(h.toString().getBytes(StandardCharsets.UTF_8));
            body.write(p.bytes());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post(path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    Answer post(String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    /** A POST whose body is streamed without a Content-Length (HTTP/1.1 chunked transfer encoding). */
    Answer postChunked(String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = request(path).version(HttpClient.Version.HTTP_1_1)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .header("Content-Type", contentType);
        return send(b);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        if (key != null) {
            b.header(MaskfaceServer.API_KEY_HEADER, key);
        }
        return b;
    }

    private Answer send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonObject json = null;
        if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            json = JsonParser.parseString(r.body()).getAsJsonObject();
        }
        return new Answer(r.statusCode(), json, r);
    }
}
