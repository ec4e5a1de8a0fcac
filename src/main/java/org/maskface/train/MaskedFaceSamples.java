package org.maskface.train;

import java.util.Random;
import org.maskface.face.align.Affine2D;
import org.maskface.face.align.ImageWarp;
import org.maskface.image.RgbImage;
import org.maskface.mask.MaskCategory;
import org.maskface.mask.MaskSynthesizer;
import org.maskface.mask.Masked;
import org.maskface.train.FaceCropSet.Crop;

/**
 * Makes training examples from aligned faces: a synthetic mask (any category) drawn from the
 * landmarks, then one random jitter applied to the image, its occlusion map and (through
 * {@link Sample#jitter()}) its landmarks. Deterministic for a given seed.
 */
public final class MaskedFaceSamples {

    /**
     * An input crop, its occlusion target (fraction of each pixel occluded, row-major) and the
     * jitter that maps the source crop's coordinates into this sample's.
     */
    public record Sample(RgbImage image, float[] target, MaskCategory category, Affine2D jitter) {

        /** The target as a coverage map: true where more than half of the pixel is covered. */
        public boolean[] covered() {
            boolean[] c = new boolean[target.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = target[i] > 0.5f;
            }
            return c;
        }

        /** The source crop's landmarks moved by the jitter: where they are in this sample. */
        public float[][] landmarks(float[][] source) {
            float[][] out = new float[source.length][2];
            for (int i = 0; i < source.length; i++) {
                out[i][0] = (float) jitter.applyX(source[i][0], source[i][1]);
                out[i][1] = (float) jitter.applyY(source[i][0], source[i][1]);
            }
            return out;
        }
    }

    private MaskedFaceSamples() {
    }

    /** A training sample's category: none with probability {@code cleanFraction}, else one of the four. */
    public static MaskCategory drawCategory(Random r, double cleanFraction) {
        return r.nextDouble() < cleanFraction ? null : MaskCategory.CONCRETE.get(r.nextInt(MaskCategory.CONCRETE.size()));
    }

