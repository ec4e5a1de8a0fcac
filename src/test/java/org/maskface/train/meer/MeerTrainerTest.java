package org.maskface.train.meer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.cli.CliRun;
import org.maskface.face.embed.MeerEmbedder;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;
import org.maskface.nn.WeightsFile;
import org.maskface.train.MiniLfw;
import org.maskface.train.TrainingData;
import org.maskface.train.TrainingRun;
import org.maskface.train.loss.DistillationLoss;

/**
 * The CI smoke test of {@code train meer --config}: a tiny recipe (narrow heads and critics, a few
 * steps) on the miniature LFW of {@link MiniLfw} runs the real path — the teacher's weights,
 * teacher targets, every loss term, critics, checkpoints, threshold, weights file that loads as
 * {@code --method meer}. A run paused at a checkpoint resumes from it.
 */
class MeerTrainerTest {

    static Path tinyRecipe(Path dir) throws Exception {
        Path root = MiniLfw.layOut(dir);
        Path recipe = dir.resolve("tiny.json");
        Files.writeString(recipe, """
                {"name": "meer-tiny", "seed": 5,
                 "data": {"lfw": "%s", "pairs": "%s", "trainFolds": "1-1", "heldOutFolds": "1-1",
                          "heldOutImages": 4, "cleanFraction": 0.2},
                 "architecture": {"decoupling": true, "synthesis": true, "maskWidth": 4, "decoderWidth": 4,
                                  "criticWidth": 4, "localWindow": 48},
                 "loss": {"instance": "SOFT", "instanceWeight": 1, "pairWeight": 1, "tripletWeight": 2,
                          "classifierScale": 16, "maskWeight": 1, "diceWeight": 1, "reconstructionWeight": 2,
                          "adversarialWeight": 0.01, "idWeight": 1},
                 "optim": {"steps": 6, "identities": 2, "perIdentity": 2, "lr": 5e-5, "headLr": 1e-3,
                           "finalLr": 5e-7, "criticLr": 2e-4, "warmupSteps": 1, "evalEvery": 3,
                           "checkpointEvery": 3}}
                """.formatted(root.toString().replace("\\", "/"), dir.resolve("pairs.txt").toString().replace("\\", "/")));
        return recipe;
    }

