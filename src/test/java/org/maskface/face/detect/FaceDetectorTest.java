package org.maskface.face.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelHub;

/**
 * The search: tight crops the SSD misses are found on replicate-padded copies; weak boxes are a
 * last resort, taken only from padded passes and only one.
 */
class FaceDetectorTest {

    private static final FaceDetector.Search ROBUST = FaceDetector.Search.ROBUST;

    /** A box finder that answers by pass (told apart by the searched image's width) and counts calls. */
    private static final class Scripted implements Function<RgbImage, List<FaceBox>> {
        final Map<Integer, List<FaceBox>> byWidth = new HashMap<>();
        final List<Integer> asked = new ArrayList<>();

        Scripted on(int width, FaceBox... boxes) {
            byWidth.put(width, List.of(boxes));
            return this;
        }

        @Override
        public List<FaceBox> apply(RgbImage searched) {
            asked.add(searched.width());
            return byWidth.getOrDefault(searched.width(), List.of());
        }
    }

    private static final RgbImage SQUARE_100 = new RgbImage(100, 100, new byte[100 * 100 * 3]);

    @Test
    void aConfidentBoxEndsTheSearchAndIsMappedBackFromThePaddedCopy() {
        // passes: plain 100 px, padded by 33 (166 px), 60 (220 px), 100 (300 px)
        Scripted ssd = new Scripted().on(166, new FaceBox(50, 40, 60, 70, 0.8));
        List<FaceDetector.Found> found = FaceDetector.find(SQUARE_100, ROBUST, ssd);
        assertEquals(List.of(100, 166), ssd.asked, "no pass after the confident one");
        assertEquals(1, found.size());
        assertEquals(33, found.get(0).offset());
        assertEquals(17, found.get(0).box().x(), 1e-9);
        assertEquals(7, found.get(0).box().y(), 1e-9);
    }

    @Test
    void withoutConfidentBoxesTheBestWeakBoxOfThePaddedPassesIsTheOnlyFace() {
        Scripted ssd = new Scripted()
                .on(100, new FaceBox(10, 10, 50, 50, 0.45))      // plain pass: never taken when weak
                .on(166, new FaceBox(40, 40, 80, 80, 0.30))
                .on(220, new FaceBox(70, 70, 80, 80, 0.40), new FaceBox(0, 0, 30, 30, 0.26))
                .on(300, new FaceBox(100, 100, 100, 100, 0.20)); // below the weak threshold
        List<FaceDetector.Found> found = FaceDetector.find(SQUARE_100, ROBUST, ssd);
        assertEquals(List.of(100, 166, 220, 300), ssd.asked);
        assertEquals(1, found.size());
        assertEquals(0.40, found.get(0).box().score(), 1e-9);
        assertEquals(60, found.get(0).offset());
        assertEquals(10, found.get(0).box().x(), 1e-9);
    }

    @Test
    void weakBoxesOfThePlainPassAloneAreNoFace() {
        Scripted ssd = new Scripted().on(100, new FaceBox(10, 10, 50, 50, 0.49));
        assertTrue(FaceDetector.find(SQUARE_100, ROBUST, ssd).isEmpty());
        assertTrue(FaceDetector.find(SQUARE_100, ROBUST, new Scripted()).isEmpty());
    }

    @Test
    void confidentBoxesOfOnePassAreAllKeptLargestFirst() {
        Scripted ssd = new Scripted().on(100, new FaceBox(0, 0, 20, 20, 0.9), new FaceBox(30, 30, 60, 60, 0.6),
                new FaceBox(5, 60, 30, 30, 0.3));
        List<FaceDetector.Found> found = FaceDetector.find(SQUARE_100, ROBUST, ssd);
        assertEquals(2, found.size(), "the weak box beside confident ones is dropped");
        assertEquals(60, found.get(0).box().width(), 1e-9);
        assertEquals(List.of(100), ssd.asked);
    }

    @Test
    void weakBoxesLyingMostlyInThePaddingAreNotTaken() {
        // the 166 px pass has a 33 px border
        Scripted edge = new Scripted().on(166, new FaceBox(100, 90, 40, 40, 0.40));  // (67..107, 57..97): 82 % inside
        assertEquals(1, FaceDetector.find(SQUARE_100, ROBUST, edge).size());
        Scripted corner = new Scripted().on(166, new FaceBox(120, 0, 40, 40, 0.40)); // 13 of 40 columns, 7 of 40 rows inside
        assertTrue(FaceDetector.find(SQUARE_100, ROBUST, corner).isEmpty());
        // confident boxes keep their clipped part (tight crops: the face may overrun the photo)
        Scripted confident = new Scripted().on(166, new FaceBox(120, 0, 40, 40, 0.90));
        assertEquals(1, FaceDetector.find(SQUARE_100, ROBUST, confident).size());
    }