    /**
     * @param category the mask category, or null for an unmasked face (empty target)
     */
    public static Sample make(Crop crop, MaskCategory category, long seed, Augment aug) {
        RgbImage image;
        boolean[] map;
        MaskCategory drawn = null;
        if (category == null) {
            image = crop.image();
            map = new boolean[image.width() * image.height()];
        } else {
            Masked m = MaskSynthesizer.synthesize(crop.image(), crop.landmarks(), category, seed);
            image = m.image();
            map = m.occlusion();
            drawn = m.category();
        }
        int w = image.width();
        int h = image.height();
        Random r = new Random(seed ^ 0x5DEECE66DL);
        if (drawn != null && r.nextDouble() < aug.recolour()) {
            image = recolour(image, map, r);
        }
        float[] target = new float[w * h];
        Affine2D jitter = Affine2D.IDENTITY;
        if (aug.rotateDegrees() > 0 || aug.scale() > 0 || aug.shiftPixels() > 0) {
            double angle = Math.toRadians((2 * r.nextDouble() - 1) * aug.rotateDegrees());
            double s = 1 + (2 * r.nextDouble() - 1) * aug.scale();
            double tx = (2 * r.nextDouble() - 1) * aug.shiftPixels();
            double ty = (2 * r.nextDouble() - 1) * aug.shiftPixels();
            double cx = (w - 1) / 2.0;
            double cy = (h - 1) / 2.0;
            double c = s * Math.cos(angle);
            double sn = s * Math.sin(angle);
            // about the crop centre: p' = R·s·(p − centre) + centre + t
            jitter = new Affine2D(c, -sn, cx - c * cx + sn * cy + tx, sn, c, cy - sn * cx - c * cy + ty);
            Affine2D back = jitter.inverse();
            image = ImageWarp.warpInverse(image, back, w, h);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    target[y * w + x] = sampleMap(map, w, h, back.applyX(x, y), back.applyY(x, y));
                }
            }
        } else {
            for (int i = 0; i < target.length; i++) {
                target[i] = map[i] ? 1f : 0f;
            }
        }
        if (aug.colour() > 0 || aug.grey() > 0) {
            image = colourJitter(image, r, aug);
        }
        return new Sample(image, target, drawn, jitter);
    }

    /**
     * Repaints the occluded pixels in one new colour, modulated by their own brightness relative
     * to the occluder's mean (folds and shading survive): half near-white, a quarter pastel, a
     * quarter any colour.
     */
    public static RgbImage recolour(RgbImage image, boolean[] map, Random r) {
        double[] tint = new double[3];
        double kind = r.nextDouble();
        for (int c = 0; c < 3; c++) {
            tint[c] = kind < 0.5 ? 0 : 255 * r.nextDouble();
        }
        double grey = 200 + 55 * r.nextDouble();
        for (int c = 0; c < 3; c++) {
            if (kind < 0.5) {
                tint[c] = grey + (r.nextDouble() - 0.5) * 20;
            } else if (kind < 0.75) {
                tint[c] = 0.4 * tint[c] + 0.6 * 255;
            }
        }
        byte[] in = image.data();
        double mean = 0;
        int n = 0;
        for (int i = 0; i < map.length; i++) {
            if (map[i]) {
                mean += luminance(in, i);
                n++;
            }
        }
        if (n == 0) {
            return image;
        }
        mean = Math.max(1, mean / n);
        byte[] out = in.clone();
        for (int i = 0; i < map.length; i++) {
            if (map[i]) {
                double f = Math.max(0.55, Math.min(1.3, luminance(in, i) / mean));
                for (int c = 0; c < 3; c++) {
                    out[3 * i + c] = (byte) Math.max(0, Math.min(255, Math.round(tint[c] * f)));
                }
            }
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    private static double luminance(byte[] rgb, int i) {
        return 0.299 * (rgb[3 * i] & 0xFF) + 0.587 * (rgb[3 * i + 1] & 0xFF) + 0.114 * (rgb[3 * i + 2] & 0xFF);
    }

    /** Bilinear sample of a binary map; outside the map counts as not occluded. */
    private static float sampleMap(boolean[] map, int w, int h, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double v = 0;
        for (int dy = 0; dy <= 1; dy++) {
            for (int dx = 0; dx <= 1; dx++) {
                int xx = x0 + dx;
                int yy = y0 + dy;
                if (xx >= 0 && yy >= 0 && xx < w && yy < h && map[yy * w + xx]) {
                    v += (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
                }
            }
        }
        return (float) v;
    }

    private static RgbImage colourJitter(RgbImage image, Random r, Augment aug) {
        double brightness = 1 + (2 * r.nextDouble() - 1) * aug.colour();
        double contrast = 1 + (2 * r.nextDouble() - 1) * aug.colour();
        boolean grey = r.nextDouble() < aug.grey();
        byte[] in = image.data();
        byte[] out = new byte[in.length];
        double mean = 0;
        for (byte b : in) {
            mean += b & 0xFF;
        }
        mean /= in.length;
        for (int i = 0; i < in.length; i += 3) {
            double[] v = {in[i] & 0xFF, in[i + 1] & 0xFF, in[i + 2] & 0xFF};
            if (grey) {
                double g = 0.299 * v[0] + 0.587 * v[1] + 0.114 * v[2];
                v[0] = g;
                v[1] = g;
                v[2] = g;
            }
            for (int c = 0; c < 3; c++) {
                double x = ((v[c] - mean) * contrast + mean) * brightness;
                out[i + c] = (byte) Math.max(0, Math.min(255, Math.round(x)));
            }
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    /** Averages 2×2 blocks: the target at the network's output resolution. */
    public static float[] halfResolution(float[] target, int w, int h) {
        float[] out = new float[(w / 2) * (h / 2)];
        for (int y = 0; y < h / 2; y++) {
            for (int x = 0; x < w / 2; x++) {
                int i = 2 * y * w + 2 * x;
                out[y * (w / 2) + x] = (target[i] + target[i + 1] + target[i + w] + target[i + w + 1]) / 4;
            }
        }
        return out;
    }
}
