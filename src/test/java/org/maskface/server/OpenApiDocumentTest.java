package org.maskface.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** openapi.json documents exactly the routes the server registers, and every error code it can send. */
class OpenApiDocumentTest {

    static JsonObject document() throws Exception {
        try (var in = new InputStreamReader(OpenApiDocumentTest.class.getResourceAsStream("/server/openapi.json"),
                StandardCharsets.UTF_8)) {
            return JsonParser.parseReader(in).getAsJsonObject();
        }
    }

    @Test
    void documentsEveryRouteAndNoOther() throws Exception {
        Set<String> documented = new TreeSet<>();
        for (var path : document().getAsJsonObject("paths").entrySet()) {
            for (String method : path.getValue().getAsJsonObject().keySet()) {
                documented.add(method + " " + path.getKey());
            }
        }
        Set<String> served = new TreeSet<>();
        MaskfaceServer.ROUTES.forEach(r -> served.add(r.method() + " " + r.path()));
        assertEquals(served, documented);
    }

    @Test
    void keyedRoutesSayTheyNeedTheKey() throws Exception {
        for (var path : document().getAsJsonObject("paths").entrySet()) {
            for (var op : path.getValue().getAsJsonObject().entrySet()) {
                boolean keyed = op.getValue().getAsJsonObject().has("security");
                assertEquals(path.getKey().startsWith("/v1/"), keyed, op.getKey() + " " + path.getKey());
            }
        }
    }

    @Test
    void describesEveryErrorCode() throws Exception {
        String description = document().getAsJsonObject("info").get("description").getAsString();
        for (ApiError e : ApiError.values()) {
            assertTrue(description.contains(e.code()), "openapi.json does not describe " + e.code());
        }
    }
}
