package org.maskface.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Contextual attention borrows from visible patches only, and finds the patch that matches. */
class ContextualAttentionTest {

    static NDArray random(NDManager m, Shape shape, long seed) {
        Random r = new Random(seed);
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return m.create(v, shape);
    }

    static NDArray hole(NDManager m, int h, int w, int y0, int y1, int x0, int x1) {
        float[] v = new float[h * w];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                v[y * w + x] = 1;
            }
        }
        return m.create(v, new Shape(1, 1, h, w));
    }

    @Test
    void copiesTheMatchingVisiblePatchIntoTheHole() {
        try (NDManager m = NDManager.newBaseManager()) {
            int h = 10;
            NDArray f = random(m, new Shape(1, 8, h, h), 1);
            // the 5×5 neighbourhood of (2, 2) repeated around (6, 6), inside the hole
            float[] v = f.toFloatArray();
            for (int c = 0; c < 8; c++) {
                for (int dy = -2; dy <= 2; dy++) {
                    for (int dx = -2; dx <= 2; dx++) {
                        v[(c * h + 6 + dy) * h + 6 + dx] = v[(c * h + 2 + dy) * h + 2 + dx];
                    }
                }
            }
            f = m.create(v, f.getShape());
            NDArray out = ContextualAttention.apply(f, hole(m, h, h, 5, 8, 5, 8), 100);
            assertEquals(new Shape(1, 8, h, h), out.getShape());
            float[] got = out.get(0).get(":, 6, 6").toFloatArray();
            float[] want = f.get(0).get(":, 2, 2").toFloatArray();
            for (int c = 0; c < 8; c++) {
                assertEquals(want[c], got[c], 1e-3, "channel " + c);
            }
        }
    }

    @Test
    void whatIsInTheHoleNeverComesOut() {
        try (NDManager m = NDManager.newBaseManager()) {
            int h = 9;
            NDArray hole = hole(m, h, h, 3, 6, 2, 7);
            // background constant 0.5, hole full of noise: every interior position receives 0.5
            NDArray noise = random(m, new Shape(1, 4, h, h), 2);
            NDArray f = noise.mul(hole).add(hole.neg().add(1).mul(0.5f));
            NDArray out = ContextualAttention.apply(f, hole, ContextualAttention.DEFAULT_SCALE);
            float[] interior = out.get(":, :, 1:8, 1:8").toFloatArray();
            for (float x : interior) {
                assertEquals(0.5, x, 1e-5);
            }
            // two faces in a batch attend separately
            NDArray two = ContextualAttention.apply(f.concat(f.mul(2), 0), hole.concat(hole, 0), 10);
            assertEquals(1.0, two.get(1).get(":, 4, 4").toFloatArray()[0], 1e-5);
            assertThrows(IllegalArgumentException.class, () -> ContextualAttention.apply(f, hole.get(0), 10));
        }
    }

    @Test
    void gradientStaysFiniteWhereFeaturesAreZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            // ReLU features are often exactly zero over whole patches
            NDArray relu = random(m, new Shape(1, 4, 8, 8), 3).maximum(0);
            relu.set(new ai.djl.ndarray.index.NDIndex(":, :, 0:4, 0:4"), 0f);
            NDArray f = m.create(relu.toFloatArray(), relu.getShape());
            f.setRequiresGradient(true);
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                gc.backward(ContextualAttention.apply(f, hole(m, 8, 8, 5, 7, 2, 6), 10).sum());
            }
            for (float g : f.getGradient().toFloatArray()) {
                assertEquals(true, Float.isFinite(g), "gradient " + g);
            }
        }
    }
}
