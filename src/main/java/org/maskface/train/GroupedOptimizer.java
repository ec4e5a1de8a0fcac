package org.maskface.train;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import java.util.Set;

/**
 * Two optimizers in one: parameters in {@code fastIds} follow {@code fast}, the rest {@code slow}.
 * A network that finetunes pretrained layers gently while new heads learn from scratch needs two
 * learning rates, and a DJL trainer takes one optimizer.
 */
public final class GroupedOptimizer extends Optimizer {

    private final Set<String> fastIds;
    private final Optimizer fast;
    private final Optimizer slow;

    public GroupedOptimizer(Set<String> fastIds, Optimizer fast, Optimizer slow) {
        super(new OptimizerBuilder<>() {
            @Override
            protected OptimizerBuilder<?> self() {
                return this;
            }
        });
        this.fastIds = Set.copyOf(fastIds);
        this.fast = fast;
        this.slow = slow;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        (fastIds.contains(parameterId) ? fast : slow).update(parameterId, weight, grad);
    }
}
