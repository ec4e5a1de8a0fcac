package org.maskface.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints and resuming: a stopped run continues from its last checkpoint with the same weights and log. */
class TrainingRunTest {

    private static Block linear(NDManager m) {
        Block b = Linear.builder().setUnits(3).build();
        b.initialize(m, DataType.FLOAT32, new Shape(1, 4));
        return b;
    }

    private static float[] weights(Block b) {
        return b.getParameters().get("weight").getArray().toFloatArray();
    }

    @Test
    void aResumedRunHasTheCheckpointsWeightsAndOnlyTheLogUpToIt(@TempDir Path dir) throws Exception {
        JsonObject config = JsonParser.parseString("{\"name\": \"r\"}").getAsJsonObject();
        float[] saved;
        try (Model model = Model.newInstance("a", "PyTorch");
             TrainingRun run = TrainingRun.start(dir, "r", config, 1, "first")) {
            Block b = linear(model.getNDManager());
            for (int step = 1; step <= 5; step++) {
                run.log(step, "loss", 10 - step);
            }
            run.checkpoint(5, Map.of("net", b));
            saved = weights(b);
            b.getParameters().get("weight").getArray().muli(0).addi(2); // training went on after the checkpoint ...
            run.log(6, "loss", 4);
            run.log(7, "loss", 3);
            run.checkpoint(7, Map.of("net", b)); // ... and a later checkpoint replaces the first one
            run.log(8, "loss", 2); // then the run was stopped before its next checkpoint
        }
        assertEquals(7, JsonParser.parseString(Files.readString(dir.resolve("checkpoint/state.json")))
                .getAsJsonObject().get("step").getAsInt());
        assertTrue(!Files.exists(dir.resolve("checkpoint.tmp")) && !Files.exists(dir.resolve("checkpoint.old")));

        try (Model model = Model.newInstance("b", "PyTorch");
             TrainingRun run = TrainingRun.resume(dir, "second")) {
            assertEquals(7, run.checkpointStep());
            Block b = linear(model.getNDManager());
            run.loadCheckpoint(Map.of("net", b), model.getNDManager());
            float[] twos = new float[saved.length];
            java.util.Arrays.fill(twos, 2f);
            assertArrayEquals(twos, weights(b), "the step-7 weights, not the step-5 ones");
            run.log(8, "loss", 1.5);
            List<double[]> loss = TrainingRun.series(dir, "loss");
            List<Double> steps = new ArrayList<>(loss.stream().map(v -> v[0]).toList());
            assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0), steps, "step 8 logged once, by the resumed run");
            assertEquals(1.5, loss.get(7)[1]);
            assertEquals("second", run.record().getAsJsonArray("resumed").get(0).getAsJsonObject()
                    .get("command").getAsString());
        }
    }

    @Test
    void resumingWithoutACheckpointIsAClearError(@TempDir Path dir) throws Exception {
        try (TrainingRun run = TrainingRun.start(dir, "r", new JsonObject(), 1, "first")) {
            run.log(1, "loss", 1);
        }
        IOException e = assertThrows(IOException.class, () -> TrainingRun.resume(dir, "again"));
        assertTrue(e.getMessage().contains("no checkpoint"), e.getMessage());
    }
}
