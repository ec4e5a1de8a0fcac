package org.maskface.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Two learning rates in one optimizer: each parameter moves by its own group's. */
class GroupedOptimizerTest {

    @Test
    void eachGroupUpdatesWithItsOwnOptimizer() {
        try (NDManager m = NDManager.newBaseManager()) {
            Optimizer fast = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build();
            Optimizer slow = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build();
            GroupedOptimizer both = new GroupedOptimizer(Set.of("head"), fast, slow);
            NDArray head = m.create(new float[] {1f, 1f});
            NDArray body = m.create(new float[] {1f, 1f});
            NDArray grad = m.create(new float[] {2f, -2f});
            both.update("head", head, grad);
            both.update("body", body, grad);
            // plain SGD: w − lr · g
            assertEquals(1 - 0.5f * 2, head.getFloat(0), 1e-6f);
            assertEquals(1 + 0.5f * 2, head.getFloat(1), 1e-6f);
            assertEquals(1 - 0.01f * 2, body.getFloat(0), 1e-6f);
            assertEquals(1 + 0.01f * 2, body.getFloat(1), 1e-6f);
        }
    }
}
