package org.maskface.train.g2d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.cli.CliRun;
import org.maskface.nn.WeightsFile;
import org.maskface.train.TrainingRun;
import org.maskface.train.MiniLfw;

/**
 * The CI smoke test of {@code train g2d --config}: a tiny recipe (every stage a few steps, a
 * narrow reformer) on the miniature LFW of {@link MiniLfw} runs the real path — the
 * shipped inpainter's coarse stage as the encoder, teacher targets, checkpoints, threshold,
 * weights file. A run paused at the stage boundaries and resumed ends with the very weights of an
 * uninterrupted one.
 */
class G2dTrainerTest {

    static Path tinyRecipe(Path dir) throws Exception {
        Path root = MiniLfw.layOut(dir);
        Path recipe = dir.resolve("tiny.json");
        Files.writeString(recipe, """
                {"name": "g2d-tiny", "seed": 5,
                 "data": {"lfw": "%s", "pairs": "%s", "trainFolds": "1-1", "heldOutFolds": "1-1",
                          "heldOutImages": 4, "cleanFraction": 0.2},
                 "augment": {"rotateDegrees": 4, "scale": 0.04, "shiftPixels": 3, "colour": 0.2, "grey": 0.1,
                             "recolour": 0.3},
                 "architecture": {"reformerWidth": 8, "reformerBlocks": 2, "pooling": "AVERAGE", "embedding": 128},
                 "encoder": {"steps": 4, "identities": 2, "perIdentity": 1, "lr": 1e-4, "finalLr": 1e-5, "warmupSteps": 1},
                 "reformer": {"steps": 12, "identities": 2, "perIdentity": 2, "lr": 3e-3, "finalLr": 1e-3, "warmupSteps": 1},
                 "classifier": {"steps": 4, "identities": 2, "perIdentity": 2, "lr": 1e-2, "finalLr": 1e-3, "warmupSteps": 1},
                 "finetune": {"steps": 4, "identities": 2, "perIdentity": 2, "lr": 1e-4, "finalLr": 1e-5, "warmupSteps": 1},
                 "finetuneEncoder": false,
                 "relations": {"instance": "HARD", "instanceWeight": 1, "pairWeight": 1, "tripletWeight": 2},
                 "evalEvery": 8, "checkpointEvery": 100}
                """.formatted(root.toString().replace("\\", "/"), dir.resolve("pairs.txt").toString().replace("\\", "/")));
        return recipe;
    }

