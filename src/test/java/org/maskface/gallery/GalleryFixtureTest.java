package org.maskface.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.image.ImageLoader;
import org.maskface.model.ModelHub;

/** A gallery written by maskface 0.1.0 (src/test/resources/gallery) still opens and answers. */
class GalleryFixtureTest {

    static final Path FIXTURE = Path.of("src/test/resources/gallery/teacher-v1");

    @Test
    void galleryOfVersion1OpensAndNamesMaskedFaces(@TempDir Path tmp) throws Exception {
        Path dir = copy(FIXTURE, tmp.resolve("g")); // opening for writing must not touch the fixture
        try (ModelHub hub = ModelHub.openDefault(); Recognizer recognizer = new Recognizer(hub, "teacher");
             Gallery g = Gallery.open(dir, recognizer.galleryInfo(), Gallery.Access.READ_WRITE)) {
            GalleryInfo info = g.info();
            assertEquals("maskface-gallery/1", info.format());
            assertEquals("maskface 0.1.0", info.createdBy());
            assertEquals("faceapi-ssd-mobilenetv1@1.7.15", info.frontEnd().get("detector"));
            assertEquals(List.of(new Subject("Colin Powell", 1), new Subject("George W Bush", 1),
                    new Subject("Laura Bush", 1), new Subject("Tony Blair", 1)), g.subjects());
            EnrolledFace colin = g.faces("Colin Powell").get(0);
            assertEquals("44c88513-cc35-4489-b82c-a6766a57b2b2", colin.faceId());
            assertEquals("lfw_colin_powell_0095.png", colin.source());

            for (String[] probe : new String[][] {{"lfw_colin_powell_0133_simple.png", "Colin Powell"},
                {"lfw_george_w_bush_0150_complex.png", "George W Bush"}, {"lfw_laura_bush_0021_body.png", "Laura Bush"}}) {
                var faces = recognizer.recognize(ImageLoader.load(Path.of("samples/masked", probe[0])), g, 1);
                assertEquals(probe[1], faces.get(0).identity().subject(), probe[0]);
            }
            // still writable: the new face joins the old ones
            recognizer.enroll(g, "Colin Powell", ImageLoader.load(Path.of("samples/faces/lfw_colin_powell_0133.png")), "new");
            assertEquals(2, g.faces("Colin Powell").size());
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
