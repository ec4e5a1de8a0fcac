package org.maskface.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/** Joining per-sample results back into a batch. */
public final class Batches {

    private Batches() {
    }

    /**
     * {@code parts} joined along axis 0. DJL's concat of a single array returns a copy detached
     * from autograd (a batch of one would silently stop training what produced it), so one part is
     * returned as it is.
     */
    public static NDArray concat(NDList parts) {
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
    }
}
