package org.maskface.image;

import java.util.Arrays;
import java.util.List;

/** Tiles images of one size into a grid on a white sheet (for example PNGs people look at). */
public final class ImageSheet {

    private ImageSheet() {
    }

    /**
     * @param cells   row-major cells, all {@code cell × cell}; the last row may be short
     * @param columns cells per row
     * @param gap     white pixels between and around cells
     */
    public static RgbImage grid(List<RgbImage> cells, int columns, int gap) {
        if (cells.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("need at least one cell and one column");
        }
        int cw = cells.get(0).width();
        int ch = cells.get(0).height();
        int cols = Math.min(columns, cells.size());
        int rows = (cells.size() + columns - 1) / columns;
        int w = cols * (cw + gap) + gap;
        int h = rows * (ch + gap) + gap;
        byte[] out = new byte[w * h * 3];
        Arrays.fill(out, (byte) 255);
        for (int k = 0; k < cells.size(); k++) {
            RgbImage c = cells.get(k);
            if (c.width() != cw || c.height() != ch) {
                throw new IllegalArgumentException("cell " + k + " is " + c.width() + "x" + c.height() + ", not " + cw + "x" + ch);
            }
            int x0 = gap + (k % columns) * (cw + gap);
            int y0 = gap + (k / columns) * (ch + gap);
            for (int y = 0; y < ch; y++) {
                System.arraycopy(c.data(), y * cw * 3, out, ((y0 + y) * w + x0) * 3, cw * 3);
            }
        }
        return new RgbImage(w, h, out);
    }
}
