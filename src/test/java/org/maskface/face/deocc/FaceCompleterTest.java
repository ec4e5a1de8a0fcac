package org.maskface.face.deocc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.maskface.image.RgbImage;

/** The pixel bookkeeping around the inpainter: which cells are hole, and what is pasted where. */
class FaceCompleterTest {

    private static RgbImage grey(int side, int value) {
        byte[] rgb = new byte[side * side * 3];
        java.util.Arrays.fill(rgb, (byte) value);
        return new RgbImage(side, side, rgb);
    }

    @Test
    void aCellIsHoleWhenAnyPixelOfItsFootprintIsCovered() {
        boolean[] covered = new boolean[112 * 112];
        covered[60 * 112 + 13] = true; // one pixel: x 13, y 60
        float[] hole = FaceCompleter.hole(covered, 112, 64);
        int holes = 0;
        for (float v : hole) {
            holes += v > 0 ? 1 : 0;
        }
        assertEquals(1, holes, "one covered pixel makes exactly one hole cell");
        assertEquals(1f, hole[(60 * 64 / 112) * 64 + 13 * 64 / 112]);
    }

    @Test
    void pasteReplacesOnlyHoleCellsWithTheInpaintersOutput() {
        int s = 8;
        RgbImage crop = grey(16, 200);
        float[] hole = new float[s * s];
        for (int x = 0; x < s; x++) {
            hole[7 * s + x] = 1; // bottom row of cells = bottom two rows of pixels
        }
        float[] fine = new float[3 * s * s];
        java.util.Arrays.fill(fine, -1f); // black
        RgbImage out = FaceCompleter.paste(crop, hole, fine, 0, s);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                assertEquals(y >= 14 ? 0 : 200, out.get(x, y, 1), "pixel " + x + "," + y);
            }
        }
        assertEquals(200, crop.get(0, 15, 0), "the input is not changed");
    }

    @Test
    void facesWithNothingCoveredAreReturnedAsTheyAreWithoutRunningTheNetwork() {
        FaceCompleter completer = new FaceCompleter(null, 64); // never reached: nothing to complete
        RgbImage crop = grey(112, 90);
        List<RgbImage> out = completer.completeAll(List.of(crop), List.of(new boolean[112 * 112]));
        assertSame(crop, out.get(0));
    }

    @Test
    void mapsMustFitTheirCrops() {
        FaceCompleter completer = new FaceCompleter(null, 64);
        assertThrows(IllegalArgumentException.class,
                () -> completer.completeAll(List.of(grey(112, 0)), List.of(new boolean[10])));
        assertThrows(IllegalArgumentException.class, () -> new FaceCompleter(null, 30));
    }
}
