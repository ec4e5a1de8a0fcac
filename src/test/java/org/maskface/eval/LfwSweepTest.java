package org.maskface.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.eval.LfwBenchmark.Config;
import org.maskface.eval.LfwBenchmark.MaskMode;
import org.maskface.eval.LfwBenchmark.Outcome;
import org.maskface.face.FacePipeline;
import org.maskface.mask.MaskCategory;
import org.maskface.model.ModelHub;

/** A sweep over variants gives exactly what separate runs give, on a tiny LFW made of real LFW crops. */
class LfwSweepTest {

    @Test
    void sweepEqualsSeparateRuns(@TempDir Path root) throws Exception {
        // LFW layout from the bundled samples (PNG bytes under .jpg names: the loader sniffs the format).
        String[][] people = {{"George_W_Bush", "0016", "0150"}, {"Colin_Powell", "0095", "0133"},
            {"Tony_Blair", "0091", "0121"}, {"Laura_Bush", "0011", "0021"}};
        for (String[] p : people) {
            Files.createDirectories(root.resolve(p[0]));
            for (int i = 1; i <= 2; i++) {
                Path sample = Path.of("samples/faces/lfw_" + p[0].toLowerCase() + "_" + p[i] + ".png");
                Files.copy(sample, LfwPairs.imagePath(root, p[0], i));
            }
        }
        // 2 folds of 2 matched + 2 mismatched pairs.
        Path pairs = root.resolve("pairs.txt");
        Files.write(pairs, List.of("2\t2",
                "George_W_Bush\t1\t2", "Colin_Powell\t1\t2", "George_W_Bush\t1\tColin_Powell\t2",
                "Tony_Blair\t1\tLaura_Bush\t2",
                "Tony_Blair\t1\t2", "Laura_Bush\t1\t2", "Colin_Powell\t1\tLaura_Bush\t1",
                "George_W_Bush\t2\tTony_Blair\t2"));
        List<int[]> folds = List.<int[]>of(new int[] {1, 2});
        try (ModelHub hub = ModelHub.openDefault()) {
            List<Outcome> sweep = LfwBenchmark.run(new Config(root, pairs, "teacher", 1, true, 7, folds,
                    List.of(MaskMode.NONE, MaskMode.PROBE, MaskMode.BOTH), List.of(MaskCategory.SIMPLE),
                    FacePipeline.Options.ROBUST), hub, "test", false);
            assertEquals(3, sweep.size());
            for (Outcome o : sweep) {
                List<Outcome> alone = LfwBenchmark.run(new Config(root, pairs, "teacher", 1, true, 7, folds,
                        List.of(o.variant().mask()), List.of(MaskCategory.SIMPLE), FacePipeline.Options.ROBUST), hub, "test", false);
                assertEquals(1, alone.size());
                var a = o.report().toJsonObject();
                var b = alone.get(0).report().toJsonObject();
                for (String key : List.of("accuracy", "folds", "threshold", "auc", "tarAtFarDetail", "faces", "failures")) {
                    assertEquals(b.get(key), a.get(key), o.variant().name() + " " + key);
                }
                assertEquals(8, o.report().result().pairs());
            }
            // masks change the scores: the clean and masked variants do not score alike
            assertTrue(!sweep.get(0).report().toJsonObject().get("threshold").equals(sweep.get(2).report().toJsonObject().get("threshold")));
            assertEquals(0, sweep.get(0).report().toJsonObject().getAsJsonObject("faces").getAsJsonObject("masked").get("images").getAsInt());
            assertEquals(8, sweep.get(2).report().toJsonObject().getAsJsonObject("faces").getAsJsonObject("masked").get("images").getAsInt());
        }
    }
}
