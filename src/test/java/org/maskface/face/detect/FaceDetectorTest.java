package org.maskface.face.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelHub;

/** The padded retry: tight crops the SSD misses are found on a replicate-padded copy. */
class FaceDetectorTest {

    @Test
    void aTightCropIsFoundOnlyAfterPaddingAndItsBoxMapsBackIntoTheImage() throws Exception {
        RgbImage tight = ImageLoader.load(Path.of("src/test/resources/badinput/face.jpg")); // LFW 150x150 crop
        try (ModelHub hub = ModelHub.openDefault();
             FaceDetector noRetry = new FaceDetector(hub, 0.5, 0);
             FaceDetector withRetry = new FaceDetector(hub)) {
            assertTrue(noRetry.detect(tight).isEmpty(), "the plain SSD should miss this tight crop");
            List<FaceDetector.Found> found = withRetry.find(tight);
            assertEquals(1, found.size());
            FaceDetector.Found f = found.get(0);
            int pad = (int) Math.round(FaceDetector.DEFAULT_RETRY_PADDING * 150);
            assertEquals(pad, f.offset());
            assertEquals(150 + 2 * pad, f.searched().width());
            FaceBox box = f.box();
            assertTrue(box.x() >= 0 && box.y() >= 0 && box.right() <= 150 && box.bottom() <= 150, box.toString());
            assertTrue(box.width() > 60 && box.height() > 60, "a face filling most of the crop: " + box);
            // the same face, seen in the searched (padded) image
            assertEquals(box.x() + pad, f.boxInSearched().x(), 1e-9);
        }
    }

    @Test
    void aFaceWithContextIsFoundWithoutTheRetry() throws Exception {
        RgbImage photo = ImageLoader.load(Path.of("samples/faces/yale_subject01_glasses.png"));
        try (ModelHub hub = ModelHub.openDefault(); FaceDetector detector = new FaceDetector(hub)) {
            List<FaceDetector.Found> found = detector.find(photo);
            assertEquals(1, found.size());
            assertEquals(0, found.get(0).offset());
        }
    }
}
