package org.maskface.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The window the local discriminator sees: a fixed-size square centred on the hole's bounding box
 * and moved inside the face when it would cross an edge. A fixed size (no resizing) keeps the crop
 * a plain slice, so gradients flow through it to the generator unchanged; for an aligned 112 face
 * a 64-pixel window covers a mask's lower-face region.
 */
public final class HoleWindow {

    private HoleWindow() {
    }

    /** Top-left corner (y, x) of the window of side {@code size} for each face's hole {@code [N, 1, S, S]}. */
    public static int[][] corners(NDArray hole, int size) {
        int n = (int) hole.getShape().get(0);
        int s = (int) hole.getShape().get(2);
        if (size > s) {
            throw new IllegalArgumentException("window " + size + " larger than the face " + s);
        }
        float[] v = hole.toFloatArray();
        int[][] out = new int[n][2];
        for (int i = 0; i < n; i++) {
            int y0 = s;
            int y1 = -1;
            int x0 = s;
            int x1 = -1;
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    if (v[(i * s + y) * s + x] > 0.5f) {
                        y0 = Math.min(y0, y);
                        y1 = Math.max(y1, y);
                        x0 = Math.min(x0, x);
                        x1 = Math.max(x1, x);
                    }
                }
            }
            // no hole: the window sits at the centre
            int cy = y1 < 0 ? s / 2 : (y0 + y1 + 1) / 2;
            int cx = x1 < 0 ? s / 2 : (x0 + x1 + 1) / 2;
            out[i][0] = Math.max(0, Math.min(s - size, cy - size / 2));
            out[i][1] = Math.max(0, Math.min(s - size, cx - size / 2));
        }
        return out;
    }

    /** The windows of {@code images} {@code [N, C, S, S]} at {@code corners}: {@code [N, C, size, size]}. */
    public static NDArray crop(NDArray images, int[][] corners, int size) {
        NDList parts = new NDList();
        for (int i = 0; i < corners.length; i++) {
            int y = corners[i][0];
            int x = corners[i][1];
            parts.add(images.get(i + ":" + (i + 1) + ", :, " + y + ":" + (y + size) + ", " + x + ":" + (x + size)));
        }
        return Batches.concat(parts);
    }
}
