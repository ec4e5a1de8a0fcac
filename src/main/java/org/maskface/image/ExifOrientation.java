package org.maskface.image;

/**
 * The eight EXIF orientations (tag 0x0112). Cameras store the sensor's pixels as they were read
 * out and record in this tag how to turn them for display; a face detector needs the upright
 * picture, so the loader applies it.
 *
 * <p>Value n says where the stored image's first row and column belong when displayed:
 * 1 as stored, 2 mirrored left-right, 3 rotated 180°, 4 mirrored top-bottom, 5 transposed
 * (mirrored about the main diagonal), 6 needs a 90° clockwise turn, 7 transversed (mirrored
 * about the anti-diagonal), 8 needs a 90° counter-clockwise turn.
 */
public final class ExifOrientation {
    private ExifOrientation() {
    }

    /** True for the values the EXIF standard defines (1–8). */
    public static boolean isValid(int orientation) {
        return orientation >= 1 && orientation <= 8;
    }

    /**
     * The upright image for a stored image tagged with {@code orientation}. Returns {@code img}
     * itself for 1 and for values outside 1–8 (bad tags are common; they are ignored).
     */
    public static RgbImage toUpright(RgbImage img, int orientation) {
        if (!isValid(orientation) || orientation == 1) {
            return img;
        }
        int w = img.width();
        int h = img.height();
        boolean swap = orientation >= 5;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        byte[] src = img.data();
        byte[] out = new byte[src.length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                // (sx, sy): the stored pixel that is displayed at (x, y)
                int sx;
                int sy;
                switch (orientation) {
                    case 2: sx = w - 1 - x; sy = y; break;
                    case 3: sx = w - 1 - x; sy = h - 1 - y; break;
                    case 4: sx = x; sy = h - 1 - y; break;
                    case 5: sx = y; sy = x; break;
                    case 6: sx = y; sy = h - 1 - x; break;
                    case 7: sx = w - 1 - y; sy = h - 1 - x; break;
                    default: sx = w - 1 - y; sy = x; break; // 8
                }
                int s = (sy * w + sx) * 3;
                int d = (y * outW + x) * 3;
                out[d] = src[s];
                out[d + 1] = src[s + 1];
                out[d + 2] = src[s + 2];
            }
        }
        return new RgbImage(outW, outH, out);
    }
}
