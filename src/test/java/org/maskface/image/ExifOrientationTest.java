package org.maskface.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ExifOrientationTest {

    /** A 3x2 image whose pixel (x, y) has red = 10·y + x, so positions can be read back. */
    private static RgbImage labelled() {
        byte[] rgb = new byte[3 * 2 * 3];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                rgb[(y * 3 + x) * 3] = (byte) (10 * y + x);
            }
        }
        return new RgbImage(3, 2, rgb);
    }

    private static String rows(RgbImage img) {
        StringBuilder s = new StringBuilder();
        for (int y = 0; y < img.height(); y++) {
            if (y > 0) {
                s.append(" / ");
            }
            for (int x = 0; x < img.width(); x++) {
                s.append(x > 0 ? " " : "").append(String.format("%02d", img.get(x, y, 0)));
            }
        }
        return s.toString();
    }

    @Test
    void eachOrientationMapsStoredToDisplayed() {
        // stored: 00 01 02 / 10 11 12
        RgbImage img = labelled();
        assertSame(img, ExifOrientation.toUpright(img, 1));
        assertEquals("02 01 00 / 12 11 10", rows(ExifOrientation.toUpright(img, 2)));       // mirror
        assertEquals("12 11 10 / 02 01 00", rows(ExifOrientation.toUpright(img, 3)));       // 180°
        assertEquals("10 11 12 / 00 01 02", rows(ExifOrientation.toUpright(img, 4)));       // flip
        assertEquals("00 10 / 01 11 / 02 12", rows(ExifOrientation.toUpright(img, 5)));    // transpose
        assertEquals("10 00 / 11 01 / 12 02", rows(ExifOrientation.toUpright(img, 6)));    // 90° clockwise
        assertEquals("12 02 / 11 01 / 10 00", rows(ExifOrientation.toUpright(img, 7)));    // transverse
        assertEquals("02 12 / 01 11 / 00 10", rows(ExifOrientation.toUpright(img, 8)));    // 90° counter-clockwise
    }

    @Test
    void invalidValuesAreIgnored() {
        RgbImage img = labelled();
        assertSame(img, ExifOrientation.toUpright(img, 0));
        assertSame(img, ExifOrientation.toUpright(img, 9));
    }
}
