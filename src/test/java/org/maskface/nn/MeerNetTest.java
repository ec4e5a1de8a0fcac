package org.maskface.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelHub;

/**
 * MEER's network: the recognizer is the teacher split at its front; the mask head starts nearly
 * silent, so a fresh MEER embeds as the teacher does; the restored face is pasted cell by cell;
 * the geometry between feature cells and pixels.
 */
class MeerNetTest {

    private static final int S = DlibResNet.INPUT_SIZE;

    @Test
    void frontThenBackIsTheWholeTeacherAndAFreshMeerEmbedsAsTheTeacherDoes() throws Exception {
        try (ModelHub hub = ModelHub.openDefault(); Model model = Model.newInstance("meer")) {
            NDManager m = model.getNDManager();
            DlibResNet teacher = hub.teacherNet(m);
            ParameterStore store = new ParameterStore(m, false);
            NDArray x = faces(m, "samples/faces/lfw_colin_powell_0095.png", "samples/faces/lfw_laura_bush_0011.png");
            NDArray whole = teacher.forward(store, new NDList(x), false).singletonOrThrow();
            NDArray front = teacher.front(store, x, false);
            assertEquals(new Shape(2, DlibResNet.FRONT_CHANNELS, DlibResNet.FRONT_SIDE, DlibResNet.FRONT_SIDE),
                    front.getShape());
            assertEquals(0f, teacher.back(store, front, false).sub(whole).abs().max().getFloat(), 1e-5f);

            MeerNet meer = new MeerNet(hub.teacherNet(m), true, true, 4, 4);
            Engine.getInstance().setRandomSeed(7); // the heads' random start, so the figures below are fixed
            meer.initialize(m, DataType.FLOAT32, new Shape(2, 3, S, S));
            MeerNet.Outputs out = meer.run(store, x, false, true);
            // the head's last bias starts at −4 (p = 0.018 before its random weights have their say)
            var biases = meer.getParameters().stream().filter(e -> e.getKey().contains("mask")
                    && e.getKey().endsWith("bias")).toList();
            assertEquals(3, biases.size(), biases.toString());
            assertEquals(MeerNet.START_BIAS, biases.get(2).getValue().getArray().getFloat(), 0f);
            float[] cos = Batches.unitRows(out.embedding()).mul(Batches.unitRows(whole)).sum(new int[] {1})
                    .toFloatArray();
            for (float c : cos) {
                assertTrue(c > 0.97f, "cosine to the teacher at the start " + c);
            }
            assertEquals(new Shape(2, 3, S, S), out.restored().getShape());
            assertEquals(new Shape(2, 128), meer.forward(store, new NDList(x), false).singletonOrThrow().getShape());
        }
    }

    /** Real faces as the network's input (a fresh mask head's output depends on what it sees). */
    private static NDArray faces(NDManager m, String... files) throws java.io.IOException {
        float[] x = new float[files.length * 3 * S * S];
        for (int i = 0; i < files.length; i++) {
            RgbImage face = ImageLoader.load(java.nio.file.Path.of(files[i]));
            System.arraycopy(DlibResNet.input(face), 0, x, i * 3 * S * S, 3 * S * S);
        }
        return m.create(x, new Shape(files.length, 3, S, S));
    }

    @Test
    void theAblationsLeaveOutTheirParts() {
        try (ModelHub hub = ModelHub.openDefault(); Model model = Model.newInstance("meer")) {
            NDManager m = model.getNDManager();
            ParameterStore store = new ParameterStore(m, false);
            NDArray x = m.randomUniform(-0.5f, 0.5f, new Shape(1, 3, S, S));
            MeerNet noDecoupling = new MeerNet(hub.teacherNet(m), false, true, 4, 4);
            noDecoupling.initialize(m, DataType.FLOAT32, new Shape(1, 3, S, S));
            MeerNet.Outputs a = noDecoupling.run(store, x, false, true);
            assertNull(a.maskLogits());
            assertNotNull(a.restored(), "without decoupling the decoder's whole face is the restored face");
            MeerNet noSynthesis = new MeerNet(hub.teacherNet(m), true, false, 4, 4);
            noSynthesis.initialize(m, DataType.FLOAT32, new Shape(1, 3, S, S));
            MeerNet.Outputs b = noSynthesis.run(store, x, false, true);
            assertNotNull(b.maskLogits());
            assertNull(b.restored());
            assertThrows(IllegalArgumentException.class, () -> new MeerNet(new DlibResNet(), true, true, 0, 4));
        }
    }

