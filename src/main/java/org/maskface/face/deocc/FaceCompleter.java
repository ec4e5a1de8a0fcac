package org.maskface.face.deocc;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.maskface.image.RgbImage;
import org.maskface.nn.NetInput;

/**
 * De-occlusion of an aligned face (DESIGN.md §3.1): the inpainter paints the covered part over at
 * its own side S (e.g. 64), and the painted part is scaled back and pasted into the 112 crop; the
 * visible pixels stay the photo's own. Training and inference both go through here, so the
 * student recognizer learns on exactly what it sees at test time.
 *
 * <p>Not thread-safe; the model is borrowed (e.g. the hub's), not closed.
 */
public final class FaceCompleter {

    private final Model inpainter;
    private final int size;

    /** @param inpainter a model whose block is an {@link org.maskface.nn.InpaintingGenerator}, with property "size" */
    public FaceCompleter(Model inpainter) {
        this(inpainter, Integer.parseInt(requireSize(inpainter)));
    }

    /** @param size the side the inpainter works at (divisible by 4) */
    public FaceCompleter(Model inpainter, int size) {
        if (size < 4 || size % 4 != 0) {
            throw new IllegalArgumentException("inpainter side must be a positive multiple of 4, got " + size);
        }
        this.inpainter = inpainter;
        this.size = size;
    }

    private static String requireSize(Model m) {
        String s = m.getProperty("size");
        if (s == null) {
            throw new IllegalArgumentException("inpainter model " + m.getName() + " does not say its side (property size)");
        }
        return s;
    }

    /** The side the inpainter works at. */
    public int size() {
        return size;
    }

    /** One face: see {@link #completeAll}. */
    public RgbImage complete(RgbImage crop, boolean[] covered) {
        return completeAll(List.of(crop), List.of(covered)).get(0);
    }

    /**
     * @param crops   aligned face crops (square, any side; 112 in the pipeline)
     * @param covered per crop, row-major, true where something covers the face (ground truth in
     *                training, the occlusion estimator's map at test time)
     * @return the crops with their covered part painted over; a crop with nothing covered is returned as is
     */
    public List<RgbImage> completeAll(List<RgbImage> crops, List<boolean[]> covered) {
        if (crops.size() != covered.size()) {
            throw new IllegalArgumentException(crops.size() + " crops but " + covered.size() + " maps");
        }
        List<Integer> todo = new ArrayList<>();
        List<float[]> holes = new ArrayList<>();
        for (int i = 0; i < crops.size(); i++) {
            RgbImage c = crops.get(i);
            if (c.width() != c.height() || covered.get(i).length != c.width() * c.height()) {
                throw new IllegalArgumentException("crop " + i + " must be square with a map of its size, got "
                        + c.width() + "x" + c.height() + " and " + covered.get(i).length + " values");
            }
            float[] hole = hole(covered.get(i), c.width(), size);
            if (any(hole)) {
                todo.add(i);
                holes.add(hole);
            }
        }
        List<RgbImage> out = new ArrayList<>(crops);
        if (todo.isEmpty()) {
            return out;
        }
        int n = todo.size();
        int plane = size * size;
        float[] masked = new float[n * 3 * plane];
        float[] hole = new float[n * plane];
        for (int k = 0; k < n; k++) {
            NetInput.writeSigned(crops.get(todo.get(k)).resize(size, size), masked, k * 3 * plane);
            System.arraycopy(holes.get(k), 0, hole, k * plane, plane);
        }
        float[] fine;
        try (NDManager m = inpainter.getNDManager().newSubManager()) {
            NDArray x = m.create(masked, new Shape(n, 3, size, size));
            NDArray h = m.create(hole, new Shape(n, 1, size, size));
            NDList result = inpainter.getBlock().forward(new ParameterStore(m, false), new NDList(x, h), false);
            fine = result.get(1).toFloatArray();
        }
        for (int k = 0; k < n; k++) {
            int i = todo.get(k);
            out.set(i, paste(crops.get(i), holes.get(k), fine, k * 3 * plane, size));
        }
        return out;
    }

    /**
     * The inpainter's hole map at side {@code s} from a {@code w × w} coverage map: a cell is hole
     * when any pixel of its footprint is covered, so nothing covered is taken as visible.
     */
    public static float[] hole(boolean[] covered, int w, int s) {
        float[] hole = new float[s * s];
        for (int y = 0; y < s; y++) {
            int y0 = y * w / s;
            int y1 = Math.max(y0 + 1, (y + 1) * w / s);
            for (int x = 0; x < s; x++) {
                int x0 = x * w / s;
                int x1 = Math.max(x0 + 1, (x + 1) * w / s);
                boolean hit = false;
                for (int sy = y0; sy < y1 && !hit; sy++) {
                    for (int sx = x0; sx < x1; sx++) {
                        if (covered[sy * w + sx]) {
                            hit = true;
                            break;
                        }
                    }
                }
                hole[y * s + x] = hit ? 1 : 0;
            }
        }
        return hole;
    }

    /**
     * {@code crop} with every pixel whose cell is hole replaced by the inpainter's output there
     * (bilinear from side {@code s}, values in [−1, 1] CHW from {@code offset}).
     */
    public static RgbImage paste(RgbImage crop, float[] hole, float[] fine, int offset, int s) {
        int w = crop.width();
        byte[] rgb = crop.data().clone();
        int plane = s * s;
        double ratio = (double) s / w;
        for (int y = 0; y < w; y++) {
            int cy = Math.min(s - 1, y * s / w);
            double sy = Math.max(0, Math.min(s - 1, (y + 0.5) * ratio - 0.5));
            int y0 = (int) sy;
            int y1 = Math.min(s - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < w; x++) {
                if (hole[cy * s + Math.min(s - 1, x * s / w)] == 0) {
                    continue;
                }
                double sx = Math.max(0, Math.min(s - 1, (x + 0.5) * ratio - 0.5));
                int x0 = (int) sx;
                int x1 = Math.min(s - 1, x0 + 1);
                double fx = sx - x0;
                for (int c = 0; c < 3; c++) {
                    int base = offset + c * plane;
                    double top = fine[base + y0 * s + x0] * (1 - fx) + fine[base + y0 * s + x1] * fx;
                    double bottom = fine[base + y1 * s + x0] * (1 - fx) + fine[base + y1 * s + x1] * fx;
                    double v = ((top * (1 - fy) + bottom * fy) + 1) * 127.5;
                    rgb[(y * w + x) * 3 + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        return new RgbImage(w, w, rgb);
    }

    private static boolean any(float[] hole) {
        for (float v : hole) {
            if (v > 0) {
                return true;
            }
        }
        return false;
    }
}
