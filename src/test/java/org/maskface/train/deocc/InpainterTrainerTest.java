package org.maskface.train.deocc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.train.FaceCropSet;
import org.maskface.train.TrainingData;
import org.maskface.train.TrainingRun;

/** A tiny GAN run on real faces: the hole is filled better after training, and the run folder is complete. */
class InpainterTrainerTest {

    @Test
    void aTinyRunLearnsToFillHolesAndWritesItsRecord(@TempDir Path dir) throws Exception {
        FaceCropSet set = org.maskface.train.MiniLfw.crops(dir.resolve("faces.crops"));
        InpainterRecipe recipe = new InpainterRecipe("tiny", 5, 32, 4, 10, 4, 16,
                new TrainingData("unused", "unused", "1-5", "6-10", 2, 0),
                new InpainterRecipe.Optim(40, 4, 0.004f, 0.001f, 2, 1, 0.01, 1));
        FaceCropSet train = new FaceCropSet(set.crops().subList(0, 6));
        FaceCropSet heldOut = new FaceCropSet(set.crops().subList(6, 8));
        Path runDir = dir.resolve("run");
        InpainterTrainer.Result result;
        try (TrainingRun run = TrainingRun.start(runDir, recipe.name(), recipe.toJson(), recipe.seed(), "test")) {
            result = InpainterTrainer.train(recipe, train, heldOut, run, false, m -> { });
        }
        List<Double> holeL1 = TrainingRun.series(runDir, "heldOutHoleL1").stream().map(v -> v[1]).toList();
        assertEquals(40, holeL1.size(), "checked after every step and at the end");
        double first = holeL1.get(0);
        double last = holeL1.get(holeL1.size() - 1);
        // a GAN's held-out error is noisy step to step: the last ten checks against the first
        double lastTen = holeL1.subList(30, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(lastTen < 0.92 * first, "held-out L1 in the hole " + first + " -> last ten " + lastTen);
        List<Double> trainL1 = TrainingRun.series(runDir, "l1").stream().map(v -> v[1]).toList();
        assertTrue(trainL1.get(trainL1.size() - 1) < 0.85 * trainL1.get(0), "training L1 " + trainL1);
        assertEquals(last, result.heldOut().get("holeL1").getAsDouble(), 1e-6);
        for (String f : List.of("run.json", "loss.png", "heldout-hole-l1.png", "before-after.png", "inpainter.json",
                "inpainter.bin")) {
            assertTrue(Files.size(runDir.resolve(f)) > 0, f);
        }
        assertTrue(TrainingRun.series(runDir, "critic").stream().anyMatch(v -> v[0] == 40));
    }

    @Test
    void shippedRecipesLoad() throws Exception {
        for (String f : List.of("recipes/inpainter.json", "recipes/inpainter-paper.json")) {
            InpainterRecipe r = InpainterRecipe.load(Path.of(f));
            assertEquals("1-5", r.data().trainFolds(), f);
            assertEquals(null, r.problem(), f);
        }
    }
}
