package org.maskface.train.deocc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.cli.CliRun;
import org.maskface.nn.WeightsFile;
import org.maskface.train.TrainingRun;

/**
 * The CI smoke test of {@code train deocc --config}: a tiny recipe on a miniature LFW (the eight
 * LFW photos in samples/faces, four people, laid out and paired as LFW is) runs the real path —
 * teacher targets, shipped inpainter, student from the teacher's weights, checkpoints, threshold,
 * weights file — and the training loss goes down.
 */
class DistillTrainerTest {

    /** samples/faces/lfw_colin_powell_0095.png → root/Colin_Powell/Colin_Powell_0095.jpg (PNG bytes; formats are sniffed). */
    static Path miniLfw(Path dir) throws Exception {
        Path root = dir.resolve("lfw");
        try (var s = Files.list(Path.of("samples/faces"))) {
            for (Path p : s.filter(f -> f.getFileName().toString().startsWith("lfw_")).sorted().toList()) {
                String base = p.getFileName().toString().replace("lfw_", "").replace(".png", "");
                String number = base.substring(base.lastIndexOf('_') + 1);
                StringBuilder name = new StringBuilder();
                for (String w : base.substring(0, base.lastIndexOf('_')).split("_")) {
                    name.append(name.length() == 0 ? "" : "_").append(Character.toUpperCase(w.charAt(0)))
                            .append(w.length() == 1 ? w.toUpperCase(Locale.ROOT) : w.substring(1));
                }
                Path target = root.resolve(name.toString()).resolve(name + "_" + number + ".jpg");
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        Files.writeString(dir.resolve("pairs.txt"), String.join("\n",
                "1 4",
                "Colin_Powell\t95\t133", "George_W_Bush\t16\t150", "Laura_Bush\t11\t21", "Tony_Blair\t91\t121",
                "Colin_Powell\t95\tLaura_Bush\t11", "George_W_Bush\t16\tTony_Blair\t91",
                "Laura_Bush\t21\tTony_Blair\t121", "Colin_Powell\t133\tGeorge_W_Bush\t150") + "\n");
        return root;
    }

    @Test
    void aTinyRunThroughTheCommandLowersTheLossAndWritesEverything(@TempDir Path dir) throws Exception {
        Path root = miniLfw(dir);
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