    @Test
    void eachFeatureCellPaintsTheFourByFourBlockOnItsCentre() {
        try (NDManager m = NDManager.newBaseManager()) {
            int cells = DlibResNet.FRONT_SIDE;
            float[] map = new float[cells * cells];
            map[2 * cells + 3] = 1; // cell (2, 3): centred on pixel (4·2 + 5, 4·3 + 5) = (13, 17)
            float[] image = MeerNet.coverAtImage(m.create(map, new Shape(1, 1, cells, cells)), S).toFloatArray();
            assertEquals(S * S, image.length);
            for (int y = 0; y < S; y++) {
                for (int x = 0; x < S; x++) {
                    boolean inside = y >= 12 && y < 16 && x >= 16 && x < 20;
                    assertEquals(inside ? 1f : 0f, image[y * S + x], "pixel " + y + "," + x);
                }
            }
            // the edges repeat the border cells: cell (0, 0) reaches the image's corner, cell (34, 34) the other
            map = new float[cells * cells];
            map[0] = 1;
            map[cells * cells - 1] = 1;
            image = MeerNet.coverAtImage(m.create(map, new Shape(1, 1, cells, cells)), S).toFloatArray();
            assertEquals(1f, image[0]);
            assertEquals(1f, image[7 * S + 7]);
            assertEquals(0f, image[8 * S + 8]);
            assertEquals(1f, image[S * S - 1]);
            assertEquals(1f, image[140 * S + 140], "cell 34 starts at pixel 4 + 4·34 = 140");
            assertEquals(0f, image[139 * S + 139]);
        }
    }

    @Test
    void theRestoredFaceReplacesTheImageByTheCoverOfEachCell() {
        try (NDManager m = NDManager.newBaseManager()) {
            int cells = DlibResNet.FRONT_SIDE;
            float[] cover = new float[cells * cells];
            cover[2 * cells + 3] = 0.25f; // cell (2, 3) a quarter covered: pixels y 12..15, x 16..19
            cover[20 * cells + 20] = 1f;  // cell (20, 20) covered: pixels y 84..87, x 84..87
            NDArray image = m.full(new Shape(1, 3, S, S), 0.4f);
            NDArray face = m.full(new Shape(1, 3, S, S), -0.2f);
            float[] out = MeerNet.paste(image, face, m.create(cover, new Shape(1, 1, cells, cells))).toFloatArray();
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < S; y++) {
                    for (int x = 0; x < S; x++) {
                        float expected = 0.4f;
                        if (y >= 12 && y < 16 && x >= 16 && x < 20) {
                            expected = 0.75f * 0.4f + 0.25f * -0.2f;
                        } else if (y >= 84 && y < 88 && x >= 84 && x < 88) {
                            expected = -0.2f;
                        }
                        assertEquals(expected, out[(c * S + y) * S + x], 1e-6f, "pixel " + c + "," + y + "," + x);
                    }
                }
            }
        }
    }

    @Test
    void theMaskTargetIsTheCoveredShareOfEachCellsBlock() {
        int cells = DlibResNet.FRONT_SIDE;
        float[] hole = new float[S * S];
        // rows 4..7 (cell row 0), columns 4..5: half of cell (0, 0)'s block
        for (int y = 4; y < 8; y++) {
            hole[y * S + 4] = 1;
            hole[y * S + 5] = 1;
        }
        // one pixel of cell (10, 20)'s block: y in 44..47, x in 84..87
        hole[45 * S + 86] = 1;
        // pixels in the lead (rows 0..3) belong to no cell's block
        hole[S + 1] = 1;
        float[] target = MeerNet.cellCover(hole, 1, S, cells);
        assertEquals(cells * cells, target.length);
        assertEquals(0.5f, target[0], 1e-6f);
        assertEquals(1f / 16, target[10 * cells + 20], 1e-6f);
        double sum = 0;
        for (float v : target) {
            sum += v;
        }
        assertEquals(0.5 + 1.0 / 16, sum, 1e-6);
    }
}
