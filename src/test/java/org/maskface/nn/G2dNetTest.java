package org.maskface.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** G2D's blocks: the encoder is the inpainter's coarse stage split in two, the net's output shapes. */
class G2dNetTest {

    @Test
    void theEncoderAndDecoderTogetherAreTheInpaintersCoarseStage() {
        try (Model model = Model.newInstance("g2d")) {
            NDManager m = model.getNDManager();
            InpaintingGenerator inpainter = new InpaintingGenerator(4, ContextualAttention.DEFAULT_SCALE);
            inpainter.initialize(m, DataType.FLOAT32, new Shape(2, 3, 32, 32), new Shape(2, 1, 32, 32));
            GenerativeEncoder encoder = GenerativeEncoder.fromInpainter(inpainter, m, 32);
            ParameterStore store = new ParameterStore(m, false);
            NDArray image = m.randomUniform(-1, 1, new Shape(2, 3, 32, 32));
            NDArray hole = InpaintingGeneratorTest.squareHole(m, 2, 32);
            NDArray coarse = inpainter.forward(store, new NDList(image, hole), false).get(0);
            NDArray descriptors = encoder.describe(store, image, hole, false);
            assertEquals(new Shape(2, 16, 8, 8), descriptors.getShape(), "4 x width channels at a quarter of the side");
            NDArray rebuilt = encoder.reconstruct(store, descriptors, false);
            assertEquals(0f, rebuilt.sub(coarse).abs().max().getFloat(), 1e-6f);
            // the covered pixels never reach the encoder
            NDArray other = image.add(hole.mul(5));
            assertEquals(0f, encoder.describe(store, other, hole, false).sub(descriptors).abs().max().getFloat(), 1e-6f);
        }
    }

    @Test
    void theNetGivesAUnitEmbeddingAndClassScores() {
        try (Model model = Model.newInstance("g2d")) {
            NDManager m = model.getNDManager();
            G2dNet net = new G2dNet(new GenerativeEncoder(4), new Reformer(8, 4, Reformer.Pooling.FLATTEN, 32), 7);
            net.initialize(m, DataType.FLOAT32, new Shape(3, 3, 32, 32), new Shape(3, 1, 32, 32));
            NDList out = net.forward(new ParameterStore(m, false), new NDList(m.randomUniform(-1, 1,
                    new Shape(3, 3, 32, 32)), m.zeros(new Shape(3, 1, 32, 32))), false);
            assertEquals(new Shape(3, 32), out.get(0).getShape());
            assertEquals(new Shape(3, 7), out.get(1).getShape());
            float[] norms = out.get(0).pow(2).sum(new int[] {1}).sqrt().toFloatArray();
            for (float n : norms) {
                assertEquals(1f, n, 1e-5f);
            }
            assertThrows(IllegalArgumentException.class, () -> new Reformer(0, 4, Reformer.Pooling.AVERAGE, 128));
            assertThrows(IllegalArgumentException.class, () -> new G2dNet(new GenerativeEncoder(4), new Reformer(8, 1, Reformer.Pooling.AVERAGE, 8), 0));
        }
    }
}
