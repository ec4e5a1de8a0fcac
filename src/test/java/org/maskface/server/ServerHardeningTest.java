package org.maskface.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.model.ModelHub;
import org.maskface.server.Http.Answer;
import org.maskface.server.Http.Part;

/** Requests an attacker would send: each gets a clear 4xx with a stable code, never a 500, and limits hold. */
class ServerHardeningTest {

    @TempDir
    static Path tmp;
    static ModelHub hub;
    static MaskfaceServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        hub = ModelHub.openDefault();
        server = MaskfaceServer.builder().setModels(hub).setGallery(tmp.resolve("gallery")).setApiKey("k").optPort(0)
                .optWorkers(1).optMaxRequestBytes(1024 * 1024).start();
        http = new Http(server.localUrl(), "k");
    }

    @AfterAll
    static void stop() {
        server.close();
        hub.close();
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWithoutBeingReadWhole() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024]; // three times the limit, no Content-Length
        Answer a = http.postChunked("/v1/recognize", "image/png", big);
        assertEquals(413, a.status(), a.raw().body());
        assertEquals("payload_too_large", a.code());
        Answer ok = http.postChunked("/v1/recognize", "image/png", png(64, 64));
        assertEquals(422, ok.status(), "a small chunked body is read: " + ok.raw().body());
    }

    @Test
    void degenerateStripsAreAnsweredWithoutAnInternalError() throws Exception {
        for (int[] size : new int[][] {{100000, 1}, {1, 300000}}) {
            Answer a = http.post("/v1/recognize", "image/png", png(size[0], size[1]));
            assertTrue(a.status() == 422 || a.status() == 400, size[0] + "x" + size[1] + ": " + a.raw().body());
            assertTrue(List.of("no_face", "bad_image").contains(a.code()), a.raw().body());
        }
    }

    @Test
    void malformedMultipartBodiesAre400() throws Exception {
        Answer noBoundary = http.post("/v1/recognize", "multipart/form-data", "just text".getBytes(StandardCharsets.UTF_8));
        assertMalformed(noBoundary);
        Answer truncated = http.post("/v1/recognize", "multipart/form-data; boundary=xyz",
                "--xyz\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\nabc"
                        .getBytes(StandardCharsets.UTF_8));
        assertMalformed(truncated);
        List<Part> many = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            many.add(Part.field("f" + i, "x"));
        }
        Answer tooManyParts = http.postMultipart("/v1/recognize", many);
        assertTrue(tooManyParts.status() >= 400 && tooManyParts.status() < 500, tooManyParts.raw().body());
    }

    @Test
    void errorsJettyAnswersItselfAreJsonToo() throws Exception {
        Answer longUri = http.get("/v1/subjects/" + "a".repeat(20_000));
        assertEquals(414, longUri.status());
        assertEquals("uri_too_long", longUri.code(), longUri.raw().body());
        assertEquals("nosniff", longUri.raw().headers().firstValue("X-Content-Type-Options").orElse(""));
        Answer nul = http.get("/v1/subjects/%00");
        assertTrue(nul.status() == 400, nul.raw().body());
        assertTrue(nul.json() != null, "JSON, not an HTML page: " + nul.raw().body());
        assertEquals("nosniff", nul.raw().headers().firstValue("X-Content-Type-Options").orElse(""));
        Answer ok = http.get("/v1/subjects");
        assertEquals(200, ok.status());
        assertEquals("nosniff", ok.raw().headers().firstValue("X-Content-Type-Options").orElse(""));
        Answer page = http.withKey(null).get("/");
        assertEquals("nosniff", page.raw().headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    private static void assertMalformed(Answer a) {
        assertTrue(a.status() == 400, a.raw().body());
        assertTrue(List.of("bad_parameter", "missing_image").contains(a.code()), a.raw().body());
    }

    private static byte[] png(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
