package org.maskface.train.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each distillation loss against a value computed by hand (and by an independent plain-Python
 * loop over the same numbers), on a 4-sample batch; invariances the relations must have; and the
 * gradient with respect to the student against central finite differences (float64).
 */
class DistillationLossTest {

    static final double[][] TEACHER = {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {1, 1, 1}};
    static final double[][] STUDENT = {{0, 0, 0}, {2, 0, 1}, {0, 1, 0}, {2, 1, 0}};
    static final double[][] CENTROIDS = {{0.5, 0.5, 0.5}, {0.5, 0.5, 0.5}, {0.2, 0.6, 0.1}, {0.2, 0.6, 0.1}};
    static final double[][] LOGITS = {{2, 0.5, -1}, {0, 1, 0}, {1, 1, 1}, {-1, 0, 3}};
    static final double[] LABELS = {0, 1, 2, 2};

    static NDArray of(NDManager m, double[][] rows) {
        double[] flat = new double[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
        }
        return m.create(flat, new Shape(rows.length, rows[0].length));
    }

    static double value(NDArray a) {
        return a.toType(DataType.FLOAT64, false).getDouble();
    }

    @Test
    void float32InputsGiveAFloat32LossOfTheSameValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray t = of(m, TEACHER).toType(DataType.FLOAT32, false);
            NDArray s = of(m, STUDENT).toType(DataType.FLOAT32, false);
            NDArray f = of(m, CENTROIDS).toType(DataType.FLOAT32, false);
            NDArray logits = of(m, LOGITS).toType(DataType.FLOAT32, false);
            NDArray labels = m.create(LABELS).toType(DataType.FLOAT32, false);
            s.setRequiresGradient(true);
            NDArray total;
            java.util.Map<String, NDArray> terms;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                terms = DistillationLoss.terms(t, s, logits, labels, f, DistillationLoss.Weights.PAPER_HARD);
                total = DistillationLoss.weighted(terms, DistillationLoss.Weights.PAPER_HARD);
                gc.backward(total);
            }
            // the student's embeddings enter only through the weighted terms: they must carry gradient
            // (a DJL toType on a weighted term once cut it from autograd and left only the cross-entropy)
            assertTrue(s.getGradient().abs().sum().getFloat() > 0.1f);
            assertEquals(DataType.FLOAT32, total.getDataType());
            terms.values().forEach(v -> assertEquals(DataType.FLOAT32, v.getDataType()));
            assertEquals(0.48931305075368686 + 1.25 + 0.03695974996303119 + 2 * 0.056289067154581617,
                    total.getFloat(), 1e-5);
        }
    }

    @Test
    void eachLossEqualsItsHandComputedValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray t = of(m, TEACHER);
            NDArray s = of(m, STUDENT);
            NDArray f = of(m, CENTROIDS);
            // |t - s| summed per row: 1, 2, 0, 2 -> mean 5/4
            assertEquals(1.25, value(DistillationLoss.instanceHard(t, s)), 1e-12);
            // -log softmax at the label: 0.2414, 0.5514, 1.0986, 0.1659 -> mean
            assertEquals(0.48931305075368686, value(DistillationLoss.crossEntropy(of(m, LOGITS), m.create(LABELS))), 1e-12);
            // |f - s| summed per row: 1.5, 2.5, 0.7, 2.3 -> mean 7/4
            assertEquals(1.75, value(DistillationLoss.instanceSoft(t, s, f)), 1e-12);
            // square (sides 1, diagonals √2) against a 2×1 rectangle, each divided by its mean distance
            assertEquals(0.03695974996303119, value(DistillationLoss.pair(t, s)), 1e-9);
            assertEquals(0.056289067154581617, value(DistillationLoss.triplet(t, s)), 1e-9);
            assertEquals(0.48931305075368686 + 1.75 + 0.03695974996303119 + 2 * 0.056289067154581617,
                    value(DistillationLoss.total(t, s, of(m, LOGITS), m.create(LABELS), f,
                            DistillationLoss.Weights.PAPER_SOFT)), 1e-9);
            assertEquals(0.48931305075368686, value(DistillationLoss.total(t, s, of(m, LOGITS), m.create(LABELS), f,
                    DistillationLoss.Weights.CE_ONLY)), 1e-12);
            // G2D's reformer: the same terms without cross-entropy
            var relations = DistillationLoss.relations(t, s, f, DistillationLoss.Weights.PAPER_HARD);
            assertEquals(java.util.List.of("instance", "pair", "triplet"), java.util.List.copyOf(relations.keySet()));
            assertEquals(1.25 + 0.03695974996303119 + 2 * 0.056289067154581617,
                    value(DistillationLoss.weighted(relations, DistillationLoss.Weights.PAPER_HARD)), 1e-9);
            assertEquals(0.03695974996303119, value(DistillationLoss.weighted(DistillationLoss.relations(t, s, f,
                    new DistillationLoss.Weights(DistillationLoss.Instance.NONE, 0, 1, 0)),
                    DistillationLoss.Weights.PAPER_HARD)), 1e-9);
            assertThrows(IllegalArgumentException.class, () -> DistillationLoss.weighted(
                    DistillationLoss.relations(t, s, f, DistillationLoss.Weights.CE_ONLY), DistillationLoss.Weights.CE_ONLY));
        }
    }

    @Test
    void relationsIgnoreScaleRotationAndShiftAsTheyShould() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray t = random(m, 6, 5, 1);
            // distances over their mean and angles do not change with scale, shift or rotation
            double c = Math.cos(0.7);
            double sn = Math.sin(0.7);
            NDArray rotation = m.create(new double[] {c, -sn, 0, 0, 0, sn, c, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0,
                0, 0, 0, 0, 1}, new Shape(5, 5));
            NDArray moved = t.matMul(rotation).mul(3.5).add(0.25);
            assertEquals(0, value(DistillationLoss.pair(t, moved)), 1e-9);
            assertEquals(0, value(DistillationLoss.triplet(t, moved)), 1e-9);
            // the instance terms do see it
            assertEquals(true, value(DistillationLoss.instanceHard(t, moved)) > 0.1);
            // the soft term's target is the identity's centre, not the photo's own teacher embedding
            NDArray centre = random(m, 6, 5, 2);
            assertEquals(0, value(DistillationLoss.instanceSoft(t, centre, centre)), 1e-12);
            assertEquals(true, value(DistillationLoss.instanceHard(t, centre)) > 0.1);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Engine.getEngine("PyTorch");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray t = random(m, 5, 4, 3);
            NDArray f = random(m, 5, 4, 4);
            NDArray logits = random(m, 5, 3, 5);
            NDArray labels = m.create(new double[] {0, 2, 1, 1, 0});
            NDArray s0 = random(m, 5, 4, 6);
            check(s0, s -> DistillationLoss.pair(t, s), "pair");
            check(s0, s -> DistillationLoss.triplet(t, s), "triplet");
            check(s0, s -> DistillationLoss.instanceSoft(t, s, f), "soft instance");
            check(s0, s -> DistillationLoss.instanceHard(t, s), "hard instance");
            check(logits, l -> DistillationLoss.crossEntropy(l, labels), "cross-entropy");
        }
    }

    private static void check(NDArray at, Function<NDArray, NDArray> loss, String what) {
        NDArray x = at.duplicate();
        x.setRequiresGradient(true);
        double[] analytic;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray l = loss.apply(x);
            gc.backward(l);
            analytic = x.getGradient().toDoubleArray();
        }
        double[] base = at.toDoubleArray();
        double h = 1e-6;
        for (int i = 0; i < base.length; i++) {
            double[] plus = base.clone();
            double[] minus = base.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (value(loss.apply(at.getManager().create(plus, at.getShape())))
                    - value(loss.apply(at.getManager().create(minus, at.getShape())))) / (2 * h);
            assertEquals(numeric, analytic[i], 1e-6 + 1e-5 * Math.abs(numeric), what + " d/dx[" + i + "]");
        }
    }

    @Test
    void refusesBatchesWithoutTuples() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray two = random(m, 2, 3, 1);
            assertThrows(IllegalArgumentException.class, () -> DistillationLoss.triplet(two, two));
            assertThrows(IllegalArgumentException.class, () -> DistillationLoss.pair(two, random(m, 3, 3, 2)));
        }
    }

    static NDArray random(NDManager m, int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return m.create(v, new Shape(rows, cols));
    }
}