    @Test
    void boxesOnlyInThePaddingAreDropped() {
        Scripted ssd = new Scripted().on(166, new FaceBox(0, 0, 30, 30, 0.9)); // wholly in the 33 px border
        assertTrue(FaceDetector.find(SQUARE_100, ROBUST, ssd).isEmpty());
    }

    @Test
    void aLargePhotoIsPaddedAtAReducedSizeAndItsBoxMapsBackToFullSize() {
        // 6000 px padded by 1.0 would be an 18000 px canvas (970 MB); the network sees 512 px anyway
        RgbImage large = new RgbImage(6000, 4000, new byte[6000 * 4000 * 3]);
        Scripted ssd = new Scripted();
        List<Integer> heights = new ArrayList<>();
        FaceDetector.find(large, ROBUST, img -> {
            heights.add(img.height());
            return ssd.apply(img);
        });
        assertEquals(6000, ssd.asked.get(0), "the plain pass sees the photo itself");
        for (int i = 1; i < ssd.asked.size(); i++) {
            assertTrue(ssd.asked.get(i) <= FaceDetector.MAX_PADDED_SIDE + 1 && heights.get(i) <= FaceDetector.MAX_PADDED_SIDE + 1,
                    "padded canvas " + ssd.asked.get(i) + "x" + heights.get(i));
        }
        // pass 3 pads by 6000: canvas 18000 -> 2048, scale 2048/18000; pad 6000 -> 683 px
        double scale = FaceDetector.MAX_PADDED_SIDE / 18000.0;
        int[] call = {0};
        FaceBox inCanvas = new FaceBox(683 + 100 * scale, 683 + 200 * scale, 300 * scale, 400 * scale, 0.9);
        List<FaceDetector.Found> hit = FaceDetector.find(large, ROBUST,
                img -> call[0]++ == 3 ? List.of(inCanvas) : List.of());
        assertEquals(1, hit.size());
        FaceBox box = hit.get(0).box();
        assertEquals(100, box.x(), 0.2);
        assertEquals(200, box.y(), 0.2);
        assertEquals(300, box.width(), 0.2);
        assertEquals(6000, hit.get(0).padding(), 1 / scale); // the pad is whole pixels of the shrunk canvas
        FaceBox back = hit.get(0).boxInSearched();
        assertEquals(683 + 100 * scale, back.x(), 0.2);
    }

    @Test
    void aDegenerateStripIsSearchedWithoutOverflowing() {
        // 100000 x 1 padded by 1.0 in full would need 300000 x 200001 x 3 bytes: more than an array holds
        RgbImage strip = new RgbImage(100000, 1, new byte[100000 * 3]);
        Scripted ssd = new Scripted();
        assertTrue(FaceDetector.find(strip, ROBUST, ssd).isEmpty());
        assertEquals(4, ssd.asked.size());
        assertThrows(IllegalArgumentException.class, () -> strip.padReplicate(100000, 100000, 100000, 100000));
    }

    @Test
    void searchSettingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new FaceDetector.Search(0.5, 0.6));
        assertThrows(IllegalArgumentException.class, () -> new FaceDetector.Search(0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new FaceDetector.Search(0.5, 0.3, -0.1));
        assertEquals(3, ROBUST.paddings().length);
        ROBUST.paddings()[0] = 9; // a copy: the shared setting cannot be changed
        assertEquals(0.33, ROBUST.paddings()[0]);
    }

    @Test
    void aTightCropIsFoundOnlyAfterPaddingAndItsBoxMapsBackIntoTheImage() throws Exception {
        RgbImage tight = ImageLoader.load(Path.of("src/test/resources/badinput/face.jpg")); // LFW 150x150 crop
        try (ModelHub hub = ModelHub.openDefault();
             FaceDetector noRetry = new FaceDetector(hub, FaceDetector.Search.PLAIN);
             FaceDetector withRetry = new FaceDetector(hub, FaceDetector.Search.PADDED_ONCE)) {
            assertTrue(noRetry.detect(tight).isEmpty(), "the plain SSD should miss this tight crop");
            List<FaceDetector.Found> found = withRetry.find(tight);
            assertEquals(1, found.size());
            FaceDetector.Found f = found.get(0);
            int pad = (int) Math.round(FaceDetector.Search.PADDED_ONCE.paddings()[0] * 150);
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
