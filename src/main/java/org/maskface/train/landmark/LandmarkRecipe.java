package org.maskface.train.landmark;

import java.io.IOException;
import java.nio.file.Path;
import org.maskface.train.Augment;
import org.maskface.train.Recipe;
import org.maskface.train.TrainingData;

/**
 * The landmark-refiner recipe (e.g. {@code recipes/landmark-refiner.json}): finetunes face-api's
 * 68-point net on aligned faces wearing synthetic masks, targets = the clean face's landmarks.
 * The geometric jitter stands for the first stage's drift, which the refiner must undo.
 */
public record LandmarkRecipe(String name, long seed, TrainingData data, Augment augment, Optim optim)
        implements Recipe<LandmarkRecipe> {

    /**
     * Adam, warm-up then cosine decay from {@code lr} to {@code finalLr}; the eye points weigh
     * {@code eyeWeight} in the L1 loss.
     */
    public record Optim(int steps, int batch, float lr, float finalLr, int warmupSteps, float eyeWeight,
                        int evalEvery) {
    }

    public static LandmarkRecipe load(Path file) throws IOException {
        return Recipe.load(file, LandmarkRecipe.class);
    }

    @Override
    public String problem() {
        if (name == null || data == null || augment == null || optim == null || !data.complete()) {
            return "recipe needs name, seed, data{lfw, pairs, trainFolds, heldOutFolds, heldOutImages, cleanFraction}, "
                    + "augment{...}, optim{...}";
        }
        if (optim.steps < 1 || optim.batch < 1 || optim.lr <= 0 || optim.evalEvery < 1 || optim.eyeWeight <= 0) {
            return "steps, batch, lr, eyeWeight and evalEvery must be positive";
        }
        return null;
    }

    @Override
    public int checkEvery() {
        return optim.evalEvery;
    }

    @Override
    public LandmarkRecipe withSteps(int steps, int evalEvery) {
        return new LandmarkRecipe(name, seed, data, augment,
                new Optim(steps, optim.batch, optim.lr, optim.finalLr, Math.min(optim.warmupSteps, steps / 4),
                        optim.eyeWeight, evalEvery));
    }
}
