package org.maskface.train.deocc;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.maskface.train.MiniLfw;
import org.maskface.train.TrainingRun;

/**
 * The CI smoke test of {@code train deocc --config}: a tiny recipe on a miniature LFW (the eight
 * LFW photos in samples/faces, four people, laid out and paired as LFW is) runs the real path —
 * teacher targets, shipped inpainter, student from the teacher's weights, checkpoints, threshold,
 * weights file — and the training loss goes down.
 */
class DistillTrainerTest {

    @Test
    void aTinyRunThroughTheCommandLowersTheLossAndWritesEverything(@TempDir Path dir) throws Exception {
        Path root = MiniLfw.layOut(dir);
        Path recipe = dir.resolve("tiny.json");
        Files.writeString(recipe, """
                {"name": "deocc-tiny", "seed": 3,
                 "data": {"lfw": "%s", "pairs": "%s", "trainFolds": "1-1", "heldOutFolds": "1-1",
                          "heldOutImages": 4, "cleanFraction": 0.2},
                 "inpainting": true, "frozenUnits": 4,
                 "loss": {"instance": "SOFT", "instanceWeight": 1, "pairWeight": 1, "tripletWeight": 2,
                          "classifierScale": 16},
                 "optim": {"steps": 24, "identities": 2, "perIdentity": 2, "lr": 0.001, "finalLr": 0.0001,
                           "warmupSteps": 1, "evalEvery": 12, "checkpointEvery": 12}}
                """.formatted(root.toString().replace("\\", "/"), dir.resolve("pairs.txt").toString().replace("\\", "/")));
        Path out = dir.resolve("run");
        CliRun r = CliRun.of("train", "deocc", "--config", recipe.toString(), "--out", out.toString(),
                "--cache", dir.resolve("cache").toString(), "--workers", "1");
        assertEquals(0, r.code(), r.err() + r.out());
        for (String f : List.of("run.json", "metrics.jsonl", "metrics.json", "loss.png", "heldout-teacher-cosine.png",
                "before-after.png", "deocc-student.json", "deocc-student.bin", "checkpoint/state.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<Double> loss = new ArrayList<>(TrainingRun.series(out, "loss").stream().map(v -> v[1]).toList());
        assertEquals(24, loss.size(), "a short run logs every step");
        double first = loss.subList(0, 4).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = loss.subList(20, 24).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(last < 0.9 * first, "training loss " + loss);
        JsonObject header = WeightsFile.header(out.resolve("deocc-student.json"));
        JsonObject details = header.getAsJsonObject("details");
        double threshold = details.get("threshold").getAsDouble();
        assertTrue(threshold > -1 && threshold < 1, "threshold " + threshold);
        assertTrue(details.get("inpainting").getAsBoolean());
        JsonObject state = JsonParser.parseString(Files.readString(out.resolve("checkpoint/state.json"))).getAsJsonObject();
        assertEquals(24, state.get("step").getAsInt());
    }

    @Test
    void shippedRecipesLoad() throws Exception {
        List<Path> recipes = new ArrayList<>(List.of(Path.of("recipes/deocc.json"), Path.of("recipes/deocc-paper.json")));
        try (var s = Files.list(Path.of("recipes/deocc-ablation"))) {
            s.sorted().forEach(recipes::add);
        }
        assertEquals(10, recipes.size());
        for (Path f : recipes) {
            DistillRecipe r = DistillRecipe.load(f);
            assertEquals(null, r.problem(), f.toString());
            assertEquals("1-5", r.data().trainFolds(), f.toString());
            assertEquals("6-10", r.data().heldOutFolds(), f.toString());
        }
    }
}
