package org.maskface.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.maskface.nn.TfConv2d.Activation;
import org.maskface.nn.TfConv2d.Padding;

/**
 * dlib's ResNet face descriptor ("dlib_face_recognition_resnet_model_v1"), as ported to TF.js
 * by face-api: input {@code [N, 3, 150, 150]} normalised (RGB − mean) / 255, output a 128-d
 * descriptor compared by Euclidean distance (dlib and face-api use 0.6 for "same person").
 *
 * <p>Architecture (from the face-api package's documentation of the layers): 7×7/2 valid conv
 * 3→32 + 3×3/2 valid max-pool; residual stages 32 (3 units), 64 (down + 3), 128 (down + 2),
 * 256 (down + 2), one more down unit at 256; global average pool; fc 256→128 without bias.
 * Every conv is conv + bias + per-channel scale/shift, ReLU unless noted.
 */
public final class DlibResNet extends AbstractBlock implements TfjsLoadable {

    public static final int INPUT_SIZE = 150;
    public static final int EMBEDDING_SIZE = 128;
    /** Mean RGB subtracted before dividing by 255 (dlib's training convention). */
    public static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};
    /** Units in {@link #front}: the 32-channel stage. */
    public static final int FRONT_UNITS = 3;
    /** {@link #front}'s channels and side for a 150 input. */
    public static final int FRONT_CHANNELS = 32;
    public static final int FRONT_SIDE = 35;
    /** Input pixels per front feature cell (stem stride 2 × pool stride 2). */
    public static final int FRONT_STRIDE = 4;

    private final TfConv2d stem;
    private final List<Unit> units = new ArrayList<>();
    private final Parameter fc;

    public DlibResNet() {
        stem = addChildBlock("conv32_down", TfConv2d.conv(3, 32, 7, 2, Padding.VALID, Activation.RELU));
        addUnit("conv32_1", 32, 32, false);
        addUnit("conv32_2", 32, 32, false);
        addUnit("conv32_3", 32, 32, false);
        addUnit("conv64_down", 32, 64, true);
        addUnit("conv64_1", 64, 64, false);
        addUnit("conv64_2", 64, 64, false);
        addUnit("conv64_3", 64, 64, false);
        addUnit("conv128_down", 64, 128, true);
        addUnit("conv128_1", 128, 128, false);
        addUnit("conv128_2", 128, 128, false);
        addUnit("conv256_down", 128, 256, true);
        addUnit("conv256_1", 256, 256, false);
        addUnit("conv256_2", 256, 256, false);
        addUnit("conv256_down_out", 256, 256, true);
        fc = addParameter(Parameter.builder().setName("fc").setType(Parameter.Type.WEIGHT)
                .build());
    }

    /** A face as the network's input: centred square pad, resize to 150², (RGB − mean) / 255, CHW. */
    public static float[] input(org.maskface.image.RgbImage face) {
        return NetInput.toChw(face, INPUT_SIZE, true, MEAN_RGB, new float[] {1 / 255f, 1 / 255f, 1 / 255f});
    }

    /** {@link #input} of each face, one after another: a batch {@code [N, 3, 150, 150]}'s values. */
    public static float[] inputs(java.util.List<org.maskface.image.RgbImage> faces) {
        int plane = 3 * INPUT_SIZE * INPUT_SIZE;
        float[] x = new float[faces.size() * plane];
        for (int i = 0; i < faces.size(); i++) {
            System.arraycopy(input(faces.get(i)), 0, x, i * plane, plane);
        }
        return x;
    }

    /** The inverse of {@link #input} for a 150² CHW image at {@code offset} (clamped to 0..255). */
    public static org.maskface.image.RgbImage image(float[] chw, int offset) {
        int plane = INPUT_SIZE * INPUT_SIZE;
        byte[] rgb = new byte[3 * plane];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                float v = chw[offset + c * plane + i] * 255f + MEAN_RGB[c];
                rgb[3 * i + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        return new org.maskface.image.RgbImage(INPUT_SIZE, INPUT_SIZE, rgb);
    }

    private void addUnit(String name, int in, int out, boolean down) {
        units.add(addChildBlock(name, new Unit(name, in, out, down)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(back(store, front(store, inputs.singletonOrThrow(), training), training));
    }

    /**
     * The early layers (stem, max-pool and the three 32-channel units): {@code [N, 32, 35, 35]} for
     * a 150 input. Feature cell (i, j) is centred on pixel (4i + 5, 4j + 5): a 7×7/2 valid conv, then a 3×3/2 valid pool.
     */
    public NDArray front(ParameterStore store, NDArray image, boolean training) {
        NDArray x = stem.forward(store, new NDList(image), training).singletonOrThrow();
        NDList h = new NDList(Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2), new Shape(0, 0), false));
        for (Unit u : units.subList(0, FRONT_UNITS)) {
            h = u.forward(store, h, training);
        }
        return h.singletonOrThrow();
    }

    /** The rest of the network, from {@link #front}'s output to the 128-d descriptor. */
    public NDArray back(ParameterStore store, NDArray frontFeatures, boolean training) {
        NDList h = new NDList(frontFeatures);
        for (Unit u : units.subList(FRONT_UNITS, units.size())) {
            h = u.forward(store, h, training);
        }
        NDArray pooled = Pool.globalAvgPool2d(h.singletonOrThrow());
        NDArray w = store.getValue(fc, pooled.getDevice(), training);
        return pooled.matMul(w);
    }

    /** The blocks of {@link #front}, in order (the stem, then its units), e.g. to freeze them. */
    public List<Block> frontBlocks() {
        List<Block> out = new ArrayList<>();
        out.add(stem);
        out.addAll(units.subList(0, FRONT_UNITS));
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), EMBEDDING_SIZE)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // parameters come from loadTfjs
    }

    @Override
    public void loadTfjs(TfjsWeights weights, NDManager manager) {
        loadConv(stem, weights, manager, "conv32_down");
        for (Unit u : units) {
            loadConv(u.conv1, weights, manager, u.name + "/conv1");
            loadConv(u.conv2, weights, manager, u.name + "/conv2");
        }
        fc.setArray(manager.create(weights.get("fc", 256, EMBEDDING_SIZE).values(), new Shape(256, EMBEDDING_SIZE)));
    }

    private static void loadConv(TfConv2d conv, TfjsWeights w, NDManager manager, String prefix) {
        conv.setTfWeights(manager, w.get(prefix + "/conv/filters"), w.get(prefix + "/conv/bias").values(),
                w.get(prefix + "/scale/weights").values(), w.get(prefix + "/scale/biases").values());
    }

    /**
     * Residual unit: conv(+ReLU) → conv → add shortcut → ReLU. A down unit's first conv is 3×3/2
     * 'valid'; its shortcut is a 2×2/2 average pool, zero-padded in channels, and the conv path is
     * zero-padded by one row and column (bottom/right) where the two sizes differ.
     */
    static final class Unit extends AbstractBlock {
        final TfConv2d conv1;
        final TfConv2d conv2;
        final String name;
        private final boolean down;
        private final int in;
        private final int out;

        Unit(String name, int in, int out, boolean down) {
            this.name = name;
            this.in = in;
            this.out = out;
            this.down = down;
            conv1 = addChildBlock("conv1", TfConv2d.conv(in, out, 3, down ? 2 : 1,
                    down ? Padding.VALID : Padding.SAME, Activation.RELU));
            conv2 = addChildBlock("conv2", TfConv2d.conv(out, out, 3, 1, Padding.SAME, Activation.NONE));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray y = conv2.forward(store, conv1.forward(store, inputs, training), training).singletonOrThrow();
            NDArray shortcut = x;
            if (down) {
                shortcut = Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
                if (out > in) {
                    Shape s = shortcut.getShape();
                    NDArray zeros = shortcut.getManager().zeros(new Shape(s.get(0), out - in, s.get(2), s.get(3)),
                            shortcut.getDataType(), shortcut.getDevice());
                    shortcut = shortcut.concat(zeros, 1);
                }
                long dh = shortcut.getShape().get(2) - y.getShape().get(2);
                long dw = shortcut.getShape().get(3) - y.getShape().get(3);
                if (dh != 0 || dw != 0) {
                    y = y.pad(new Shape(0, dw, 0, dh), 0);
                }
            }
            return new NDList(ai.djl.nn.Activation.relu(y.add(shortcut)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape s = inputShapes[0];
            if (!down) {
                return new Shape[] {s};
            }
            return new Shape[] {new Shape(s.get(0), out, s.get(2) / 2, s.get(3) / 2)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        }
    }
}
