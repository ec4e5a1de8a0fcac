package org.maskface.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.model.ModelCard;

class WeightsFileTest {

    private static final Shape INPUT = new Shape(2, 3, OcclusionNet.INPUT_SIZE, OcclusionNet.INPUT_SIZE);

    private static float[] run(OcclusionNet net, NDManager m, NDArray x) {
        return net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
    }

    @Test
    void savedWeightsLoadIntoAFreshNetworkAndGiveTheSameOutput(@TempDir Path dir) throws IOException {
        try (Model model = Model.newInstance("t", "PyTorch")) {
            NDManager m = model.getNDManager();
            OcclusionNet a = new OcclusionNet(4);
            a.initialize(m, DataType.FLOAT32, INPUT);
            NDArray x = m.randomUniform(-1, 1, INPUT);
            float[] expected = run(a, m, x);
            assertEquals(2 * 56 * 56, expected.length);
            JsonObject details = new JsonObject();
            details.addProperty("width", 4);
            Path json = dir.resolve("net.json");
            WeightsFile.save(a, ModelCard.OCCLUSION_UNET, details, json);
            assertTrue(Files.size(WeightsFile.binFor(json)) > 4 * 1000);

            OcclusionNet b = new OcclusionNet(4);
            b.initialize(m, DataType.FLOAT32, INPUT);
            JsonObject header = WeightsFile.load(b, ModelCard.OCCLUSION_UNET, json);
            assertEquals(4, header.getAsJsonObject("details").get("width").getAsInt());
            assertEquals("maskface-occlusion-unet", header.getAsJsonObject("model").get("id").getAsString());
            assertArrayEquals(expected, run(b, m, x), 1e-6f);
        }
    }

    @Test
    void refusesAnotherModelAWrongShapeAndATruncatedFile(@TempDir Path dir) throws IOException {
        try (Model model = Model.newInstance("t", "PyTorch")) {
            NDManager m = model.getNDManager();
            OcclusionNet a = new OcclusionNet(4);
            a.initialize(m, DataType.FLOAT32, INPUT);
            Path json = dir.resolve("net.json");
            WeightsFile.save(a, ModelCard.OCCLUSION_UNET, new JsonObject(), json);

            OcclusionNet same = new OcclusionNet(4);
            same.initialize(m, DataType.FLOAT32, INPUT);
            ModelCard other = new ModelCard("maskface-occlusion-unet", "2", "x", "newer");
            IOException version = assertThrows(IOException.class, () -> WeightsFile.load(same, other, json));
            assertTrue(version.getMessage().contains("expected maskface-occlusion-unet@2"), version.getMessage());

            OcclusionNet wider = new OcclusionNet(8);
            wider.initialize(m, DataType.FLOAT32, INPUT);
            IOException shape = assertThrows(IOException.class, () -> WeightsFile.load(wider, ModelCard.OCCLUSION_UNET, json));
            assertTrue(shape.getMessage().contains("shape"), shape.getMessage());

            Path bin = WeightsFile.binFor(json);
            byte[] bytes = Files.readAllBytes(bin);
            Files.write(bin, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            IOException truncated = assertThrows(IOException.class, () -> WeightsFile.load(same, ModelCard.OCCLUSION_UNET, json));
            assertTrue(truncated.getMessage().contains("bytes"), truncated.getMessage());

            Files.writeString(json, "{not json");
            assertThrows(IOException.class, () -> WeightsFile.header(json));
            assertThrows(IOException.class, () -> WeightsFile.header(dir.resolve("missing.json")));
        }
    }

    /** A file written by the first version of the format must keep loading and computing the same. */
    @Test
    void theFrozenFixtureStillLoadsAndGivesItsRecordedOutput() throws IOException {
        Path json = Path.of("src/test/resources/fixtures/occlusion-unet-w2-v1.json");
        try (Model model = Model.newInstance("t", "PyTorch")) {
            NDManager m = model.getNDManager();
            JsonObject details = WeightsFile.header(json).getAsJsonObject("details");
            OcclusionNet net = new OcclusionNet(details.get("width").getAsInt());
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, OcclusionNet.INPUT_SIZE, OcclusionNet.INPUT_SIZE));
            WeightsFile.load(net, ModelCard.OCCLUSION_UNET, json);
            float[] in = new float[3 * 112 * 112];
            for (int i = 0; i < in.length; i++) {
                in[i] = (float) Math.sin(i * 0.01);
            }
            float[] out = run(net, m, m.create(in, new Shape(1, 3, 112, 112)));
            var expected = details.getAsJsonArray("expectedOutputEvery97th");
            assertEquals((out.length + 96) / 97, expected.size());
            for (int k = 0; k < expected.size(); k++) {
                assertEquals(expected.get(k).getAsFloat(), out[97 * k], 1e-4f, "output " + 97 * k);
            }
        }
    }
}
