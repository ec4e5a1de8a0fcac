package org.maskface.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.maskface.nn.TfConv2d.Activation;
import org.maskface.nn.TfConv2d.Padding;

/**
 * face-api's 68-point landmark net: input {@code [N, 3, 112, 112]} normalised (RGB − mean) / 255,
 * four densely connected blocks of depthwise-separable convolutions (32, 64, 128, 256 channels,
 * each halving the resolution), a 7×7/2 average pool and fc 256→136: 68 (x, y) pairs relative to
 * the (square-padded) input.
 */
public final class Landmark68Net extends AbstractBlock implements TfjsLoadable {

    public static final int INPUT_SIZE = 112;
    public static final int POINTS = 68;
    public static final float[] MEAN_RGB = DlibResNet.MEAN_RGB;

    private final DenseBlock[] blocks;
    private final Parameter fcWeight;
    private final Parameter fcBias;

    public Landmark68Net() {
        blocks = new DenseBlock[] {
            addChildBlock("dense0", new DenseBlock(3, 32, true)),
            addChildBlock("dense1", new DenseBlock(32, 64, false)),
            addChildBlock("dense2", new DenseBlock(64, 128, false)),
            addChildBlock("dense3", new DenseBlock(128, 256, false)),
        };
        fcWeight = addParameter(Parameter.builder().setName("fcWeight").setType(Parameter.Type.WEIGHT)
                .build());
        fcBias = addParameter(Parameter.builder().setName("fcBias").setType(Parameter.Type.BIAS)
                .build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList h = inputs;
        for (DenseBlock b : blocks) {
            h = b.forward(store, h, training);
        }
        NDArray x = Pool.avgPool2d(h.singletonOrThrow(), new Shape(7, 7), new Shape(2, 2), new Shape(0, 0), false, true);
        x = x.reshape(x.getShape().get(0), -1);
        NDArray w = store.getValue(fcWeight, x.getDevice(), training);
        NDArray b = store.getValue(fcBias, x.getDevice(), training);
        return new NDList(x.matMul(w).add(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), POINTS * 2)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    }

    @Override
    public void loadTfjs(TfjsWeights w, NDManager manager) {
        for (int i = 0; i < blocks.length; i++) {
            blocks[i].load(w, manager, "dense" + i);
        }
        fcWeight.setArray(manager.create(w.get("fc/weights", 256, POINTS * 2).values(), new Shape(256, POINTS * 2)));
        fcBias.setArray(manager.create(w.get("fc/bias", POINTS * 2).values(), new Shape(POINTS * 2)));
    }

    /**
     * Four stride-1 separable convs after a stride-2 entry conv, each fed the ReLU of the sum of
     * all earlier outputs in the block: o1 = relu(c0(x)), o2 = c1(o1), o3 = c2(relu(o1+o2)),
     * o4 = c3(relu(o1+o2+o3)), out = relu(o1+o2+o3+o4).
     */
    static final class DenseBlock extends AbstractBlock {
        private final boolean first;
        private final TfConv2d[] depthwise = new TfConv2d[4];
        private final TfConv2d[] pointwise = new TfConv2d[4];

        DenseBlock(int in, int out, boolean first) {
            this.first = first;
            for (int i = 0; i < 4; i++) {
                int stride = i == 0 ? 2 : 1;
                int cin = i == 0 ? in : out;
                if (i == 0 && first) {
                    pointwise[i] = addChildBlock("conv0", TfConv2d.conv(cin, out, 3, 2, Padding.SAME, Activation.NONE));
                } else {
                    depthwise[i] = addChildBlock("conv" + i + "_dw",
                            TfConv2d.depthwise(cin, 3, stride, Padding.SAME, Activation.NONE));
                    pointwise[i] = addChildBlock("conv" + i + "_pw",
                            TfConv2d.conv(cin, out, 1, 1, Padding.SAME, Activation.NONE));
                }
            }
        }

        private NDArray conv(int i, ParameterStore store, NDArray x, boolean training) {
            NDList h = new NDList(x);
            if (depthwise[i] != null) {
                h = depthwise[i].forward(store, h, training);
            }
            return pointwise[i].forward(store, h, training).singletonOrThrow();
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray o1 = ai.djl.nn.Activation.relu(conv(0, store, inputs.singletonOrThrow(), training));
            NDArray o2 = conv(1, store, o1, training);
            NDArray s12 = o1.add(o2);
            NDArray o3 = conv(2, store, ai.djl.nn.Activation.relu(s12), training);
            NDArray s123 = s12.add(o3);
            NDArray o4 = conv(3, store, ai.djl.nn.Activation.relu(s123), training);
            return new NDList(ai.djl.nn.Activation.relu(s123.add(o4)));
        }

        void load(TfjsWeights w, NDManager manager, String prefix) {
            for (int i = 0; i < 4; i++) {
                String p = prefix + "/conv" + i;
                if (depthwise[i] == null) {
                    pointwise[i].setTfWeights(manager, w.get(p + "/filters"), w.get(p + "/bias").values(), null, null);
                } else {
                    depthwise[i].setTfWeights(manager, w.get(p + "/depthwise_filter"), null, null, null);
                    pointwise[i].setTfWeights(manager, w.get(p + "/pointwise_filter"), w.get(p + "/bias").values(),
                            null, null);
                }
            }
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape s = inputShapes[0];
            return new Shape[] {new Shape(s.get(0), pointwise[0].outChannels(), (s.get(2) + 1) / 2, (s.get(3) + 1) / 2)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        }
    }
}
