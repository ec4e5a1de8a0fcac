package org.maskface.train.deocc;

import java.io.IOException;
import java.nio.file.Path;
import org.maskface.train.Recipe;
import org.maskface.train.TrainingData;

/**
 * The de-occlusion inpainter's recipe (e.g. {@code recipes/inpainter.json}).
 *
 * @param size         side the aligned 112 faces are scaled to (divisible by 16)
 * @param width        generator width ({@link org.maskface.nn.InpaintingGenerator})
 * @param criticWidth  width of the global and local critics
 * @param localWindow  side of the local critic's window around the hole (≤ size, divisible by 16)
 */
public record InpainterRecipe(String name, long seed, int size, int width, double attentionScale, int criticWidth,
                              int localWindow, TrainingData data, Optim optim) implements Recipe<InpainterRecipe> {

    /**
     * Adam for the generator ({@code lr}) and the critics ({@code criticLr}), constant after a
     * warm-up; the generator's loss is {@code l1Weight}·(L1 coarse + L1 fine) +
     * {@code adversarialWeight}·(global + local hinge).
     */
    public record Optim(int steps, int batch, float lr, float criticLr, int warmupSteps, double l1Weight,
                        double adversarialWeight, int evalEvery) {
    }

    public static InpainterRecipe load(Path file) throws IOException {
        return Recipe.load(file, InpainterRecipe.class);
    }

    @Override
    public String problem() {
        if (name == null || data == null || optim == null || !data.complete()) {
            return "recipe needs name, seed, size, width, attentionScale, criticWidth, localWindow, "
                    + "data{lfw, pairs, trainFolds, heldOutFolds, heldOutImages, cleanFraction}, optim{...}";
        }
        if (size < 16 || size % 16 != 0 || localWindow < 16 || localWindow % 16 != 0 || localWindow > size) {
            return "size and localWindow must be multiples of 16, localWindow <= size";
        }
        if (width < 2 || width % 2 != 0 || criticWidth < 1 || optim.steps < 1 || optim.batch < 1 || optim.lr <= 0
                || optim.criticLr <= 0 || optim.evalEvery < 1 || attentionScale <= 0) {
            return "width (even), criticWidth, steps, batch, lr, criticLr, evalEvery and attentionScale must be positive";
        }
        return null;
    }

    @Override
    public int checkEvery() {
        return optim.evalEvery;
    }

    @Override
    public InpainterRecipe withSteps(int steps, int evalEvery) {
        return new InpainterRecipe(name, seed, size, width, attentionScale, criticWidth, localWindow, data,
                new Optim(steps, optim.batch, optim.lr, optim.criticLr, Math.min(optim.warmupSteps, steps / 4),
                        optim.l1Weight, optim.adversarialWeight, evalEvery));
    }
}
