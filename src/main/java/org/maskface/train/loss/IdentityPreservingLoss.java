package org.maskface.train.loss;

import ai.djl.ndarray.NDArray;
import org.maskface.nn.Batches;

/**
 * MEER's id-preserving loss: the frozen teacher's embedding of the restored face should point
 * where its embedding of the real unmasked face points. Mean over the batch of 1 − cos; 0 when
 * every restored face looks, to the teacher, like the person's photo.
 */
public final class IdentityPreservingLoss {

    private IdentityPreservingLoss() {
    }

    /**
     * @param restored the teacher's raw embeddings of the restored faces {@code [N, D]}
     * @param unmasked the teacher's embeddings of the unmasked faces {@code [N, D]} (any length)
     */
    public static NDArray of(NDArray restored, NDArray unmasked) {
        return Batches.unitRows(restored).mul(Batches.unitRows(unmasked)).sum(new int[] {1}).neg().add(1).mean();
    }
}
