package org.maskface.train;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A training recipe: one JSON file that says everything that shaped a set of weights (data,
 * augmentation, optimisation, seed). Every field is required.
 *
 * @param <R> the recipe type itself, so that {@link #withSteps} returns it
 */
public interface Recipe<R extends Recipe<R>> {

    String name();

    long seed();

    TrainingData data();

    /** The recipe as JSON (stored in run.json and in the weights file). */
    default JsonObject toJson() {
        return JsonParser.parseString(new Gson().toJson(this)).getAsJsonObject();
    }

    /** What is missing or out of range, or null when the recipe is complete. */
    String problem();

    /** The same recipe with another step count and check interval (quick runs and tests). */
    R withSteps(int steps, int checkEvery);

    /** How often the held-out check runs. */
    int checkEvery();

    /** Reads a recipe file of the given kind; missing fields or bad values are an IOException naming the file. */
    static <R extends Recipe<R>> R load(Path file, Class<R> kind) throws IOException {
        R recipe;
        try {
            recipe = new Gson().fromJson(Files.readString(file), kind);
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": not a valid recipe: " + e.getMessage(), e);
        }
        String problem = recipe == null ? "empty file" : recipe.problem();
        if (problem != null) {
            throw new IOException(file + ": " + problem);
        }
        return recipe;
    }
}
