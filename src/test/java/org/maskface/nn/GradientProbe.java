package org.maskface.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;

/** The gradient of a function, optionally with a garbage collection between its forward and backward pass. */
public final class GradientProbe {

    private GradientProbe() {
    }

    /**
     * d sum(f(x)) / dx for x of {@code shape}; with {@code collect}, a full collection runs between
     * forward and backward, and the JVM's reference handler has freed what it found dead before the
     * backward starts.
     */
    public static float[] gradient(UnaryOperator<NDArray> f, float[] x, Shape shape, boolean collect)
            throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray a = m.create(x, shape);
            a.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = f.apply(a).sum();
                if (collect) {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(20);
                    }
                }
                gc.backward(y);
            }
            return a.getGradient().toFloatArray();
        }
    }
}
