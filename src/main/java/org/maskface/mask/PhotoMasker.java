package org.maskface.mask;

import org.maskface.face.Face;
import org.maskface.face.align.SimilarityTransform;
import org.maskface.image.RgbImage;

/**
 * Puts a synthetic mask on a face in a whole photo: the mask is drawn on the face's aligned
 * 112×112 crop (where the synthesizer works) and warped back into the photo through the inverse
 * alignment, blending only the occluded pixels, so everything else stays the original pixels.
 * The result is a masked photo that goes through the full pipeline, detection included — masks
 * break detectors too, and an evaluation must see that.
 */
public final class PhotoMasker {

    /** The masked photo, its occlusion map in photo pixels, and the crop-level result. */
    public record MaskedPhoto(RgbImage image, boolean[] occlusion, Masked onCrop) {
    }

    private PhotoMasker() {
    }

    public static MaskedPhoto mask(RgbImage photo, Face face, MaskCategory category, long seed) {
        Masked m = MaskSynthesizer.synthesize(face, category, seed);
        return pasteBack(photo, face.aligned().imageToCrop(), m);
    }

    /** Blends the occluded crop pixels into the photo (bilinear in crop space). */
    static MaskedPhoto pasteBack(RgbImage photo, SimilarityTransform imageToCrop, Masked m) {
        int w = photo.width();
        int h = photo.height();
        int size = m.width();
        SimilarityTransform cropToImage = imageToCrop.inverse();
        // The photo region the crop covers: the bounding box of the crop's corners.
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] c : new double[][] {{0, 0}, {size - 1, 0}, {0, size - 1}, {size - 1, size - 1}}) {
            double[] p = cropToImage.apply(c[0], c[1]);
            minX = Math.min(minX, p[0]);
            minY = Math.min(minY, p[1]);
            maxX = Math.max(maxX, p[0]);
            maxY = Math.max(maxY, p[1]);
        }
        int x0 = Math.max(0, (int) Math.floor(minX));
        int y0 = Math.max(0, (int) Math.floor(minY));
        int x1 = Math.min(w - 1, (int) Math.ceil(maxX));
        int y1 = Math.min(h - 1, (int) Math.ceil(maxY));
        byte[] out = photo.data().clone();
        boolean[] map = new boolean[w * h];
        byte[] masked = m.image().data();
        boolean[] occ = m.occlusion();
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double[] uv = imageToCrop.apply(x, y);
                double u = uv[0];
                double v = uv[1];
                if (u < 0 || v < 0 || u > size - 1 || v > size - 1) {
                    continue;
                }
                int iu = Math.min((int) u, size - 2);
                int iv = Math.min((int) v, size - 2);
                double fu = u - iu;
                double fv = v - iv;
                double[] wts = {(1 - fu) * (1 - fv), fu * (1 - fv), (1 - fu) * fv, fu * fv};
                int[] idx = {iv * size + iu, iv * size + iu + 1, (iv + 1) * size + iu, (iv + 1) * size + iu + 1};
                double alpha = 0;
                for (int k = 0; k < 4; k++) {
                    alpha += occ[idx[k]] ? wts[k] : 0;
                }
                if (alpha <= 0) {
                    continue;
                }
                int o = (y * w + x) * 3;
                for (int c = 0; c < 3; c++) {
                    double colour = 0;
                    double weight = 0;
                    // only occluded crop pixels carry the mask's colour
                    for (int k = 0; k < 4; k++) {
                        if (occ[idx[k]]) {
                            colour += wts[k] * (masked[idx[k] * 3 + c] & 0xFF);
                            weight += wts[k];
                        }
                    }
                    double blended = alpha * (colour / weight) + (1 - alpha) * (out[o + c] & 0xFF);
                    out[o + c] = (byte) Math.round(Math.min(255, Math.max(0, blended)));
                }
                map[y * w + x] = alpha >= 0.5;
            }
        }
        return new MaskedPhoto(new RgbImage(w, h, out), map, m);
    }
}
