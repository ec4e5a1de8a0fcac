package org.maskface.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.model.ModelHub;
import org.maskface.server.Http.Answer;
import org.maskface.server.Http.Part;

/** The REST API end to end on loopback with the real models: answers, errors, and that bad input loses nothing. */
class ServerApiTest {

    static final String KEY = "test-key-1";
    static final Path FACES = Path.of("samples/faces");
    static final Path MASKED = Path.of("samples/masked");
    static final Path BAD = Path.of("src/test/resources/badinput");
    static final Path FACE_FREE = Path.of("src/test/resources/detection/face-free/calla-4.png");
    static final long MAX_BYTES = 1024 * 1024;

    @TempDir
    static Path tmp;
    static ModelHub hub;
    static MaskfaceServer server;
    static Http http;

    @BeforeAll
    static void start() {
        hub = ModelHub.openDefault();
        server = MaskfaceServer.builder().setModels(hub).setGallery(tmp.resolve("gallery")).setApiKey(KEY).optPort(0)
                .optWorkers(1).optMaxRequestBytes(MAX_BYTES).optSamples(MASKED).start();
        http = new Http(server.localUrl(), KEY);
    }

    @AfterAll
    static void stop() {
        server.close();
        hub.close();
    }

    static List<Part> image(Path p) throws Exception {
        return List.of(Part.image(p));
    }

