package org.maskface.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.maskface.face.Face;
import org.maskface.face.FacePipeline;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelHub;

class PhotoMaskerTest {

    @Test
    void onlyOccludedPhotoPixelsChangeAndTheAreaFollowsTheCropCoverage() throws Exception {
        RgbImage photo = ImageLoader.load(Path.of("samples/faces/yale_subject01_glasses.png"));
        try (ModelHub hub = ModelHub.openDefault(); FacePipeline pipeline = new FacePipeline(hub)) {
            Face face = pipeline.largestFace(photo);
            PhotoMasker.MaskedPhoto a = PhotoMasker.mask(photo, face, MaskCategory.SIMPLE, 42);
            PhotoMasker.MaskedPhoto b = PhotoMasker.mask(photo, face, MaskCategory.SIMPLE, 42);
            assertArrayEquals(a.image().data(), b.image().data(), "same seed, same photo");

            byte[] before = photo.data();
            byte[] after = a.image().data();
            int occluded = 0;
            int changedOutside = 0;
            for (int i = 0; i < a.occlusion().length; i++) {
                boolean changed = before[3 * i] != after[3 * i] || before[3 * i + 1] != after[3 * i + 1]
                        || before[3 * i + 2] != after[3 * i + 2];
                if (a.occlusion()[i]) {
                    occluded++;
                } else if (changed) {
                    changedOutside++; // only anti-aliased rims (alpha < 0.5) may change outside the map
                }
            }
            double scale = 1 / face.aligned().imageToCrop().scale(); // photo px per crop px
            double expected = a.onCrop().coverage() * 112 * 112 * scale * scale;
            assertTrue(occluded > 0.8 * expected && occluded < 1.2 * expected,
                    "occluded " + occluded + " px, expected about " + expected);
            assertTrue(changedOutside < 0.15 * occluded, changedOutside + " changed pixels outside the map");
            assertEquals(photo.width() * photo.height(), a.occlusion().length);
        }
    }
}