    private static CliRun train(Path dir, Path recipe, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "g2d", "--config", recipe.toString(), "--out",
                out.toString(), "--cache", dir.resolve("cache").toString(), "--workers", "1", "--threads", "1"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void everyStageTrainsAndAPausedRunResumesToTheSameWeights(@TempDir Path dir) throws Exception {
        Path recipe = tinyRecipe(dir);
        Path out = dir.resolve("run");
        CliRun r = train(dir, recipe, out);
        assertEquals(0, r.code(), r.err() + r.out());
        for (String f : List.of("run.json", "metrics.jsonl", "metrics.json", "loss-encoder.png", "loss-reformer.png",
                "loss-classifier.png", "loss-finetune.png", "heldout-teacher-cosine.png", "before-after.png",
                "g2d.json", "g2d.bin", "after-reformer/g2d.json", "after-reformer/g2d.bin", "checkpoint/state.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        // every stage logged its losses at its own steps
        assertEquals(4, TrainingRun.series(out, "encoder.l1").size());
        assertEquals(4, TrainingRun.series(out, "classifier.ce").size());
        assertEquals(4, TrainingRun.series(out, "finetune.ce").size());
        List<Double> loss = TrainingRun.series(out, "reformer.loss").stream().map(v -> v[1]).toList();
        assertEquals(12, loss.size());
        assertEquals(5.0, TrainingRun.series(out, "reformer.loss").get(0)[0], "global steps run through the stages");
        double first = loss.subList(0, 3).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = loss.subList(9, 12).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(last < first, "reformer loss " + loss);

        JsonObject details = WeightsFile.header(out.resolve("g2d.json")).getAsJsonObject("details");
        int classes = details.get("classes").getAsInt(); // people with two aligned faces among the four
        assertTrue(classes >= 3, "classes " + classes);
        assertEquals(classes, details.get("classNames").getAsString().split("\n").length);
        assertEquals(64, details.get("size").getAsInt(), "the shipped inpainter's side");
        double threshold = details.get("threshold").getAsDouble();
        assertTrue(threshold > -1 && threshold <= 1, "threshold " + threshold);
        assertEquals("g2d-tiny", details.getAsJsonObject("training").get("recipe").getAsString());

        // the same recipe paused at the end of the encoder stage and of the reformer stage, then resumed
        Path paused = dir.resolve("paused");
        CliRun p1 = train(dir, recipe, paused, "--pause-after", "4");
        assertEquals(0, p1.code(), p1.err() + p1.out());
        assertTrue(p1.out().contains("paused after step 4"), p1.out());
        assertFalse(Files.exists(paused.resolve("g2d.json")));
        CliRun p2 = train(dir, recipe, paused, "--resume", "--pause-after", "16");
        assertEquals(0, p2.code(), p2.err() + p2.out());
        JsonObject state = JsonParser.parseString(Files.readString(paused.resolve("checkpoint/state.json")))
                .getAsJsonObject();
        assertEquals(16, state.get("step").getAsInt());
        CliRun p3 = train(dir, recipe, paused, "--resume");
        assertEquals(0, p3.code(), p3.err() + p3.out());
        // the same up to the last bits of float32: PyTorch's CPU convolution gradients are summed by
        // several threads in no fixed order; another seed or batch order would differ by far more
        // one PyTorch thread: its CPU kernels then add in a fixed order (with several, convolution
        // gradients are summed in no fixed order, and Adam turns last-bit differences into lr-sized ones)
        assertArrayEquals(Files.readAllBytes(out.resolve("after-reformer/g2d.bin")),
                Files.readAllBytes(paused.resolve("after-reformer/g2d.bin")));
        assertArrayEquals(Files.readAllBytes(out.resolve("g2d.bin")), Files.readAllBytes(paused.resolve("g2d.bin")),
                "paused and resumed at stage boundaries = uninterrupted");
        JsonObject run = JsonParser.parseString(Files.readString(paused.resolve("run.json"))).getAsJsonObject();
        assertEquals(2, run.getAsJsonArray("resumed").size());
    }

    @Test
    void pausingARunThatWritesNoCheckpointsIsRefused(@TempDir Path dir) {
        CliRun r = CliRun.of("train", "inpainter", "--out", dir.resolve("x").toString(), "--pause-after", "3");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("no checkpoints"), r.err());
    }

    @Test
    void shippedRecipesLoad() throws Exception {
        List<Path> recipes = new ArrayList<>(List.of(Path.of("recipes/g2d.json")));
        try (var s = Files.list(Path.of("recipes/g2d-ablation"))) {
            s.sorted().forEach(recipes::add);
        }
        assertTrue(recipes.size() >= 3, recipes.toString());
        for (Path f : recipes) {
            G2dRecipe g = G2dRecipe.load(f);
            assertEquals(null, g.problem(), f.toString());
            assertEquals("1-5", g.data().trainFolds(), f.toString());
            assertEquals("6-10", g.data().heldOutFolds(), f.toString());
        }
    }

    @Test
    void recipeProblemsAreNamed() {
        G2dRecipe.Stage none = new G2dRecipe.Stage(0, 2, 2, 1e-3f, 0, 0);
        G2dRecipe.Stage some = new G2dRecipe.Stage(3, 2, 2, 1e-3f, 0, 0);
        var data = new org.maskface.train.TrainingData("a", "b", "1-5", "6-10", 10, 0.2);
        var relations = org.maskface.train.loss.DistillationLoss.Weights.PAPER_HARD;
        G2dRecipe ok = new G2dRecipe("x", 1, data, org.maskface.train.Augment.NONE, new G2dRecipe.Architecture(8, 2, org.maskface.nn.Reformer.Pooling.FLATTEN, 128), some, some, some, none,
                false, relations, 1, 0);
        assertEquals(null, ok.problem());
        assertTrue(new G2dRecipe("x", 1, data, org.maskface.train.Augment.NONE, new G2dRecipe.Architecture(8, 2, org.maskface.nn.Reformer.Pooling.FLATTEN, 64), some, some, some, none, false,
                relations, 1, 0).problem().contains("embedding must be 128"));
        assertTrue(new G2dRecipe("x", 1, data, org.maskface.train.Augment.NONE, new G2dRecipe.Architecture(8, 2, org.maskface.nn.Reformer.Pooling.FLATTEN, 128), none, none, none, none, false,
                relations, 1, 0).problem().contains("at least one stage"));
        G2dRecipe shorter = ok.withSteps(3, 1);
        assertEquals(3, shorter.totalSteps());
        assertEquals(0, shorter.finetune().steps());
    }
}
