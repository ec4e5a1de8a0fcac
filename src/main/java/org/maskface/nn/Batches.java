package org.maskface.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/** Batch-wise helpers: joining per-sample results, normalising rows. */
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

    /** Each row of {@code [N, D]} scaled to unit length (1e-12 under the root keeps zero rows finite). */
    public static NDArray unitRows(NDArray rows) {
        return rows.div(Scalars.pow(rows, 2).sum(new int[] {1}, true).add(1e-12).sqrt());
    }
}
