package org.maskface.image;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * An 8-bit RGB image, interleaved, row-major: the one pixel type the pipeline passes around.
 * Every decoded photo (grayscale, CMYK, 16-bit, paletted...) is normalised to this on load, so
 * nothing downstream needs to care where it came from.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final byte[] rgb;

    public RgbImage(int width, int height, byte[] rgb) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        Objects.requireNonNull(rgb, "rgb");
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException(
                    "expected " + (width * height * 3) + " bytes for " + width + "x" + height + ", got " + rgb.length);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array (not a copy): {@code [(y * width + x) * 3 + c]}. */
    public byte[] data() {
        return rgb;
    }

    /** Channel {@code c} (0 = R, 1 = G, 2 = B) of pixel (x, y), 0..255. */
    public int get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }

    /** The rectangle [x, x+w) × [y, y+h), which must lie inside the image. */
    public RgbImage crop(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("crop " + w + "x" + h + "+" + x + "+" + y
                    + " outside image " + width + "x" + height);
        }
        byte[] out = new byte[w * h * 3];
        for (int row = 0; row < h; row++) {
            System.arraycopy(rgb, ((y + row) * width + x) * 3, out, row * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }

    /** Grows the canvas by the given margins, repeating the outermost pixels (replicate border). */
    public RgbImage padReplicate(int left, int top, int right, int bottom) {
        long wide = (long) width + left + right;
        long high = (long) height + top + bottom;
        if (left < 0 || top < 0 || right < 0 || bottom < 0 || wide * high * 3 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot pad a " + width + "x" + height + " image by " + left + ", " + top
                    + ", " + right + ", " + bottom + ": the result would be " + wide + "x" + high);
        }
        int w = (int) wide;
        int h = (int) high;
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            int sy = Math.min(Math.max(y - top, 0), height - 1);
            for (int x = 0; x < w; x++) {
                int sx = Math.min(Math.max(x - left, 0), width - 1);
                System.arraycopy(rgb, (sy * width + sx) * 3, out, (y * w + x) * 3, 3);
            }
        }
        return new RgbImage(w, h, out);
    }

    /** The mirror image (left and right swapped). */
    public RgbImage flipHorizontal() {
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                System.arraycopy(rgb, (row + x) * 3, out, (row + width - 1 - x) * 3, 3);
            }
        }
        return new RgbImage(width, height, out);
    }

    /**
     * This image scaled to {@code w × h}: each output pixel averages the source pixels its footprint
     * covers (so large downscales do not alias); upscaling repeats pixels.
     */
    public RgbImage resize(int w, int h) {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + w + "x" + h);
        }
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            int y0 = (int) ((long) y * height / h);
            int y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * height / h));
            for (int x = 0; x < w; x++) {
                int x0 = (int) ((long) x * width / w);
                int x1 = Math.max(x0 + 1, (int) ((long) (x + 1) * width / w));
                long r = 0;
                long g = 0;
                long b = 0;
                for (int sy = y0; sy < y1; sy++) {
                    for (int sx = x0; sx < x1; sx++) {
                        int i = (sy * width + sx) * 3;
                        r += rgb[i] & 0xFF;
                        g += rgb[i + 1] & 0xFF;
                        b += rgb[i + 2] & 0xFF;
                    }
                }
                int n = (y1 - y0) * (x1 - x0);
                int o = (y * w + x) * 3;
                out[o] = (byte) ((r + n / 2) / n);
                out[o + 1] = (byte) ((g + n / 2) / n);
                out[o + 2] = (byte) ((b + n / 2) / n);
            }
        }
        return new RgbImage(w, h, out);
    }

    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                row[x] = ((rgb[i] & 0xFF) << 16) | ((rgb[i + 1] & 0xFF) << 8) | (rgb[i + 2] & 0xFF);
            }
            img.setRGB(0, y, width, 1, row, 0, width);
        }
        return img;
    }

    /** Converts any {@link BufferedImage} (any colour model) to RGB, dropping alpha. */
    public static RgbImage fromBufferedImage(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = (y * w + x) * 3;
                out[i] = (byte) (p >> 16);
                out[i + 1] = (byte) (p >> 8);
                out[i + 2] = (byte) p;
            }
        }
        return new RgbImage(w, h, out);
    }
}