    private static CliRun train(Path dir, Path recipe, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "meer", "--config", recipe.toString(), "--out",
                out.toString(), "--cache", dir.resolve("cache").toString(), "--workers", "1", "--threads", "1"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void everyTermTrainsTheWeightsLoadAsAMethodAndAPausedRunResumesToTheSameWeights(@TempDir Path dir)
            throws Exception {
        Path recipe = tinyRecipe(dir);
        Path out = dir.resolve("run");
        CliRun r = train(dir, recipe, out);
        assertEquals(0, r.code(), r.err() + r.out());
        for (String f : List.of("run.json", "metrics.jsonl", "metrics.json", "loss.png", "heldout-teacher-cosine.png",
                "before-after.png", "meer.json", "meer.bin", "checkpoint/state.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        for (String term : List.of("loss", "ce", "instance", "pair", "triplet", "mask", "reconstruction",
                "adversarial", "identity", "critic")) {
            List<double[]> series = TrainingRun.series(out, term);
            assertEquals(6, series.size(), term);
            for (double[] v : series) {
                assertTrue(Double.isFinite(v[1]) && v[1] >= -10, term + " " + v[1]);
            }
        }
        // the held-out checks ran at the start, every evalEvery steps and at the end
        assertEquals(List.of(0.0, 3.0, 6.0), TrainingRun.series(out, "heldOutMaskIoU").stream()
                .map(v -> v[0]).toList());
        assertFalse(TrainingRun.series(out, "heldOutRestoredTeacherCosine").isEmpty());

        JsonObject details = WeightsFile.header(out.resolve("meer.json")).getAsJsonObject("details");
        assertTrue(details.get("decoupling").getAsBoolean());
        assertTrue(details.get("synthesis").getAsBoolean());
        assertEquals(4, details.get("decoderWidth").getAsInt());
        double threshold = details.get("threshold").getAsDouble();
        assertTrue(threshold > -1 && threshold <= 1, "threshold " + threshold);
        assertEquals("meer-tiny", details.getAsJsonObject("training").get("recipe").getAsString());
        assertTrue(details.getAsJsonObject("heldOut").getAsJsonObject("end").has("holeL1"));

        // the weights load through the hub as the MEER method: embeddings and a restored face
        try (ModelHub hub = ModelHub.openDefault().useWeights(out.resolve("meer.json"));
             MeerEmbedder meer = new MeerEmbedder(hub)) {
            assertEquals(ModelCard.MEER, meer.model());
            assertEquals(threshold, meer.threshold(), 1e-9);
            var crop = org.maskface.image.ImageLoader.load(Path.of("samples/faces/lfw_colin_powell_0095.png"))
                    .resize(112, 112);
            float[] e = meer.embedCrops(List.of(crop)).get(0);
            assertEquals(128, e.length);
            var restored = meer.restoreCrops(List.of(crop)).get(0);
            assertEquals(112, restored.width());
        }

        // paused after step 3 (a checkpoint) and resumed: the run goes on from the checkpoint's weights to the
        // end. Not bit-identical to the uninterrupted run: Adam's moments are not checkpointed and restart
        Path paused = dir.resolve("paused");
        CliRun p1 = train(dir, recipe, paused, "--pause-after", "3");
        assertEquals(0, p1.code(), p1.err() + p1.out());
        assertTrue(p1.out().contains("paused after step 3"), p1.out());
        assertFalse(Files.exists(paused.resolve("meer.json")));
        assertEquals(3, TrainingRun.series(paused, "ce").size());
        CliRun p2 = train(dir, recipe, paused, "--resume");
        assertEquals(0, p2.code(), p2.err() + p2.out());
        assertTrue(p2.out().contains("resumed from the checkpoint at step 3"), p2.out());
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), TrainingRun.series(paused, "ce").stream().map(v -> v[0])
                .toList());
        assertTrue(Files.size(paused.resolve("meer.bin")) == Files.size(out.resolve("meer.bin")));
    }

    @Test
    void shippedRecipesLoad() throws Exception {
        List<Path> recipes = new ArrayList<>(List.of(Path.of("recipes/meer.json")));
        try (var s = Files.list(Path.of("recipes/meer-ablation"))) {
            s.sorted().forEach(recipes::add);
        }
        assertEquals(4, recipes.size(), recipes.toString());
        for (Path f : recipes) {
            MeerRecipe m = MeerRecipe.load(f);
            assertEquals(null, m.problem(), f.toString());
            assertEquals("1-5", m.data().trainFolds(), f.toString());
            assertEquals("6-10", m.data().heldOutFolds(), f.toString());
        }
        MeerRecipe shipped = MeerRecipe.load(Path.of("recipes/meer.json"));
        assertFalse(MeerRecipe.load(Path.of("recipes/meer-ablation/no-decoupling.json")).architecture().decoupling());
        assertFalse(MeerRecipe.load(Path.of("recipes/meer-ablation/no-synthesis.json")).architecture().synthesis());
        assertEquals(0, MeerRecipe.load(Path.of("recipes/meer-ablation/no-id-loss.json")).loss().idWeight());
        // each ablation differs from the shipped recipe in its one part, nothing else
        assertEquals(shipped.optim(), MeerRecipe.load(Path.of("recipes/meer-ablation/no-id-loss.json")).optim());
    }

    @Test
    void recipeProblemsAreNamed() {
        var data = new TrainingData("a", "b", "1-5", "6-10", 10, 0.2);
        var arch = new MeerRecipe.Architecture(true, true, 8, 8, 8, 64);
        var loss = new MeerRecipe.Loss(DistillationLoss.Instance.SOFT, 1, 1, 2, 16, 1, 1, 2, 0.01, 1);
        var optim = new MeerRecipe.Optim(100, 8, 2, 5e-5f, 1e-3f, 5e-7f, 2e-4f, 10, 50, 50);
        MeerRecipe ok = new MeerRecipe("x", 1, data, arch, loss, optim);
        assertEquals(null, ok.problem());
        assertTrue(new MeerRecipe("x", 1, data, new MeerRecipe.Architecture(false, true, 8, 8, 8, 64), loss, optim)
                .problem().contains("maskWeight needs decoupling"));
        assertTrue(new MeerRecipe("x", 1, data, new MeerRecipe.Architecture(true, false, 8, 8, 8, 64), loss, optim)
                .problem().contains("need synthesis"));
        assertTrue(new MeerRecipe("x", 1, data, arch, loss, new MeerRecipe.Optim(100, 1, 2, 5e-5f, 1e-3f, 5e-7f,
                2e-4f, 10, 50, 50)).problem().contains("identities >= 2"));
        assertTrue(new MeerRecipe("x", 1, data, arch, null, optim).problem().contains("recipe needs"));
        MeerRecipe shorter = ok.withSteps(8, 4);
        assertEquals(8, shorter.optim().steps());
        assertEquals(2, shorter.optim().warmupSteps());
    }
}
