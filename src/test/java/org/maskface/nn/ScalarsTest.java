package org.maskface.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cause of the random non-finite gradients: DJL's {@code op(Number)} overloads keep their
 * scalar in a Java buffer that a garbage collection frees before the backward reads it. Shown on
 * DJL's overload, fixed by {@link Scalars}, and kept out of every maskface class.
 */
class ScalarsTest {

    /** DJL's overloads whose backward reads the scalar again (add and sub do not: their gradient is 1). */
    private static final Set<String> UNSAFE = Set.of("mul", "div", "rdiv", "pow", "rpow", "maximum", "minimum");

    @Test
    void djlsOwnOverloadReadsItsScalarAfterTheCollectorFreedIt() throws Exception {
        // the hazard itself, on DJL's x.mul(2): a collection between forward and backward frees the
        // scalar's buffer, and the gradient, 2 everywhere, comes out as whatever the memory holds now
        int corrupted = 0;
        for (int round = 0; round < 10 && corrupted == 0; round++) {
            float[] g = gradient(x -> x.mul(2), new float[] {1, 2, 3}, true);
            if (g[0] != 2f) {
                corrupted++;
            }
        }
        assertTrue(corrupted > 0, "DJL kept its scalar alive through 10 collections: if a DJL upgrade fixed "
                + "from_blob scalars, Scalars may be dropped");
    }

    @Test
    void djlsAddAndSubOverloadsAreSafeTheirBackwardKeepsNoScalar() throws Exception {
        // why UNSAFE leaves them out: the gradient of x + k and x − k is 1 whatever k holds by then
        assertArrayEquals(new float[] {1, 1, 1}, gradient(x -> x.add(2), new float[] {1, 2, 3}, true));
        assertArrayEquals(new float[] {1, 1, 1}, gradient(x -> x.sub(0.5), new float[] {1, 2, 3}, true));
    }

    @Test
    void scalarsSurviveACollectionBetweenForwardAndBackward() throws Exception {
        float[] x = {0.5f, -2f, 3f};
        assertArrayEquals(new float[] {2, 2, 2}, gradient(a -> Scalars.mul(a, 2), x, true));
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f}, gradient(a -> Scalars.div(a, 4), x, true));
        assertArrayEquals(new float[] {1, -4, 6}, gradient(a -> Scalars.pow(a, 2), x, true));
        assertArrayEquals(new float[] {0.75f, 12f, 27f}, gradient(a -> Scalars.pow(a, 3), x, true));
        assertArrayEquals(new float[] {1, 0, 1}, gradient(a -> Scalars.max(a, 0), x, true));
        assertArrayEquals(new float[] {1, 1, 0}, gradient(a -> Scalars.min(a, 1), x, true));
    }

    @Test
    void aScalarHasItsArraysTypeAndAFloat64KeepsEveryDigit() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray third = Scalars.of(m.create(new double[] {1}), 1.0 / 3);
            assertEquals(ai.djl.ndarray.types.DataType.FLOAT64, third.getDataType());
            assertEquals(1.0 / 3, third.getDouble());
            NDArray f = Scalars.of(m.create(new float[] {1}), 1.0 / 3);
            assertEquals(ai.djl.ndarray.types.DataType.FLOAT32, f.getDataType());
            assertEquals((float) (1.0 / 3), f.getFloat());
        }
    }

    @Test
    void noMaskfaceClassCallsAnOverloadWhoseBackwardReadsAJavaScalar() throws Exception {
        Path classes = Path.of(Scalars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                scanned++;
                for (ClassFileReferences.MethodRef m : ClassFileReferences.methods(f)) {
                    if (m.owner().startsWith("ai/djl/") && UNSAFE.contains(m.name())
                            && m.descriptor().contains("Ljava/lang/Number;")) {
                        offenders.add(classes.relativize(f) + " calls " + m);
                    }
                }
            }
        }
        assertTrue(scanned > 100, "scanned " + scanned + " classes in " + classes);
        assertEquals(List.of(), offenders, "use org.maskface.nn.Scalars instead");
    }

    static float[] gradient(UnaryOperator<NDArray> f, float[] x, boolean collect) throws InterruptedException {
        return GradientProbe.gradient(f, x, new Shape(x.length), collect);
    }
}
