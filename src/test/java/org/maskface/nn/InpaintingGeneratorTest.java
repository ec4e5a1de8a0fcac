package org.maskface.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/** The inpainter's generator: shapes, range, the visible face kept, and that it learns to fill a hole. */
class InpaintingGeneratorTest {

    static NDArray squareHole(NDManager m, int n, int s) {
        float[] v = new float[n * s * s];
        for (int i = 0; i < n; i++) {
            for (int y = s / 2; y < s - 2; y++) {
                for (int x = 4; x < s - 4; x++) {
                    v[(i * s + y) * s + x] = 1;
                }
            }
        }
        return m.create(v, new Shape(n, 1, s, s));
    }

    @Test
    void outputsTwoFacesInRangeAndCompletesOnlyTheHole() {
        try (Model model = Model.newInstance("inpainter")) {
            InpaintingGenerator g = new InpaintingGenerator(4, ContextualAttention.DEFAULT_SCALE);
            model.setBlock(g);
            NDManager m = model.getNDManager();
            g.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(2, 3, 32, 32), new Shape(2, 1, 32, 32));
            NDArray image = m.randomUniform(-1, 1, new Shape(2, 3, 32, 32));
            NDArray hole = squareHole(m, 2, 32);
            NDList out = g.forward(new ai.djl.training.ParameterStore(m, false), new NDList(image, hole), false);
            assertEquals(2, out.size());
            assertEquals(new Shape(2, 3, 32, 32), out.get(1).getShape());
            assertTrue(out.get(1).abs().max().getFloat() <= 1f);
            NDArray done = InpaintingGenerator.complete(image, hole, out.get(1));
            NDArray visible = hole.neg().add(1);
            assertEquals(0f, done.sub(image).mul(visible).abs().max().getFloat(), 1e-6f);
            assertTrue(done.sub(image).mul(hole).abs().max().getFloat() > 0);
            assertThrows(IllegalArgumentException.class, () -> new InpaintingGenerator(3, 10));
        }
    }

    @Test
    void learnsToFillAHoleOfOneFace() {
        try (Model model = Model.newInstance("inpainter")) {
            model.setBlock(new InpaintingGenerator(4, ContextualAttention.DEFAULT_SCALE));
            Loss l1 = Loss.l1Loss();
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(l1)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(3e-3f)).build()))) {
                NDManager m = trainer.getManager();
                trainer.initialize(new Shape(1, 3, 32, 32), new Shape(1, 1, 32, 32));
                // a smooth "face": horizontal and vertical gradients
                float[] v = new float[3 * 32 * 32];
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < 32; y++) {
                        for (int x = 0; x < 32; x++) {
                            v[(c * 32 + y) * 32 + x] = (float) Math.sin(0.1 * (x + 2 * y) + c);
                        }
                    }
                }
                NDArray face = m.create(v, new Shape(1, 3, 32, 32));
                NDArray hole = squareHole(m, 1, 32);
                double first = 0;
                double last = 0;
                for (int step = 0; step < 30; step++) {
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDList out = trainer.forward(new NDList(face, hole));
                        NDArray loss = out.get(0).sub(face).abs().mean().add(out.get(1).sub(face).abs().mean());
                        gc.backward(loss);
                        if (step == 0) {
                            first = loss.getFloat();
                        }
                        last = loss.getFloat();
                    }
                    trainer.step();
                }
                assertTrue(last < 0.6 * first, "L1 " + first + " -> " + last);
            }
        }
    }
}
