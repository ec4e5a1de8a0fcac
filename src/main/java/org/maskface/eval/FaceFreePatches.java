package org.maskface.eval;

import java.util.ArrayList;
import java.util.List;
import org.maskface.image.RgbImage;

/**
 * Face-free test images for measuring false detections: each source photo (landscapes, animals,
 * objects, textures, with no person in them) is taken whole and cut into square tiles at several
 * scales, so the detector is asked about regions of the sizes faces have in real photos.
 */
public final class FaceFreePatches {

    /** (width the photo is scaled to, tile side) pairs: whole-scene tiles down to close-ups. */
    private static final int[][] SCALES = {{500, 250}, {1000, 250}, {600, 150}};

    private FaceFreePatches() {
    }

    /** The photo scaled to 512 px wide, then its tiles at every scale; tiles never overlap. */
    public static List<RgbImage> of(RgbImage photo) {
        List<RgbImage> out = new ArrayList<>();
        out.add(scaledToWidth(photo, 512));
        for (int[] s : SCALES) {
            RgbImage scaled = scaledToWidth(photo, s[0]);
            int tile = s[1];
            for (int y = 0; y + tile <= scaled.height(); y += tile) {
                for (int x = 0; x + tile <= scaled.width(); x += tile) {
                    out.add(scaled.crop(x, y, tile, tile));
                }
            }
        }
        return out;
    }

    private static RgbImage scaledToWidth(RgbImage photo, int width) {
        int height = Math.max(1, (int) Math.round(photo.height() * (double) width / photo.width()));
        return photo.resize(width, height);
    }
}
