package org.maskface.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.maskface.train.loss.AdversarialLoss;

/** The local window follows the hole and stays inside the face; the critic's outputs and hinge losses. */
class HoleWindowTest {

    @Test
    void windowIsCentredOnTheHoleAndClampedInside() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v = new float[3 * 16 * 16];
            for (int y = 10; y < 14; y++) { // face 0: hole rows 10-13, cols 2-5
                for (int x = 2; x < 6; x++) {
                    v[y * 16 + x] = 1;
                }
            }
            v[256 + 7 * 16 + 8] = 1; // face 1: one pixel at (7, 8); face 2: no hole
            NDArray hole = m.create(v, new Shape(3, 1, 16, 16));
            int[][] c = HoleWindow.corners(hole, 8);
            assertArrayEquals(new int[] {8, 0}, c[0]); // centre (12, 4) -> clamped to the left and bottom edges
            assertArrayEquals(new int[] {3, 4}, c[1]); // pixel 7 is the window's 5th row of 8
            assertArrayEquals(new int[] {4, 4}, c[2]);
            NDArray images = m.arange(3 * 2 * 16 * 16).reshape(3, 2, 16, 16).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            NDArray crops = HoleWindow.crop(images, c, 8);
            assertEquals(new Shape(3, 2, 8, 8), crops.getShape());
            assertEquals(images.get("0, 1, 8, 0").getFloat(), crops.get("0, 1, 0, 0").getFloat());
            assertEquals(images.get("1, 0, 10, 11").getFloat(), crops.get("1, 0, 7, 7").getFloat());
        }
    }

    @Test
    void criticScoresPatchesAndHingeLossesAreRight() {
        try (ai.djl.Model model = ai.djl.Model.newInstance("d"); NDManager m = NDManager.newBaseManager()) {
            PatchDiscriminator d = new PatchDiscriminator(4);
            model.setBlock(d);
            d.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(2, 3, 64, 64));
            assertEquals(new Shape(2, 1, 4, 4), d.getOutputShapes(new Shape[] {new Shape(2, 3, 64, 64)})[0]);
            // real scores 2 and 0.5 -> relu(1 - s) = 0, 0.5; fake -2 and 0 -> relu(1 + s) = 0, 1
            NDArray real = m.create(new float[] {2, 0.5f});
            NDArray fake = m.create(new float[] {-2, 0});
            assertEquals(0.25 + 0.5, AdversarialLoss.critic(real, fake).getFloat(), 1e-6);
            assertEquals(1.0, AdversarialLoss.generator(fake).getFloat(), 1e-6);
        }
    }
}
