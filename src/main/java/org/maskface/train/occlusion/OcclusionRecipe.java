package org.maskface.train.occlusion;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The occlusion-map recipe (one JSON file, e.g. {@code recipes/occlusion-unet.json}): data,
 * augmentation and optimisation settings. Every field is required, so a recipe file says
 * everything that shaped the weights.
 */
public record OcclusionRecipe(String name, long seed, int width, Data data, Augment augment, Optim optim) {

    /**
     * Training faces come from the LFW folds {@code trainFolds}; held-out faces from
     * {@code heldOutFolds} (identity-disjoint); {@code cleanFraction} of the training samples
     * carry no mask (target: an empty map).
     */
    public record Data(String lfw, String pairs, String trainFolds, String heldOutFolds, int heldOutImages,
                       double cleanFraction) {
    }

    /**
     * Joint jitter of image and map, standing for alignment drift on masked faces: rotation up to
     * ±{@code rotateDegrees}, scale 1 ± {@code scale}, shift up to ±{@code shiftPixels}; colour:
     * brightness and contrast 1 ± {@code colour}; grey-scale with probability {@code grey}; with
     * probability {@code recolour} the occluder is repainted in another colour keeping its shading
     * (mostly white and pastel: real masks are often light, the synthesizer's palette less so).
     */
    public record Augment(double rotateDegrees, double scale, double shiftPixels, double colour, double grey,
                          double recolour) {

        public static final Augment NONE = new Augment(0, 0, 0, 0, 0, 0);
    }

    /** Adam with warm-up then cosine decay from {@code lr} to {@code finalLr}. */
    public record Optim(int steps, int batch, float lr, float finalLr, int warmupSteps, float diceWeight,
                        int evalEvery) {
    }

    public static OcclusionRecipe load(Path file) throws IOException {
        try {
            OcclusionRecipe r = new Gson().fromJson(Files.readString(file), OcclusionRecipe.class);
            r.check(file);
            return r;
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": not a valid recipe: " + e.getMessage(), e);
        }
    }

    private void check(Path file) throws IOException {
        if (name == null || data == null || augment == null || optim == null || data.lfw == null
                || data.pairs == null || data.trainFolds == null || data.heldOutFolds == null) {
            throw new IOException(file + ": recipe needs name, seed, width, data{lfw, pairs, trainFolds, heldOutFolds, "
                    + "heldOutImages, cleanFraction}, augment{...}, optim{...}");
        }
        if (width < 1 || optim.steps < 1 || optim.batch < 1 || optim.lr <= 0 || optim.evalEvery < 1) {
            throw new IOException(file + ": width, steps, batch, lr and evalEvery must be positive");
        }
    }

    /** The recipe as JSON (stored in run.json and in the weights file). */
    public JsonObject toJson() {
        return JsonParser.parseString(new Gson().toJson(this)).getAsJsonObject();
    }

    /** The same recipe with another step count (quick runs and tests). */
    public OcclusionRecipe withSteps(int steps, int evalEvery) {
        return new OcclusionRecipe(name, seed, width, data, augment,
                new Optim(steps, optim.batch, optim.lr, optim.finalLr, Math.min(optim.warmupSteps, steps / 4),
                        optim.diceWeight, evalEvery));
    }
}