    @Test
    void enrolsRecognisesMaskedVerifiesAndForgets() throws Exception {
        Answer e = http.postMultipart("/v1/subjects/Colin%20Powell/faces", image(FACES.resolve("lfw_colin_powell_0095.png")));
        assertEquals(201, e.status(), e.raw().body());
        assertEquals("Colin Powell", e.json().get("subject").getAsString());
        String colinFace = e.json().getAsJsonArray("enrolled").get(0).getAsJsonObject().get("faceId").getAsString();
        Answer two = http.postMultipart("/v1/subjects/Tony%20Blair/faces", List.of(
                Part.image(FACES.resolve("lfw_tony_blair_0091.png")), Part.image(FACES.resolve("lfw_tony_blair_0121.png"))));
        assertEquals(201, two.status(), two.raw().body());
        assertEquals(2, two.json().get("faces").getAsInt());

        Answer list = http.get("/v1/subjects");
        assertEquals(200, list.status());
        JsonArray subjects = list.json().getAsJsonArray("subjects");
        assertTrue(subjects.toString().contains("\"name\":\"Colin Powell\",\"faces\":1"), subjects.toString());
        assertEquals("teacher", list.json().getAsJsonObject("gallery").get("method").getAsString());

        // a masked photo of Colin Powell, never enrolled: named, with the aligned face the method saw
        Answer r = http.postMultipart("/v1/recognize?top=2&images=true", image(MASKED.resolve("lfw_colin_powell_0133_simple.png")));
        assertEquals(200, r.status(), r.raw().body());
        JsonObject face = r.json().getAsJsonArray("faces").get(0).getAsJsonObject();
        assertEquals("Colin Powell", face.getAsJsonObject("identity").get("subject").getAsString());
        assertTrue(face.get("masked").getAsBoolean());
        assertEquals(2, face.getAsJsonArray("matches").size());
        assertEquals(68, face.getAsJsonArray("landmarks68").size());
        String aligned = face.get("aligned").getAsString();
        assertTrue(aligned.startsWith("data:image/png;base64,"));
        var png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(aligned.substring(aligned.indexOf(',') + 1))));
        assertEquals(112, png.getWidth());
        assertTrue(face.get("deoccluded").isJsonNull(), "the teacher paints nothing over masks");
        assertTrue(r.json().has("deocclusion"));

        // the photo as the raw body works too
        Answer raw = http.post("/v1/recognize", "image/png", java.nio.file.Files.readAllBytes(FACES.resolve("lfw_tony_blair_0121.png")));
        assertEquals("Tony Blair", raw.json().getAsJsonArray("faces").get(0).getAsJsonObject()
                .getAsJsonObject("identity").get("subject").getAsString());

        List<Part> verifyColin = List.of(Part.image(MASKED.resolve("lfw_colin_powell_0133_simple.png")), Part.field("subject", "Colin Powell"));
        Answer v = http.postMultipart("/v1/verify", verifyColin);
        assertEquals(200, v.status(), v.raw().body());
        assertTrue(v.json().get("same").getAsBoolean());
        assertEquals(colinFace, v.json().get("faceId").getAsString());
        Answer vNot = http.postMultipart("/v1/verify?subject=Tony%20Blair", image(MASKED.resolve("lfw_colin_powell_0133_simple.png")));
        assertFalse(vNot.json().get("same").getAsBoolean(), vNot.raw().body());

        Answer detail = http.get("/v1/subjects/Tony%20Blair");
        assertEquals(2, detail.json().getAsJsonArray("faces").size());
        String tonyFace = detail.json().getAsJsonArray("faces").get(0).getAsJsonObject().get("faceId").getAsString();
        assertEquals(200, http.delete("/v1/subjects/Tony%20Blair/faces/" + tonyFace).status());
        assertEquals("unknown_face", http.delete("/v1/subjects/Tony%20Blair/faces/" + tonyFace).code());
        assertEquals(1, http.get("/v1/subjects/Tony%20Blair").json().getAsJsonArray("faces").size());

        Answer gone = http.delete("/v1/subjects/Tony%20Blair");
        assertEquals(200, gone.status());
        assertEquals(1, gone.json().get("removed").getAsInt());
        assertEquals("unknown_subject", http.delete("/v1/subjects/Tony%20Blair").code());
        assertEquals("unknown_subject", http.postMultipart("/v1/verify?subject=Tony%20Blair",
                image(FACES.resolve("lfw_tony_blair_0091.png"))).code());
        http.delete("/v1/subjects/Colin%20Powell");
    }

    @Test
    void enrolmentIsAllOrNothing() throws Exception {
        Answer a = http.postMultipart("/v1/subjects/Laura/faces", List.of(Part.image(FACES.resolve("lfw_laura_bush_0011.png")),
                Part.image(FACE_FREE)));
        assertEquals(422, a.status());
        assertEquals("no_face", a.code());
        assertTrue(a.message().contains("calla-4.png"), a.message());
        assertEquals("unknown_subject", http.get("/v1/subjects/Laura").code());
    }

    /** Every bad request gets a 4xx with a stable code and a message, and the server stays healthy. */
    @Test
    void badInputGetsAClearErrorAndLosesNothing() throws Exception {
        Answer kept = http.postMultipart("/v1/subjects/Keeper/faces", image(FACES.resolve("lfw_laura_bush_0011.png")));
        assertEquals(201, kept.status());
        byte[] tooBig = new byte[(int) MAX_BYTES + 1];
        new Random(1).nextBytes(tooBig);
        record Case(String what, Answer answer, int status, String code) {
        }
        List<Case> cases = List.of(
                new Case("corrupt JPEG", http.postMultipart("/v1/recognize", image(BAD.resolve("corrupt.jpg"))), 400, "bad_image"),
                new Case("truncated JPEG", http.postMultipart("/v1/recognize", image(BAD.resolve("truncated.jpg"))), 400, "bad_image"),
                new Case("truncated PNG", http.postMultipart("/v1/recognize", image(BAD.resolve("truncated.png"))), 400, "bad_image"),
                new Case("empty file", http.postMultipart("/v1/recognize", image(BAD.resolve("empty.jpg"))), 400, "bad_image"),
                new Case("text as image", http.postMultipart("/v1/recognize", image(BAD.resolve("text.jpg"))), 400, "bad_image"),
                new Case("20000x20000 header", http.postMultipart("/v1/recognize", image(BAD.resolve("huge.png"))), 400, "bad_image"),
                new Case("oversized body", http.post("/v1/recognize", "image/jpeg", tooBig), 413, "payload_too_large"),
                new Case("oversized multipart", http.postMultipart("/v1/recognize", List.of(new Part("image", "big.jpg", "image/jpeg", tooBig))), 413, "payload_too_large"),
                new Case("faceless photo", http.postMultipart("/v1/recognize", image(FACE_FREE)), 422, "no_face"),
                new Case("noise", http.postMultipart("/v1/verify?subject=Keeper", image(BAD.resolve("noise.png"))), 422, "no_face"),
                new Case("JSON body", http.post("/v1/recognize", "application/json", "{\"image\":\"x\"}".getBytes()), 415, "unsupported_media_type"),
                new Case("no content type", http.post("/v1/recognize", null, new byte[] {1, 2, 3}), 415, "unsupported_media_type"),
                new Case("multipart without image", http.postMultipart("/v1/recognize", List.of(Part.field("top", "3"))), 400, "missing_image"),
                new Case("two images to recognise", http.postMultipart("/v1/recognize", List.of(Part.image(FACE_FREE), Part.image(FACE_FREE))), 400, "bad_parameter"),
                new Case("top out of range", http.postMultipart("/v1/recognize?top=0", image(FACES.resolve("lfw_laura_bush_0021.png"))), 400, "bad_parameter"),
                new Case("images not a boolean", http.postMultipart("/v1/recognize?images=maybe", image(FACES.resolve("lfw_laura_bush_0021.png"))), 400, "bad_parameter"),
                new Case("verify without subject", http.postMultipart("/v1/verify", image(FACES.resolve("lfw_laura_bush_0021.png"))), 400, "invalid_subject"),
                new Case("control character in name", http.postMultipart("/v1/subjects/a%0Ab/faces", image(FACES.resolve("lfw_laura_bush_0021.png"))), 400, "invalid_subject"),
                new Case("unknown subject", http.get("/v1/subjects/Nobody"), 404, "unknown_subject"),
                new Case("missing key", http.withKey(null).get("/v1/subjects"), 401, "missing_api_key"),
                new Case("wrong key", http.withKey("guess").postMultipart("/v1/recognize", image(FACES.resolve("lfw_laura_bush_0021.png"))), 401, "invalid_api_key"),
                new Case("wrong key, delete", http.withKey("guess").delete("/v1/subjects/Keeper"), 401, "invalid_api_key"),
                new Case("unknown route", http.get("/v1/nothing"), 404, "not_found"),
                new Case("path traversal to a sample", http.get("/samples/..%2Fpom.xml"), 404, "not_found"));
        for (Case c : cases) {
            assertEquals(c.status(), c.answer().status(), c.what() + ": " + c.answer().raw().body());
            assertEquals(c.code(), c.answer().code(), c.what());
            assertEquals(c.status(), c.answer().json().getAsJsonObject("error").get("status").getAsInt(), c.what());
            assertTrue(c.answer().message().length() > 10, c.what() + ": message '" + c.answer().message() + "'");
        }
        // odd but valid images are answered normally
        for (String ok : List.of("gray.jpg", "cmyk.jpg", "gray16.png", "rgb16.png", "palette.png", "rgba.png", "anim.gif", "face.bmp", "face.pgm")) {
            Answer a = http.postMultipart("/v1/recognize", image(BAD.resolve(ok)));
            assertEquals(200, a.status(), ok + ": " + a.raw().body());
            assertEquals(1, a.json().getAsJsonArray("faces").size(), ok);
        }
        // nothing lost, still healthy and answering
        Answer health = http.withKey(null).get("/health");
        assertEquals(200, health.status());
        assertEquals("ok", health.json().get("status").getAsString());
        Answer still = http.postMultipart("/v1/verify?subject=Keeper", image(FACES.resolve("lfw_laura_bush_0021.png")));
        assertTrue(still.json().get("same").getAsBoolean(), still.raw().body());
        assertEquals(200, http.delete("/v1/subjects/Keeper").status());
    }

    @Test
    void servesPageSamplesAndDocumentation() throws Exception {
        Http anonymous = http.withKey(null);
        Answer samples = anonymous.get("/samples");
        assertEquals(4, samples.json().getAsJsonArray("samples").size(), samples.raw().body());
        assertEquals(200, anonymous.get("/samples/lfw_colin_powell_0133_simple.png").status());
        Answer page = anonymous.get("/");
        assertEquals(200, page.status());
        assertTrue(page.raw().body().toLowerCase().contains("<html") || page.raw().body().contains("<!doctype"), "page served");
        Answer doc = anonymous.get("/openapi.json");
        assertEquals("3.0.3", doc.json().get("openapi").getAsString());
        assertNotNull(doc.json().getAsJsonObject("paths").get("/v1/recognize"));
    }
}
