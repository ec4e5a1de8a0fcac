package org.maskface.face.embed;

import org.maskface.face.deocc.FaceCompleter;
import org.maskface.image.RgbImage;
import org.maskface.nn.NetInput;

/**
 * A face as the inpainter-based networks take it: the aligned crop scaled to their side
 * {@code s} and its hole map at that side (1 = covered; a cell counts as covered when any pixel
 * of its footprint is). G2D's training and its embedder both make their input here.
 */
public record HoledFace(RgbImage face, float[] hole) {

    public HoledFace {
        if (face.width() != face.height() || hole.length != face.width() * face.height()) {
            throw new IllegalArgumentException("a square face and a hole map of its size are needed, got "
                    + face.width() + "x" + face.height() + " and " + hole.length + " values");
        }
    }

    /** {@code crop} (square) with its coverage map {@code covered} (row-major, crop-sized), at side {@code s}. */
    public static HoledFace of(RgbImage crop, boolean[] covered, int s) {
        if (crop.width() != crop.height() || covered.length != crop.width() * crop.height()) {
            throw new IllegalArgumentException("crop must be square with a map of its size, got " + crop.width() + "x"
                    + crop.height() + " and " + covered.length + " values");
        }
        return new HoledFace(crop.resize(s, s), FaceCompleter.hole(covered, crop.width(), s));
    }

    public int side() {
        return face.width();
    }

    /** The same face mirrored left to right (its hole too). */
    public HoledFace mirrored() {
        int s = side();
        float[] m = new float[hole.length];
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                m[y * s + x] = hole[y * s + (s - 1 - x)];
            }
        }
        return new HoledFace(face.flipHorizontal(), m);
    }

    /**
     * The faces as network input in {@code manager}: images {@code [N, 3, S, S]} (value / 127.5 − 1)
     * and holes {@code [N, 1, S, S]}; all faces must have the same side.
     */
    public static ai.djl.ndarray.NDList toArrays(java.util.List<HoledFace> faces, ai.djl.ndarray.NDManager manager) {
        int n = faces.size();
        int s = faces.get(0).side();
        float[] images = new float[n * 3 * s * s];
        float[] holes = new float[n * s * s];
        for (int i = 0; i < n; i++) {
            faces.get(i).write(images, holes, i);
        }
        return new ai.djl.ndarray.NDList(manager.create(images, new ai.djl.ndarray.types.Shape(n, 3, s, s)),
                manager.create(holes, new ai.djl.ndarray.types.Shape(n, 1, s, s)));
    }

    /** Writes the face (CHW, value / 127.5 − 1) and the hole as item {@code i} of batch arrays. */
    public void write(float[] images, float[] holes, int i) {
        int s = side();
        NetInput.writeSigned(face, images, i * 3 * s * s);
        System.arraycopy(hole, 0, holes, i * s * s, s * s);
    }
}
