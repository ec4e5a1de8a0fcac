package org.maskface.face.align;

import org.maskface.image.RgbImage;

/**
 * Affine resampling of an {@link RgbImage}, matching OpenCV's
 * {@code warpAffine(src, M, size, INTER_LINEAR, BORDER_REPLICATE)} up to rounding.
 *
 * <p>Pixel-centre convention: pixel (i, j) has its centre at the integer point (i, j), in both
 * the source and the output. Output pixel (x, y) therefore takes the colour of source point
 * M⁻¹·(x, y), sampled bilinearly from the four surrounding pixel centres. Source coordinates
 * outside [0, w−1] × [0, h−1] are clamped to the edge, which is exactly "replicate the border".
 * Interpolation is in double precision and rounded to nearest (OpenCV quantises the weights
 * to 1/32 px, so the two can differ by one grey level).
 */
public final class ImageWarp {
    private ImageWarp() {
    }

    /** The image of {@code src} under {@code srcToDst}, cut to outW×outH. */
    public static RgbImage warp(RgbImage src, Affine2D srcToDst, int outW, int outH) {
        return warpInverse(src, srcToDst.inverse(), outW, outH);
    }

    /** As {@link #warp(RgbImage, Affine2D, int, int)} for a similarity. */
    public static RgbImage warp(RgbImage src, SimilarityTransform srcToDst, int outW, int outH) {
        return warpInverse(src, srcToDst.inverse().toAffine(), outW, outH);
    }

    /**
     * Samples output pixel (x, y) at source point {@code dstToSrc}(x, y). Use this form when the
     * map from output to source is what you have (no inversion needed).
     */
    public static RgbImage warpInverse(RgbImage src, Affine2D dstToSrc, int outW, int outH) {
        if (outW <= 0 || outH <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + outW + "x" + outH);
        }
        final int w = src.width();
        final int h = src.height();
        final byte[] in = src.data();
        final byte[] out = new byte[outW * outH * 3];
        final double maxX = w - 1;
        final double maxY = h - 1;
        final double m00 = dstToSrc.m00();
        final double m10 = dstToSrc.m10();
        int o = 0;
        for (int y = 0; y < outH; y++) {
            // source position of (0, y); each step in x adds (m00, m10)
            double rowX = dstToSrc.m01() * y + dstToSrc.m02();
            double rowY = dstToSrc.m11() * y + dstToSrc.m12();
            for (int x = 0; x < outW; x++) {
                double sx = m00 * x + rowX;
                double sy = m10 * x + rowY;
                // clamping the point = replicating the border (NaN also ends up at 0)
                sx = sx > 0 ? (sx < maxX ? sx : maxX) : 0;
                sy = sy > 0 ? (sy < maxY ? sy : maxY) : 0;
                int x0 = (int) sx; // floor, since sx >= 0
                int y0 = (int) sy;
                double fx = sx - x0;
                double fy = sy - y0;
                int dx = x0 < w - 1 ? 3 : 0;      // step to the right neighbour (none at the edge)
                int dy = y0 < h - 1 ? w * 3 : 0;  // step to the lower neighbour
                int i00 = (y0 * w + x0) * 3;
                int i10 = i00 + dy;
                for (int c = 0; c < 3; c++) {
                    double top = (in[i00 + c] & 0xFF) + fx * ((in[i00 + dx + c] & 0xFF) - (in[i00 + c] & 0xFF));
                    double bottom = (in[i10 + c] & 0xFF) + fx * ((in[i10 + dx + c] & 0xFF) - (in[i10 + c] & 0xFF));
                    out[o++] = (byte) (int) (top + fy * (bottom - top) + 0.5);
                }
            }
        }
        return new RgbImage(outW, outH, out);
    }
}
