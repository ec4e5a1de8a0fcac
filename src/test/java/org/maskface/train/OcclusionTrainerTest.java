package org.maskface.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.train.occlusion.OcclusionRecipe;
import org.maskface.train.occlusion.OcclusionTrainer;

/** A few real training steps on real faces: the run record, weights and curves are all written. */
class OcclusionTrainerTest {

    @Test
    void aTinyRunWritesWeightsWithItsRecordAndTheCropCacheRoundTrips(@TempDir Path dir) throws Exception {
        FaceCropSet set = MiniLfw.crops(dir.resolve("cache/faces.crops"));
        assertEquals(MiniLfw.photos().size(), set.size());
        FaceCropSet reloaded = FaceCropSet.load(dir.resolve("cache/faces.crops"));
        assertEquals(set.size(), reloaded.size());
        assertArrayEquals(set.crops().get(3).image().data(), reloaded.crops().get(3).image().data());
        assertArrayEquals(set.crops().get(3).landmarks()[30], reloaded.crops().get(3).landmarks()[30]);

        OcclusionRecipe recipe = new OcclusionRecipe("tiny", 3, 4,
                new TrainingData("unused", "unused", "1-5", "6-10", 2, 0.1),
                new Augment(8, 0.08, 6, 0.2, 0.1, 0.5),
                new OcclusionRecipe.Optim(4, 2, 0.003f, 0.0001f, 1, 1f, 2));
        FaceCropSet train = new FaceCropSet(set.crops().subList(0, 6));
        FaceCropSet heldOut = new FaceCropSet(set.crops().subList(6, 8));
        Path runDir = dir.resolve("run");
        OcclusionTrainer.Result result;
        List<String> messages = new ArrayList<>();
        try (TrainingRun run = TrainingRun.start(runDir, recipe.name(), recipe.toJson(), recipe.seed(), "test")) {
            result = OcclusionTrainer.train(recipe, train, heldOut, run, false, messages::add);
        }
        double iou = result.heldOut().get("meanIoU").getAsDouble();
        assertTrue(iou >= 0 && iou <= 1, "IoU " + iou);
        assertEquals(1, messages.size(), messages.toString()); // the check at step 2 (not at the last step)
        JsonObject record = JsonParser.parseString(Files.readString(runDir.resolve("run.json"))).getAsJsonObject();
        assertEquals(3, record.get("seed").getAsLong());
        assertTrue(record.has("gitCommit") && record.has("finished") && record.has("metrics"));
        assertEquals(4, record.getAsJsonObject("config").get("width").getAsInt());
        for (String f : List.of("metrics.jsonl", "metrics.json", "loss.png", "heldout-iou.png", "occlusion-unet.json",
                "occlusion-unet.bin")) {
            assertTrue(Files.size(runDir.resolve(f)) > 0, f);
        }
        assertTrue(TrainingRun.series(runDir, "loss").stream().anyMatch(v -> v[0] == 4));
    }

    @Test
    void theSameRecipeOnTheSameFacesTrainsTheSameWeightsBitForBit(@TempDir Path dir) throws Exception {
        // fixed data, fixed seeds, one PyTorch thread: nothing left to chance, garbage collections included
        FaceCropSet set = MiniLfw.crops(dir.resolve("faces.crops"));
        OcclusionRecipe recipe = new OcclusionRecipe("tiny", 3, 4,
                new TrainingData("unused", "unused", "1-5", "6-10", 2, 0.1),
                new Augment(8, 0.08, 6, 0.2, 0.1, 0.5),
                new OcclusionRecipe.Optim(6, 2, 0.003f, 0.0001f, 1, 1f, 3));
        byte[][] weights = new byte[2][];
        for (int k = 0; k < 2; k++) {
            Path runDir = dir.resolve("run" + k);
            List<String> messages = new ArrayList<>();
            try (TrainingRun run = TrainingRun.start(runDir, recipe.name(), recipe.toJson(), recipe.seed(), "test")) {
                OcclusionTrainer.train(recipe, new FaceCropSet(set.crops().subList(0, 6)),
                        new FaceCropSet(set.crops().subList(6, 8)), run, false, messages::add);
            }
            assertTrue(messages.stream().noneMatch(m -> m.contains("refused")), messages.toString());
            weights[k] = Files.readAllBytes(runDir.resolve("occlusion-unet.bin"));
            System.gc(); // the second run meets a heap in another state
        }
        assertArrayEquals(weights[0], weights[1]);
    }

    @Test
    void aDamagedCropCacheIsReported(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.crops");
        Files.writeString(f, "nonsense");
        assertThrows(IOException.class, () -> FaceCropSet.load(f));
    }

    @Test
    void recipesMustBeComplete(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("r.json");
        Files.writeString(f, "{\"name\": \"x\", \"seed\": 1}");
        IOException e = assertThrows(IOException.class, () -> OcclusionRecipe.load(f));
        assertTrue(e.getMessage().contains("recipe needs"), e.getMessage());
        OcclusionRecipe shipped = OcclusionRecipe.load(Path.of("recipes/occlusion-unet.json"));
        assertEquals("1-5", shipped.data().trainFolds());
        assertEquals("6-10", shipped.data().heldOutFolds());
    }
}
