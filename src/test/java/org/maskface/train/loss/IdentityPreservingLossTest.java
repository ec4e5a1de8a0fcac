package org.maskface.train.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** MEER's id-preserving loss against values worked out by hand. */
class IdentityPreservingLossTest {

    @Test
    void meanOfOneMinusCosine() {
        try (NDManager m = NDManager.newBaseManager()) {
            // row 1: (3, 4) vs (4, 3): cos = 24 / 25 = 0.96; row 2: (1, 0) vs (0, 2): cos = 0
            float loss = IdentityPreservingLoss.of(m.create(new float[] {3, 4, 1, 0}, new Shape(2, 2)),
                    m.create(new float[] {4, 3, 0, 2}, new Shape(2, 2))).getFloat();
            assertEquals(((1 - 0.96) + (1 - 0)) / 2, loss, 1e-6);
            // length does not matter, direction does: the same direction costs nothing, the opposite 2
            assertEquals(0f, IdentityPreservingLoss.of(m.create(new float[] {2, 0}, new Shape(1, 2)),
                    m.create(new float[] {7, 0}, new Shape(1, 2))).getFloat(), 1e-6f);
            assertEquals(2f, IdentityPreservingLoss.of(m.create(new float[] {0, -1}, new Shape(1, 2)),
                    m.create(new float[] {0, 3}, new Shape(1, 2))).getFloat(), 1e-6f);
        }
    }
}
