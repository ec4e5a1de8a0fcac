package org.maskface.train.occlusion;

import java.io.IOException;
import java.nio.file.Path;
import org.maskface.train.Augment;
import org.maskface.train.Recipe;
import org.maskface.train.TrainingData;

/**
 * The occlusion-map recipe (one JSON file, e.g. {@code recipes/occlusion-unet.json}): data,
 * augmentation and optimisation settings. Every field is required, so a recipe file says
 * everything that shaped the weights.
 */
public record OcclusionRecipe(String name, long seed, int width, TrainingData data, Augment augment, Optim optim)
        implements Recipe<OcclusionRecipe> {

    /** Adam with warm-up then cosine decay from {@code lr} to {@code finalLr}. */
    public record Optim(int steps, int batch, float lr, float finalLr, int warmupSteps, float diceWeight,
                        int evalEvery) {
    }

    public static OcclusionRecipe load(Path file) throws IOException {
        return Recipe.load(file, OcclusionRecipe.class);
    }

    @Override
    public String problem() {
        if (name == null || data == null || augment == null || optim == null || !data.complete()) {
            return "recipe needs name, seed, width, data{lfw, pairs, trainFolds, heldOutFolds, heldOutImages, "
                    + "cleanFraction}, augment{...}, optim{...}";
        }
        if (width < 1 || optim.steps < 1 || optim.batch < 1 || optim.lr <= 0 || optim.evalEvery < 1) {
            return "width, steps, batch, lr and evalEvery must be positive";
        }
        return null;
    }

    @Override
    public int checkEvery() {
        return optim.evalEvery;
    }

    @Override
    public OcclusionRecipe withSteps(int steps, int evalEvery) {
        return new OcclusionRecipe(name, seed, width, data, augment,
                new Optim(steps, optim.batch, optim.lr, optim.finalLr, Math.min(optim.warmupSteps, steps / 4),
                        optim.diceWeight, evalEvery));
    }
}
