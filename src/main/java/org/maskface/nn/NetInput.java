package org.maskface.nn;

import org.maskface.image.RgbImage;

/**
 * Turns an image into the float input face-api's networks were trained and exported with:
 * zero-pad to a square (centred, or right/bottom only for the detector), then TensorFlow's
 * {@code resizeBilinear(alignCorners=false, halfPixelCenters=false)}, then per-channel
 * normalisation into CHW order. Reproducing these conventions exactly is what lets the ported
 * networks match the reference outputs.
 */
public final class NetInput {

    private NetInput() {
    }

    /** Geometry of the square padding: the offset of the image inside the padded square. */
    public record Padding(int side, int left, int top) {
    }

    /**
     * face-api's padToSquare: the short side gets {@code round(diff / 2)} zero rows/columns
     * appended and the rest prepended when centred; everything appended otherwise.
     */
    public static Padding squarePadding(int width, int height, boolean centred) {
        int side = Math.max(width, height);
        int diff = Math.abs(width - height);
        int before = centred ? diff - (int) Math.round(diff * 0.5) : 0;
        return width < height ? new Padding(side, before, 0) : new Padding(side, 0, before);
    }

    /**
     * Pads {@code img} to a square, resizes to {@code size}×{@code size} and writes
     * {@code (v − mean[c]) · scale[c]} into a CHW float array of length 3·size².
     */
    public static float[] toChw(RgbImage img, int size, boolean centred, float[] mean, float[] scale) {
        Padding pad = squarePadding(img.width(), img.height(), centred);
        int side = pad.side();
        byte[] px = img.data();
        int w = img.width();
        int h = img.height();
        float[] out = new float[3 * size * size];
        int plane = size * size;
        double ratio = (double) side / size; // alignCorners = false
        for (int oy = 0; oy < size; oy++) {
            double sy = oy * ratio;
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(side - 1, (int) Math.ceil(sy));
            double fy = sy - y0;
            for (int ox = 0; ox < size; ox++) {
                double sx = ox * ratio;
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(side - 1, (int) Math.ceil(sx));
                double fx = sx - x0;
                for (int c = 0; c < 3; c++) {
                    double tl = sample(px, w, h, x0 - pad.left(), y0 - pad.top(), c);
                    double tr = sample(px, w, h, x1 - pad.left(), y0 - pad.top(), c);
                    double bl = sample(px, w, h, x0 - pad.left(), y1 - pad.top(), c);
                    double br = sample(px, w, h, x1 - pad.left(), y1 - pad.top(), c);
                    double top = tl + (tr - tl) * fx;
                    double bottom = bl + (br - bl) * fx;
                    double v = top + (bottom - top) * fy;
                    out[c * plane + oy * size + ox] = (float) ((v - mean[c]) * scale[c]);
                }
            }
        }
        return out;
    }

    /**
     * Writes {@code img} as it is (no padding or resizing) into {@code dst} from {@code offset},
     * CHW, each value as (v / 127.5) − 1: the input of maskface's own networks.
     */
    public static void writeSigned(RgbImage img, float[] dst, int offset) {
        int plane = img.width() * img.height();
        byte[] rgb = img.data();
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                dst[offset + c * plane + i] = (rgb[3 * i + c] & 0xFF) / 127.5f - 1f;
            }
        }
    }

    /** The inverse of {@link #writeSigned}: a {@code width × height} image from CHW values in [−1, 1] (clamped). */
    public static RgbImage readSigned(float[] chw, int offset, int width, int height) {
        int plane = width * height;
        byte[] rgb = new byte[3 * plane];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                float v = (chw[offset + c * plane + i] + 1f) * 127.5f;
                rgb[3 * i + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        return new RgbImage(width, height, rgb);
    }

    /** A pixel of the zero-padded image. */
    private static double sample(byte[] px, int w, int h, int x, int y, int c) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return 0;
        }
        return px[(y * w + x) * 3 + c] & 0xFF;
    }
}
