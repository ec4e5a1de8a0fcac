package org.maskface.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Biometric data a user was told is erased is gone from disk: after {@link Gallery#forget} the
 * index files hold no trace of the subject — read by a reader that ignores Lucene's deleted-docs
 * bitmap (every stored document, every term, every vector), and as raw bytes. And a failed write
 * leaves the gallery writable, by this process only.
 */
class GalleryErasureTest {

    private static final String FORGOTTEN = "Zelda Quist-Forgotten";
    private static final String KEPT = "Kept Person";

    @Test
    void aForgottenSubjectLeavesNoTraceInTheIndexFiles(@TempDir Path dir) throws Exception {
        Random r = new Random(5);
        List<float[]> forgottenVectors = new ArrayList<>();
        try (Gallery g = Gallery.open(dir, GalleryTest.TEACHER, Gallery.Access.READ_WRITE)) {
            for (int i = 0; i < 20; i++) { // many small commits: many segments, as a running server makes
                g.enroll(KEPT + " " + i, new Enrollment(GalleryTest.unit(r), "kept" + i + ".jpg", 0.0));
                if (i % 5 == 0) {
                    float[] v = GalleryTest.unit(r);
                    forgottenVectors.add(v);
                    g.enroll(FORGOTTEN, new Enrollment(v, "zelda-secret-" + i + ".jpg", 0.2));
                }
            }
            assertTrue(traces(dir, forgottenVectors).size() > 0, "the check sees the subject before forget");
            assertEquals(forgottenVectors.size(), g.forget(FORGOTTEN));
            assertEquals(List.of(), traces(dir, forgottenVectors));
            assertEquals(20, g.faceCount(), "the others stay");
        }
        assertEquals(List.of(), traces(dir, forgottenVectors), "after closing too");
    }

    @Test
    void aForgottenFaceLeavesNoTraceEither(@TempDir Path dir) throws Exception {
        Random r = new Random(6);
        float[] v = GalleryTest.unit(r);
        try (Gallery g = Gallery.open(dir, GalleryTest.TEACHER, Gallery.Access.READ_WRITE)) {
            String id = g.enroll(FORGOTTEN, new Enrollment(v, "zelda-secret.jpg", 0.0));
            g.enroll(FORGOTTEN, new Enrollment(GalleryTest.unit(r), "zelda-public.jpg", 0.0));
            g.enroll(KEPT, new Enrollment(GalleryTest.unit(r), "kept.jpg", 0.0));
            assertTrue(g.forgetFace(id));
            List<String> left = traces(dir, List.of(v)).stream().filter(t -> !t.startsWith("subject")
                    && !t.startsWith("raw name")).toList();
            assertEquals(List.of(), left, "the face's vector and source are gone; the subject's other face stays");
            assertEquals(1, g.faceCount(FORGOTTEN));
        }
    }

    @Test
    void aFailedWriteIsRolledBackAndTheNextWriteWorksWithTheLockStillHeld(@TempDir Path dir) throws Exception {
        Random r = new Random(7);
        try (Gallery g = Gallery.open(dir, GalleryTest.TEACHER, Gallery.Access.READ_WRITE)) {
            g.enroll(KEPT, new Enrollment(GalleryTest.unit(r), "kept.jpg", 0.0));
            // an interrupt in Lucene's file I/O closes its writer (what a cancelled server request did)
            Thread.currentThread().interrupt();
            GalleryException failed = assertThrows(GalleryException.class,
                    () -> g.enroll("Interrupted", new Enrollment(GalleryTest.unit(r), "x.jpg", 0.0)));
            assertTrue(Thread.interrupted(), "the interrupt was still pending");
            assertEquals(GalleryException.Reason.IO, failed.reason());
            assertTrue(g.writeProblem() != null);
            // another process (here: another opening) still cannot write
            assertEquals(GalleryException.Reason.LOCKED, assertThrows(GalleryException.class,
                    () -> Gallery.openExisting(dir, Gallery.Access.READ_WRITE).close()).reason());
            g.enroll("After", new Enrollment(GalleryTest.unit(r), "after.jpg", 0.0));
            assertEquals(null, g.writeProblem());
            assertEquals(0, g.faceCount("Interrupted"), "the failed enrolment was rolled back");
            assertEquals(1, g.forget(KEPT));
            assertEquals(1, g.faceCount());
        }
        try (Gallery g = Gallery.openExisting(dir, Gallery.Access.READ_ONLY)) {
            assertEquals(0, g.faceCount("Interrupted"), "nor committed later");
            assertEquals(1, g.faceCount("After"));
        }
    }

    @Test
    void aFullDiskFailsTheWriteCleanlyAndWritesWorkOnceThereIsSpaceAgain(@TempDir Path dir) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean full = new java.util.concurrent.atomic.AtomicBoolean();
        Random r = new Random(9);
        try (Gallery g = Gallery.open(dir, GalleryTest.TEACHER, Gallery.Access.READ_WRITE,
                Gallery.IndexingOptions.DEFAULT, d -> new DiskThatFills(d, full))) {
            g.enroll(KEPT, new Enrollment(GalleryTest.unit(r), "kept.jpg", 0.0));
            full.set(true);
            GalleryException e = assertThrows(GalleryException.class,
                    () -> g.enroll("Lost", new Enrollment(GalleryTest.unit(r), "lost.jpg", 0.0)));
            assertEquals(GalleryException.Reason.STORAGE_FULL, e.reason());
            assertTrue(e.getMessage().contains("the disk is full; nothing was written"), e.getMessage());
            assertTrue(g.writeProblem().contains("disk is full"));
            full.set(false); // space freed
            g.enroll("Later", new Enrollment(GalleryTest.unit(r), "later.jpg", 0.0));
            assertEquals(null, g.writeProblem());
            assertEquals(0, g.faceCount("Lost"));
            assertEquals(2, g.faceCount());
        }
        try (Gallery g = Gallery.openExisting(dir, Gallery.Access.READ_ONLY)) {
            assertEquals(0, g.faceCount("Lost"), "the failed enrolment was not committed later either");
            assertEquals(2, g.faceCount());
        }
    }

    /** A directory whose new files fail to be written while {@code full} is set, as on a full disk. */
    private static final class DiskThatFills extends org.apache.lucene.store.FilterDirectory {
        private final java.util.concurrent.atomic.AtomicBoolean full;

        DiskThatFills(org.apache.lucene.store.Directory in, java.util.concurrent.atomic.AtomicBoolean full) {
            super(in);
            this.full = full;
        }

        @Override
        public org.apache.lucene.store.IndexOutput createOutput(String name, org.apache.lucene.store.IOContext context)
                throws IOException {
            if (full.get()) {
                throw new IOException("No space left on device");
            }
            return super.createOutput(name, context);
        }

        @Override
        public org.apache.lucene.store.IndexOutput createTempOutput(String prefix, String suffix,
                org.apache.lucene.store.IOContext context) throws IOException {
            if (full.get()) {
                throw new IOException("No space left on device");
            }
            return super.createTempOutput(prefix, suffix, context);
        }
    }

    @Test
    void aGalleryFolderIsReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        Path g = dir.resolve("private");
        try (Gallery gallery = Gallery.open(g, GalleryTest.TEACHER, Gallery.Access.READ_WRITE)) {
            gallery.enroll(KEPT, new Enrollment(GalleryTest.unit(new Random(8)), "kept.jpg", 0.0));
        }
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(g)));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(g.resolve(GalleryInfo.FILE))));
        // an older gallery left open to others is made private when it is next opened for writing
        Files.setPosixFilePermissions(g, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Gallery.open(g, GalleryTest.TEACHER, Gallery.Access.READ_WRITE).close();
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(g)));
    }

    /** Every trace of the forgotten subject in the index files, read past the deleted-docs bitmap. */
    static List<String> traces(Path galleryDir, List<float[]> vectors) throws IOException {
        List<String> found = new ArrayList<>();
        try (FSDirectory d = FSDirectory.open(galleryDir.resolve("index"));
             DirectoryReader reader = DirectoryReader.open(d)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                var stored = leaf.reader().storedFields();
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) { // deleted documents included
                    var document = stored.document(doc);
                    if (FORGOTTEN.equals(document.get(Gallery.SUBJECT))) {
                        found.add("subject of stored document " + doc + " in segment " + leaf.ord);
                    }
                    String source = document.get(Gallery.SOURCE);
                    if (source != null && source.startsWith("zelda-secret")) {
                        found.add("source " + source + " in segment " + leaf.ord);
                    }
                }
                Terms terms = leaf.reader().terms(Gallery.SUBJECT);
                if (terms != null) {
                    TermsEnum te = terms.iterator();
                    if (te.seekExact(new BytesRef(FORGOTTEN))) {
                        found.add("subject term in segment " + leaf.ord);
                    }
                }
                FloatVectorValues values = leaf.reader().getFloatVectorValues(Gallery.VECTOR);
                if (values != null) {
                    while (values.nextDoc() != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) {
                        float[] v = values.vectorValue(); // live or deleted alike
                        for (float[] gone : vectors) {
                            if (Arrays.equals(v, gone)) {
                                found.add("vector in segment " + leaf.ord);
                            }
                        }
                    }
                }
            }
        }
        byte[] name = FORGOTTEN.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(galleryDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(f), name) >= 0) {
                    found.add("raw name bytes in " + galleryDir.relativize(f));
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
