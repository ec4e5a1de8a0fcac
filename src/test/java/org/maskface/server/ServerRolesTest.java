package org.maskface.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.model.ModelHub;
import org.maskface.server.Http.Answer;
import org.maskface.server.Http.Part;

/** Keys with roles: a read key recognises and lists, only write and admin keys enrol and forget. */
class ServerRolesTest {

    static final String READ = "read-key-0123456789";
    static final String WRITE = "write-key-0123456789";
    static final String ADMIN = "admin-key-0123456789";
    static final Path FACE = Path.of("samples/faces/lfw_colin_powell_0095.png");

    @Test
    void eachKeyMayDoWhatItsRoleAllows(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "# role key label\nread " + READ + " the front desk\nwrite " + WRITE + "\n\nadmin "
                + ADMIN + " ops\n");
        try (ModelHub hub = ModelHub.openDefault();
             MaskfaceServer server = MaskfaceServer.builder().setModels(hub).setGallery(dir.resolve("g"))
                     .setApiKeys(ApiKeys.load(file)).optPort(0).optWorkers(1).start()) {
            Http reader = new Http(server.localUrl(), READ);
            Http writer = new Http(server.localUrl(), WRITE);
            Http admin = new Http(server.localUrl(), ADMIN);
            Answer refused = reader.postMultipart("/v1/subjects/Colin%20Powell/faces", List.of(Part.image(FACE)));
            assertEquals(403, refused.status(), refused.raw().body());
            assertEquals("forbidden", refused.code());
            assertEquals(201, writer.postMultipart("/v1/subjects/Colin%20Powell/faces", List.of(Part.image(FACE))).status());
            assertEquals(200, reader.get("/v1/subjects").status());
            assertEquals(200, reader.get("/v1/subjects/Colin%20Powell").status());
            assertEquals(200, reader.postMultipart("/v1/recognize", List.of(Part.image(FACE))).status());
            assertEquals(403, reader.delete("/v1/subjects/Colin%20Powell").status(), "a read key cannot erase anyone");
            assertEquals(200, reader.get("/v1/subjects/Colin%20Powell").status());
            assertEquals(200, admin.delete("/v1/subjects/Colin%20Powell").status());
            assertEquals(401, new Http(server.localUrl(), "not-a-key-0123456789").get("/v1/subjects").status());
        }
    }

    @Test
    void keyFilesAreCheckedLineByLine(@TempDir Path dir) throws Exception {
        for (String[] bad : new String[][] {
            {"reader " + READ, "role must be read, write or admin"},
            {"read short", "at least 16 characters"},
            {"read", "expected 'ROLE KEY [LABEL]'"},
            {"read " + READ + "\nwrite " + READ, "the same key is listed twice"},
            {"# only a comment", "lists no key"}}) {
            Path f = dir.resolve("k" + bad[0].hashCode());
            Files.writeString(f, bad[0]);
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> ApiKeys.load(f));
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
        ApiKeys keys = ApiKeys.single(ADMIN);
        assertEquals(ApiKeys.Role.ADMIN, keys.roleOf(ADMIN).orElseThrow());
        assertFalse(keys.roleOf(ADMIN + "x").isPresent());
        assertFalse(keys.roleOf(null).isPresent());
        assertTrue(ApiKeys.Role.WRITE.allows(ApiKeys.Role.READ) && !ApiKeys.Role.READ.allows(ApiKeys.Role.WRITE));
    }
}
