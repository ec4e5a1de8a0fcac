package org.maskface.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gallery's bulk-load additions: enrollAll, IndexingOptions, forceMerge and segmentCount. */
class GalleryBulkLoadTest {

    private static final GalleryInfo INFO = GalleryInfo.of("teacher", "test-model@1", 4, Map.of());

    private static Enrollment face(float... v) {
        return new Enrollment(v, "test", Double.NaN);
    }

    @Test
    void enrollAllAddsManySubjectsInOneDurableCommit(@TempDir Path dir) {
        List<String> ids;
        try (Gallery g = Gallery.open(dir, INFO, Gallery.Access.READ_WRITE)) {
            ids = g.enrollAll(List.of(
                    Map.entry("alice", face(1, 0, 0, 0)),
                    Map.entry("bob", face(0, 1, 0, 0)),
                    Map.entry(" alice ", face(0.9f, 0.1f, 0, 0)), // names are trimmed as enroll trims them
                    Map.entry("carol", face(0, 0, 1, 0))));
        }
        assertEquals(4, ids.size());
        assertEquals(4, new HashSet<>(ids).size());
        try (Gallery g = Gallery.open(dir, INFO, Gallery.Access.READ_ONLY)) {
            assertEquals(4, g.faceCount());
            assertEquals(List.of(new Subject("alice", 2), new Subject("bob", 1), new Subject("carol", 1)), g.subjects());
            List<Match> top = g.identify(new float[] {0.1f, 0.95f, 0.05f, 0}, 2);
            assertEquals("bob", top.get(0).subject());
            assertEquals(ids.get(1), top.get(0).faceId());
            assertEquals(2, top.size());
        }
    }

    @Test
    void aBadNameOrVectorRejectsTheWholeBatch(@TempDir Path dir) {
        try (Gallery g = Gallery.open(dir, INFO, Gallery.Access.READ_WRITE)) {
            GalleryException badName = assertThrows(GalleryException.class, () -> g.enrollAll(List.of(
                    Map.entry("alice", face(1, 0, 0, 0)), Map.entry("  ", face(0, 1, 0, 0)))));
            assertEquals(GalleryException.Reason.INVALID, badName.reason());
            GalleryException badVector = assertThrows(GalleryException.class, () -> g.enrollAll(List.of(
                    Map.entry("alice", face(1, 0, 0, 0)), Map.entry("bob", face(0, 1, 0)))));
            assertEquals(GalleryException.Reason.INVALID, badVector.reason());
            // the next commit must not carry faces of a rejected batch along
            g.enroll("dave", face(0, 0, 0, 1));
            assertEquals(1, g.faceCount());
            assertEquals(List.of(new Subject("dave", 1)), g.subjects());
        }
    }

    @Test
    void serialMergesAndForceMergeLeaveTheFacesAlone(@TempDir Path dir) {
        Gallery.IndexingOptions bulk = new Gallery.IndexingOptions(64, true);
        try (Gallery g = Gallery.open(dir, INFO, Gallery.Access.READ_WRITE, bulk)) {
            g.enroll("alice", List.of(face(1, 0, 0, 0), face(0.9f, 0.1f, 0, 0)));
            g.enrollAll(List.of(Map.entry("bob", face(0, 1, 0, 0))));
            g.enrollAll(List.of(Map.entry("carol", face(0, 0, 1, 0))));
            assertEquals(3, g.segmentCount()); // one per commit; too small for the merge policy to merge
            g.forceMerge(1);
            assertEquals(1, g.segmentCount());
            assertEquals(4, g.faceCount());
            assertEquals("carol", g.identify(new float[] {0, 0, 1, 0}, 1).get(0).subject());
        }
        assertThrows(IllegalArgumentException.class, () -> new Gallery.IndexingOptions(0, false));
    }
}
