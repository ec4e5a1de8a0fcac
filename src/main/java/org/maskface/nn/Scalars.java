package org.maskface.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant that is safe inside an autograd graph. Use these instead of DJL's
 * {@code NDArray.mul/div/pow/maximum/minimum(Number)} in anything that may be trained.
 *
 * <p>Why: on PyTorch, DJL turns the {@code Number} into a 0-d tensor whose storage is a Java direct
 * {@code ByteBuffer} (torch's {@code from_blob}, no copy) and closes it as soon as the forward op
 * returns. The backward of a product, quotient, power, maximum or minimum keeps that scalar and
 * reads it again; once a garbage collection has freed the buffer, it reads freed memory, and the
 * gradient is garbage — wrong or non-finite, at random, depending on when the collector ran. The
 * scalars made here live in PyTorch's own memory ({@code full}), which the graph keeps alive by
 * reference count. {@code ScalarsTest} proves the hazard, the fix, and that no maskface class
 * calls the unsafe overloads.
 */
public final class Scalars {

    private Scalars() {
    }

    /** A 0-d array holding {@code value}, of {@code like}'s type, on its manager, in native memory. */
    public static NDArray of(NDArray like, double value) {
        NDManager m = like.getManager();
        if (like.getDataType() != DataType.FLOAT64) {
            return m.full(new Shape(), (float) value, like.getDataType());
        }
        try (NDArray inJava = m.create(value)) { // full() takes a float: a double's digits would be lost
            return inJava.duplicate(); // torch's clone: a copy in PyTorch's own memory
        }
    }

    /** {@code a · k}. */
    public static NDArray mul(NDArray a, double k) {
        return a.mul(of(a, k));
    }

    /** {@code a / k}. */
    public static NDArray div(NDArray a, double k) {
        return a.div(of(a, k));
    }

    /** {@code a ^ k}, elementwise; squaring is {@code a · a} (exact, and no scalar to keep). */
    public static NDArray pow(NDArray a, double k) {
        return k == 2 ? a.mul(a) : a.pow(of(a, k));
    }

    /** {@code max(a, k)}, elementwise. */
    public static NDArray max(NDArray a, double k) {
        return a.maximum(of(a, k));
    }

    /** {@code min(a, k)}, elementwise. */
    public static NDArray min(NDArray a, double k) {
        return a.minimum(of(a, k));
    }
}
