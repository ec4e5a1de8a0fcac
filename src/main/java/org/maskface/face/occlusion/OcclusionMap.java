package org.maskface.face.occlusion;

import org.maskface.image.RgbImage;

/**
 * Per-pixel occlusion probability over an aligned face crop (row-major, {@code width × height}).
 */
public record OcclusionMap(int width, int height, float[] probability) {

    /** The probability above which a pixel counts as occluded. */
    public static final float THRESHOLD = 0.5f;

    public OcclusionMap {
        if (probability.length != width * height) {
            throw new IllegalArgumentException("probability has " + probability.length + " values, not "
                    + width + "×" + height);
        }
    }

    /** The binary map at {@link #THRESHOLD}. */
    public boolean[] occluded() {
        boolean[] m = new boolean[probability.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = probability[i] > THRESHOLD;
        }
        return m;
    }

    /** Fraction of the crop predicted occluded. */
    public double coverage() {
        int n = 0;
        for (float p : probability) {
            n += p > THRESHOLD ? 1 : 0;
        }
        return n / (double) probability.length;
    }

    /** Intersection over union of two binary maps of the same size; 1 when both are empty. */
    public static double iou(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("maps differ in size: " + a.length + " vs " + b.length);
        }
        int inter = 0;
        int union = 0;
        for (int i = 0; i < a.length; i++) {
            inter += a[i] && b[i] ? 1 : 0;
            union += a[i] || b[i] ? 1 : 0;
        }
        return union == 0 ? 1.0 : inter / (double) union;
    }

    /** The map as a grey image: white = occluded probability 1. */
    public RgbImage toImage() {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < probability.length; i++) {
            byte v = (byte) Math.round(255 * Math.min(1f, Math.max(0f, probability[i])));
            rgb[3 * i] = v;
            rgb[3 * i + 1] = v;
            rgb[3 * i + 2] = v;
        }
        return new RgbImage(width, height, rgb);
    }

    /** {@code face} with the occluded pixels tinted red and their outline drawn, for looking at. */
    public RgbImage overlay(RgbImage face) {
        if (face.width() != width || face.height() != height) {
            throw new IllegalArgumentException("face is " + face.width() + "×" + face.height() + ", map " + width + "×" + height);
        }
        boolean[] m = occluded();
        byte[] src = face.data();
        byte[] out = src.clone();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (!m[i]) {
                    continue;
                }
                boolean edge = x == 0 || y == 0 || x == width - 1 || y == height - 1
                        || !m[i - 1] || !m[i + 1] || !m[i - width] || !m[i + width];
                for (int c = 0; c < 3; c++) {
                    int v = src[3 * i + c] & 0xFF;
                    int tint = c == 0 ? 255 : 0;
                    out[3 * i + c] = (byte) (edge ? tint : (v + tint) / 2);
                }
            }
        }
        return new RgbImage(width, height, out);
    }
}
