package org.maskface.face.embed;

import org.maskface.image.RgbImage;

/** Where a method's "de-occluded" view of a crop differs from the crop itself. */
final class ChangedPixels {

    /** Pixels (red channel) that differ below 55 % of the height (the mask) and above 35 % (eyes, forehead). */
    record Split(int low, int high) {
    }

    private ChangedPixels() {
    }

    static Split of(RgbImage shown, RgbImage crop) {
        return of(shown, crop, 0);
    }

    /** Pixels whose red value differs by more than {@code tolerance} (a view resampled on its way back shifts every pixel a little). */
    static Split of(RgbImage shown, RgbImage crop, int tolerance) {
        int low = 0;
        int high = 0;
        for (int y = 0; y < crop.height(); y++) {
            for (int x = 0; x < crop.width(); x++) {
                if (Math.abs(shown.get(x, y, 0) - crop.get(x, y, 0)) > tolerance) {
                    if (y > crop.height() * 0.55) {
                        low++;
                    } else if (y < crop.height() * 0.35) {
                        high++;
                    }
                }
            }
        }
        return new Split(low, high);
    }
}
