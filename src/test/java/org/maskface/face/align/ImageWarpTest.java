package org.maskface.face.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.maskface.image.RgbImage;

class ImageWarpTest {

    static RgbImage randomImage(int w, int h, long seed) {
        byte[] rgb = new byte[w * h * 3];
        new Random(seed).nextBytes(rgb);
        return new RgbImage(w, h, rgb);
    }

    /** A 1-row image with the given red values (green, blue = 0). */
    static RgbImage row(int... red) {
        byte[] rgb = new byte[red.length * 3];
        for (int i = 0; i < red.length; i++) {
            rgb[i * 3] = (byte) red[i];
        }
        return new RgbImage(red.length, 1, rgb);
    }

    static int[] reds(RgbImage img) {
        int[] r = new int[img.width()];
        for (int x = 0; x < r.length; x++) {
            r[x] = img.get(x, 0, 0);
        }
        return r;
    }

    @Test
    void identityReproducesTheImage() {
        RgbImage img = randomImage(73, 41, 1);
        assertArrayEquals(img.data(), ImageWarp.warp(img, Affine2D.IDENTITY, 73, 41).data());
        assertArrayEquals(img.data(), ImageWarp.warp(img, SimilarityTransform.IDENTITY, 73, 41).data());
    }

    @Test
    void integerTranslationShiftsAndReplicatesTheBorder() {
        RgbImage img = randomImage(20, 10, 2);
        RgbImage out = ImageWarp.warp(img, Affine2D.translation(-3, 2), 20, 10);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                int sx = Math.min(x + 3, 19);     // right edge replicated
                int sy = Math.max(y - 2, 0);      // top edge replicated
                for (int c = 0; c < 3; c++) {
                    assertEquals(img.get(sx, sy, c), out.get(x, y, c), "pixel " + x + "," + y);
                }
            }
        }
    }

    @Test
    void pixelCentresSitAtIntegerCoordinates() {
        // shifting right by half a pixel: output x samples source x − 0.5, the mean of x−1 and x
        assertArrayEquals(new int[] {10, 15, 60, 150}, reds(ImageWarp.warp(row(10, 20, 100, 200), Affine2D.translation(0.5, 0), 4, 1)));
        // doubling about the origin (the centre of pixel 0, as in OpenCV): x samples x/2
        assertArrayEquals(new int[] {0, 50, 100, 150, 200, 200},
                reds(ImageWarp.warp(row(0, 100, 200), Affine2D.scaling(2, 1), 6, 1)));
    }

    @Test
    void farOutsideSamplesTheNearestEdge() {
        RgbImage img = row(7, 9);
        assertArrayEquals(new int[] {7, 7}, reds(ImageWarp.warpInverse(img, Affine2D.translation(-1e9, 0), 2, 1)));
        assertArrayEquals(new int[] {9, 9}, reds(ImageWarp.warpInverse(img, Affine2D.translation(1e12, 0), 2, 1)));
    }

    @Test
    void warpingThereAndBackIsCloseToTheOriginal() {
        // smooth image, so bilinear resampling twice loses little
        int w = 120;
        int h = 100;
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                rgb[(y * w + x) * 3] = (byte) (128 + 100 * Math.sin(x / 9.0) * Math.cos(y / 7.0));
            }
        }
        RgbImage img = new RgbImage(w, h, rgb);
        SimilarityTransform t = SimilarityTransform.of(1.3, 17, 30, -20);
        RgbImage back = ImageWarp.warp(ImageWarp.warp(img, t, 300, 300), t.inverse(), w, h);
        double sum = 0;
        int n = 0;
        for (int y = 10; y < h - 10; y++) {
            for (int x = 10; x < w - 10; x++) {
                sum += Math.abs(img.get(x, y, 0) - back.get(x, y, 0));
                n++;
            }
        }
        assertTrue(sum / n < 1.5, "mean abs diff " + sum / n);
    }

    @Test
    void a112CropTakesWellUnderAMillisecond() {
        RgbImage img = randomImage(640, 480, 3);
        SimilarityTransform t = SimilarityTransform.of(0.4, 12, -40, -30);
        for (int i = 0; i < 2000; i++) {
            ImageWarp.warp(img, t, 112, 112); // warm-up for the JIT
        }
        int runs = 2000;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            ImageWarp.warp(img, t, 112, 112);
        }
        double micros = (System.nanoTime() - start) / 1e3 / runs;
        System.out.printf("ImageWarp 112x112: %.1f us per crop%n", micros);
        assertTrue(micros < 1000, micros + " us per crop");
    }
}
