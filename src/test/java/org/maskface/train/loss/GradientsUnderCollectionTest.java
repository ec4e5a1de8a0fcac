package org.maskface.train.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.maskface.nn.Batches;
import org.maskface.nn.GradientProbe;

/**
 * Every training loss gives the same gradient whether or not a garbage collection runs between
 * its forward and its backward. Scalars that live in Java buffers (DJL's {@code op(Number)}
 * overloads) fail this: the collector frees them and the backward reads freed memory — the cause
 * of the non-finite gradients trainers used to refuse at random.
 */
class GradientsUnderCollectionTest {

    private static final int N = 4;
    private static final int D = 6;

    @Test
    void aCollectionBetweenForwardAndBackwardChangesNoGradient() throws Exception {
        float[] student = values(N * D, 1);
        float[] teacher = values(N * D, 2);
        float[] target = new float[N * D];
        for (int i = 0; i < target.length; i++) {
            target[i] = i % 3 == 0 ? 1 : 0;
        }
        Map<String, UnaryOperator<NDArray>> losses = new LinkedHashMap<>();
        losses.put("segmentation (BCE + Dice)", s -> new SegmentationLoss(1f).evaluate(
                new NDList(s.getManager().create(target, new Shape(N, 1, 1, D))), new NDList(s.reshape(N, 1, 1, D))));
        losses.put("pair", s -> DistillationLoss.pair(s.getManager().create(teacher, new Shape(N, D)), s));
        losses.put("triplet", s -> DistillationLoss.triplet(s.getManager().create(teacher, new Shape(N, D)), s));
        losses.put("weighted relations", s -> DistillationLoss.weighted(DistillationLoss.relations(
                s.getManager().create(teacher, new Shape(N, D)), Batches.unitRows(s),
                s.getManager().create(teacher, new Shape(N, D)), DistillationLoss.Weights.PAPER_HARD),
                DistillationLoss.Weights.PAPER_HARD));
        losses.put("id-preserving", s -> IdentityPreservingLoss.of(s, s.getManager().create(teacher, new Shape(N, D))));
        for (var e : losses.entrySet()) {
            float[] plain = gradient(e.getValue(), student, false);
            for (float g : plain) {
                assertTrue(Float.isFinite(g), e.getKey() + ": " + g);
            }
            for (int round = 0; round < 3; round++) {
                assertArrayEquals(plain, gradient(e.getValue(), student, true), e.getKey() + ", round " + round);
            }
        }
    }

    private static float[] values(int n, int seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** d loss / d student, [N, D]; with {@code collect}, a full collection runs between forward and backward. */
    private static float[] gradient(UnaryOperator<NDArray> loss, float[] student, boolean collect) throws Exception {
        return GradientProbe.gradient(loss, student, new Shape(N, D), collect);
    }
}
