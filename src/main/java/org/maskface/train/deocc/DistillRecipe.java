package org.maskface.train.deocc;

import java.io.IOException;
import java.nio.file.Path;
import org.maskface.train.Recipe;
import org.maskface.train.TrainingData;
import org.maskface.train.loss.DistillationLoss;

/**
 * The de-occlusion distillation student's recipe (e.g. {@code recipes/deocc.json}): a student
 * recognizer started from the teacher's weights learns on completed (inpainted) masked faces to
 * match the frozen teacher's embedding of the unmasked face.
 *
 * @param inpainting   complete the covered part with the shipped inpainter before the student sees it
 *                     (off: the student sees the masked face; the paper's "w/o inpainting" ablation)
 * @param frozenUnits  leading units of the student kept at the teacher's values (0 = stem trains too; the
 *                     stem counts as one unit): low-level filters need no change, and the backward pass gets cheaper
 * @param loss         which distillation terms and their weights (DESIGN.md §3.1)
 */
public record DistillRecipe(String name, long seed, TrainingData data, Boolean inpainting, int frozenUnits,
                            Loss loss, Optim optim) implements Recipe<DistillRecipe> {

    /**
     * The cross-entropy over the training identities always counts with weight 1 (the paper).
     *
     * @param instance        NONE, HARD or SOFT
     * @param classifierScale the cross-entropy's logits are this × cosine(embedding, class weight)
     */
    public record Loss(DistillationLoss.Instance instance, double instanceWeight, double pairWeight,
                       double tripletWeight, double classifierScale) {

        public DistillationLoss.Weights weights() {
            return new DistillationLoss.Weights(instance, instanceWeight, pairWeight, tripletWeight);
        }
    }

    /**
     * Adam, warm-up then cosine decay to {@code finalLr}. A batch is {@code identities} people with
     * {@code perIdentity} faces each (people with fewer faces are not drawn), so every batch holds
     * positive pairs for the relational terms.
     */
    public record Optim(int steps, int identities, int perIdentity, float lr, float finalLr, int warmupSteps,
                        int evalEvery, int checkpointEvery) {

        public int batch() {
            return identities * perIdentity;
        }
    }

    public static DistillRecipe load(Path file) throws IOException {
        return Recipe.load(file, DistillRecipe.class);
    }

    @Override
    public String problem() {
        if (name == null || data == null || inpainting == null || optim == null || loss == null || loss.instance == null
                || !data.complete()) {
            return "recipe needs name, seed, data{lfw, pairs, trainFolds, heldOutFolds, heldOutImages, cleanFraction}, "
                    + "inpainting, frozenUnits, loss{instance, instanceWeight, pairWeight, tripletWeight, classifierScale}, optim{steps, identities, perIdentity, lr, finalLr, warmupSteps, evalEvery, "
                    + "checkpointEvery}";
        }
        if (optim.steps < 1 || optim.identities < 2 || optim.perIdentity < 1 || optim.lr <= 0 || optim.evalEvery < 1
                || optim.checkpointEvery < 0 || optim.batch() < 3) {
            return "steps, evalEvery must be positive, identities >= 2, perIdentity >= 1 (batch >= 3 for triplets), "
                    + "lr > 0, checkpointEvery >= 0";
        }
        if (frozenUnits < 0 || loss.classifierScale <= 0 || loss.instanceWeight < 0
                || loss.pairWeight < 0 || loss.tripletWeight < 0) {
            return "frozenUnits, the loss weights must not be negative; classifierScale must be positive";
        }
        return data.cleanFractionProblem();
    }

    @Override
    public int checkEvery() {
        return optim.evalEvery;
    }

    @Override
    public DistillRecipe withSteps(int steps, int evalEvery) {
        return new DistillRecipe(name, seed, data, inpainting, frozenUnits, loss,
                new Optim(steps, optim.identities, optim.perIdentity, optim.lr, optim.finalLr,
                        Math.min(optim.warmupSteps, steps / 4), evalEvery, Math.min(optim.checkpointEvery, steps)));
    }
}
