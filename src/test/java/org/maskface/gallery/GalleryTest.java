package org.maskface.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.maskface.face.embed.FaceEmbedder;
import org.junit.jupiter.api.io.TempDir;

class GalleryTest {

    static final GalleryInfo TEACHER = GalleryInfo.of("teacher", "faceapi-dlib-resnet128@1.7.15", 8,
            Map.of("detector", "faceapi-ssd-mobilenetv1@1.7.15"));

    @TempDir
    Path tmp;

    static float[] unit(Random r) {
        float[] v = new float[8];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return FaceEmbedder.normalize(v);
    }

    /** {@code centre} moved a little: another photo of the same person. */
    static float[] near(float[] centre, Random r, double noise) {
        float[] v = centre.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += (float) (noise * r.nextGaussian());
        }
        return FaceEmbedder.normalize(v);
    }

    @Test
    void enrollsIdentifiesVerifiesListsAndForgets() {
        Random r = new Random(7);
        float[] ann = unit(r);
        float[] bob = unit(r);
        Path dir = tmp.resolve("g");
        try (Gallery g = Gallery.open(dir, TEACHER, Gallery.Access.READ_WRITE)) {
            List<String> ids = g.enroll("Ann", List.of(new Enrollment(near(ann, r, 0.05), "ann1.jpg", 0.0),
                    new Enrollment(near(ann, r, 0.05), "ann2.jpg", 0.3)));
            float[] bobFace = near(bob, r, 0.05);
            g.enroll(" Bob ", new Enrollment(bobFace, "bob.jpg", Double.NaN));
            assertEquals(2, ids.size());
            assertEquals(3, g.faceCount());
            assertEquals(List.of(new Subject("Ann", 2), new Subject("Bob", 1)), g.subjects());

            List<Match> top = g.identify(near(ann, r, 0.05), 2);
            assertEquals("Ann", top.get(0).subject());
            assertTrue(ids.contains(top.get(0).faceId()));
            assertEquals("Bob", top.get(1).subject());
            assertTrue(top.get(0).similarity() > 0.9 && top.get(0).similarity() <= 1.0 + 1e-6);
            assertTrue(top.get(1).similarity() < top.get(0).similarity());
            assertEquals(1, g.identify(ann, 1).size());

            float[] probe = near(bob, r, 0.05);
            Match vb = g.verify(probe, "Bob");
            assertEquals(FaceEmbedder.similarity(probe, bobFace), vb.similarity(), 1e-5);
            assertTrue(g.verify(probe, "Ann").similarity() < vb.similarity());
            GalleryException unknown = assertThrows(GalleryException.class, () -> g.verify(probe, "Carol"));
            assertEquals(GalleryException.Reason.NOT_FOUND, unknown.reason());

            assertEquals(List.of("ann1.jpg", "ann2.jpg"), g.faces("Ann").stream().map(EnrolledFace::source).toList());
            assertEquals(0.3, g.faces("Ann").get(1).occlusion(), 1e-9);
            assertTrue(Double.isNaN(g.faces("Bob").get(0).occlusion()));

            assertTrue(g.forgetFace(ids.get(0)));
            assertFalse(g.forgetFace(ids.get(0)));
            assertEquals(1, g.faces("Ann").size());
            assertEquals(1, g.forget("Ann"));
            assertEquals(0, g.forget("Ann"));
            assertEquals(List.of(new Subject("Bob", 1)), g.subjects());
            assertEquals("Bob", g.identify(ann, 3).get(0).subject());
        }
        // persisted: reopened read-only, the same content
        try (Gallery g = Gallery.open(dir, TEACHER, Gallery.Access.READ_ONLY)) {
            assertEquals(List.of(new Subject("Bob", 1)), g.subjects());
            assertThrows(IllegalStateException.class, () -> g.forget("Bob"));
        }
    }

    @Test
    void refusesAnotherEmbeddingSpace() {
        Path dir = tmp.resolve("g");
        Gallery.open(dir, TEACHER, Gallery.Access.READ_WRITE).close();
        GalleryInfo other = GalleryInfo.of("g2d", "maskface-g2d@1", 8, Map.of());
        GalleryException e = assertThrows(GalleryException.class, () -> Gallery.open(dir, other, Gallery.Access.READ_WRITE));
        assertEquals(GalleryException.Reason.MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("method 'teacher' (asked: 'g2d')"), e.getMessage());
        GalleryInfo wider = GalleryInfo.of("teacher", TEACHER.model(), 16, Map.of());
        assertTrue(assertThrows(GalleryException.class, () -> Gallery.open(dir, wider, Gallery.Access.READ_ONLY))
                .getMessage().contains("dimension 8 (asked: 16)"));
        // the front end may change without breaking the gallery; it is recorded, not enforced
        try (Gallery g = Gallery.open(dir, GalleryInfo.of("teacher", TEACHER.model(), 8, Map.of()), Gallery.Access.READ_ONLY)) {
            assertEquals(TEACHER.frontEnd(), g.info().frontEnd());
        }
    }

    @Test
    void invisibleAndLookAlikeNamesAreRefusedAndOneNameTypedTwoWaysIsOneSubject() throws Exception {
        for (String bad : new String[] {"\u200b", "\u00a0", "Ann\u200b Lee", "\u202eeeL nnA", "Ann\u00a0Lee",
            "Ann\u2028Lee", "\ue000", "--", "\u200e\u200f"}) {
            GalleryException e = assertThrows(GalleryException.class, () -> Gallery.subjectName(bad), bad);
            assertEquals(GalleryException.Reason.INVALID, e.reason(), bad);
        }
        // "é" as one code point and as e + combining accent: NFC makes them one name
        assertEquals("Ren\u00e9 Lee", Gallery.subjectName("Rene\u0301 Lee"));
        assertEquals("Ann Lee", Gallery.subjectName("  Ann Lee "));
        assertEquals("O'Brien-Smith Jr. 2", Gallery.subjectName("O'Brien-Smith Jr. 2"));
        assertEquals("\u674e\u5c0f\u9f99", Gallery.subjectName("\u674e\u5c0f\u9f99"));
    }

    @Test
    void refusesBadNamesVectorsAndFolders() throws Exception {
        try (Gallery g = Gallery.open(tmp.resolve("g"), TEACHER, Gallery.Access.READ_WRITE)) {
            for (String bad : new String[] {"", "  ", "a\nb", "x".repeat(Gallery.MAX_NAME_LENGTH + 1)}) {
                assertEquals(GalleryException.Reason.INVALID, assertThrows(GalleryException.class,
                        () -> g.enroll(bad, new Enrollment(unit(new Random(1)), "", 0))).reason());
            }
            assertEquals(GalleryException.Reason.INVALID, assertThrows(GalleryException.class,
                    () -> g.enroll("Ann", new Enrollment(new float[4], "", 0))).reason());
            float[] nan = unit(new Random(1));
            nan[3] = Float.NaN;
            assertEquals(GalleryException.Reason.INVALID, assertThrows(GalleryException.class,
                    () -> g.identify(nan, 1)).reason());
            assertEquals(0, g.faceCount());
            assertEquals(List.of(), g.identify(unit(new Random(2)), 3));
            // one writer per gallery: a second one is refused with the reason
            assertEquals(GalleryException.Reason.LOCKED, assertThrows(GalleryException.class,
                    () -> Gallery.open(tmp.resolve("g"), TEACHER, Gallery.Access.READ_WRITE)).reason());
        }
        Path other = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(other.resolve("a.txt"), "not a gallery");
        assertEquals(GalleryException.Reason.CORRUPT, assertThrows(GalleryException.class,
                () -> Gallery.open(other, TEACHER, Gallery.Access.READ_WRITE)).reason());
        assertEquals(GalleryException.Reason.NOT_FOUND, assertThrows(GalleryException.class,
                () -> Gallery.open(tmp.resolve("none"), TEACHER, Gallery.Access.READ_ONLY)).reason());
        Files.writeString(Files.createDirectories(tmp.resolve("broken")).resolve(GalleryInfo.FILE), "{oops");
        assertEquals(GalleryException.Reason.CORRUPT, assertThrows(GalleryException.class,
                () -> Gallery.open(tmp.resolve("broken"), TEACHER, Gallery.Access.READ_WRITE)).reason());
    }
}
