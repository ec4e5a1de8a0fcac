package org.maskface.mask;

import java.util.Objects;
import org.maskface.image.RgbImage;

/**
 * A synthetically occluded face: the image, its binary occlusion map (row-major, true = the pixel
 * shows the occluder, i.e. its layer was more than half opaque there), the fraction of the image
 * occluded, the concrete category drawn and a one-line description of what was drawn.
 */
public record Masked(RgbImage image, boolean[] occlusion, double coverage, MaskCategory category, String description) {

    public Masked {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(occlusion, "occlusion");
        if (occlusion.length != image.width() * image.height()) {
            throw new IllegalArgumentException("occlusion map has " + occlusion.length + " cells for a "
                    + image.width() + "x" + image.height() + " image");
        }
    }

    public int width() {
        return image.width();
    }

    public int height() {
        return image.height();
    }

    public boolean occluded(int x, int y) {
        return occlusion[y * image.width() + x];
    }

    /** The map as a black/white image: white where occluded. */
    public RgbImage mapImage() {
        byte[] rgb = new byte[occlusion.length * 3];
        for (int i = 0; i < occlusion.length; i++) {
            if (occlusion[i]) {
                rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = (byte) 255;
            }
        }
        return new RgbImage(image.width(), image.height(), rgb);
    }

    /** Image and map mirrored together (the flip augmentation of DESIGN.md §4). */
    public Masked flipped() {
        int w = image.width();
        boolean[] map = new boolean[occlusion.length];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < w; x++) {
                map[y * w + (w - 1 - x)] = occlusion[y * w + x];
            }
        }
        return new Masked(image.flipHorizontal(), map, coverage, category, description + ", mirrored");
    }

    static double fraction(boolean[] map) {
        int n = 0;
        for (boolean b : map) {
            if (b) {
                n++;
            }
        }
        return (double) n / map.length;
    }
}
