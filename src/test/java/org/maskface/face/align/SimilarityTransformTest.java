package org.maskface.face.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SimilarityTransformTest {
    private static final double[][] TEMPLATE = FaceTemplate.ARCFACE_112.points();

    private static void assertMatrix(double[][] expected, double[][] actual, double tol) {
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(expected[r][c], actual[r][c], tol, "m" + r + c);
            }
        }
    }

    @Test
    void recoversAKnownTransformFromNoiselessPoints() {
        SimilarityTransform truth = SimilarityTransform.of(1.7, 25, 37.5, -12.25);
        double[][] dst = truth.applyAll(TEMPLATE);
        SimilarityTransform est = SimilarityTransform.estimate(TEMPLATE, dst);
        assertMatrix(truth.matrix(), est.matrix(), 1e-12);
        assertEquals(1.7, est.scale(), 1e-12);
        assertEquals(25, est.rotationDegrees(), 1e-10);
        assertEquals(0, est.rmsError(TEMPLATE, dst), 1e-12);
    }

    @Test
    void recoversRandomTransformsIncludingLargeRotations() {
        Random rng = new Random(3);
        for (int i = 0; i < 200; i++) {
            SimilarityTransform truth = SimilarityTransform.of(0.05 + 5 * rng.nextDouble(), -179 + 358 * rng.nextDouble(),
                    1000 * rng.nextGaussian(), 1000 * rng.nextGaussian());
            SimilarityTransform est = SimilarityTransform.estimate(TEMPLATE, truth.applyAll(TEMPLATE));
            assertMatrix(truth.matrix(), est.matrix(), 1e-9);
        }
    }

    @Test
    void matchesUmeyamaSvdOnNoisyPoints() {
        // expected values from a NumPy implementation of Umeyama (1991), eqs. 40–42, with the
        // reflection correction S = diag(1, -1) when det(U)·det(V) < 0
        double[][] src = {{101.3, 140.2}, {160.8, 133.9}, {131.0, 170.5}, {108.4, 205.1}, {155.2, 200.7}};
        assertMatrix(new double[][] {
            {6.0998401199128305e-01, -2.5068829301209003e-02, -1.9825433647385481e+01},
            {2.5068829301209027e-02, 6.0998401199128316e-01, -3.5137840799898242e+01}},
            SimilarityTransform.estimate(src, TEMPLATE).matrix(), 1e-12);

        // a mirrored face: the best fit must still be a proper rotation (no reflection)
        double[][] mirrored = new double[src.length][];
        for (int i = 0; i < src.length; i++) {
            mirrored[i] = new double[] {300 - src[i][0], src[i][1]};
        }
        SimilarityTransform est = SimilarityTransform.estimate(mirrored, TEMPLATE);
        assertMatrix(new double[][] {
            {1.3118918350866721e-01, -1.9258697551964174e-02, 3.7175311589066261e+01},
            {1.9258697551964174e-02, 1.3118918350866718e-01, 4.6339951739731603e+01}},
            est.matrix(), 1e-12);
        assertTrue(est.toAffine().determinant() > 0);
    }

    @Test
    void leastSquaresResidualIsStationary() {
        double[][] src = {{10, 20}, {50, 18}, {31, 40}, {15, 61}, {47, 60}};
        SimilarityTransform est = SimilarityTransform.estimate(src, TEMPLATE);
        double best = est.rmsError(src, TEMPLATE);
        double h = 1e-4;
        double[] base = {est.a(), est.b(), est.translationX(), est.translationY()};
        for (int k = 0; k < 4; k++) {
            for (double d : new double[] {-h, h}) {
                double[] p = base.clone();
                p[k] += d;
                double perturbed = new SimilarityTransform(p[0], p[1], p[2], p[3]).rmsError(src, TEMPLATE);
                assertTrue(perturbed >= best, "parameter " + k + " moved by " + d + " lowered the error");
            }
        }
    }

    @Test
    void inverseComposeAndThen() {
        SimilarityTransform t = SimilarityTransform.of(1.7, 25, 10, -4);
        SimilarityTransform u = SimilarityTransform.of(0.5, -70, 3, 8);
        assertMatrix(SimilarityTransform.IDENTITY.matrix(), t.compose(t.inverse()).matrix(), 1e-12);
        assertMatrix(SimilarityTransform.IDENTITY.matrix(), t.inverse().compose(t).matrix(), 1e-12);
        double[] p = {12.5, -7.25};
        double[] viaCompose = t.compose(u).apply(p[0], p[1]);
        double[] uFirst = u.apply(p[0], p[1]);
        double[] expected = t.apply(uFirst[0], uFirst[1]);
        assertEquals(expected[0], viaCompose[0], 1e-12);
        assertEquals(expected[1], viaCompose[1], 1e-12);
        assertMatrix(t.compose(u).matrix(), u.then(t).matrix(), 1e-12);
        // the affine versions agree
        assertMatrix(t.compose(u).matrix(), t.toAffine().compose(u.toAffine()).matrix(), 1e-12);
        assertMatrix(t.inverse().matrix(), t.toAffine().inverse().matrix(), 1e-12);
        assertEquals(1 / 1.7, t.inverse().scale(), 1e-12);
        assertEquals(-25, t.inverse().rotationDegrees(), 1e-10);
    }

    @Test
    void rejectsDegenerateInput() {
        double[][] same = {{5, 5}, {5, 5}, {5, 5}};
        assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.estimate(same, new double[][] {{0, 0}, {1, 0}, {0, 1}}));
        assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.estimate(new double[][] {{0, 0}, {1, 0}, {0, 1}}, same));
        assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.estimate(new double[][] {{0, 0}}, new double[][] {{1, 1}}));
        assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.estimate(TEMPLATE, new double[4][2]));
        assertThrows(IllegalArgumentException.class,
                () -> SimilarityTransform.estimate(new double[][] {{0, 0}, {Double.NaN, 1}}, new double[][] {{0, 0}, {1, 1}}));
    }
}
