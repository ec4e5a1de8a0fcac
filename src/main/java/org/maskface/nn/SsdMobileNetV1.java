package org.maskface.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.maskface.nn.TfConv2d.Activation;
import org.maskface.nn.TfConv2d.Padding;

/**
 * face-api's SSD MobileNetV1 face detector: input {@code [N, 3, 512, 512]} scaled to [−1, 1].
 * MobileNetV1 (a 3×3/2 conv, then 13 depthwise (batch norm, ReLU6) + pointwise (bias, ReLU6)
 * pairs, stride 2 at pairs 2, 4, 6, 12), eight extra pointwise layers, and six box predictors on
 * feature maps 32², 16², 8², 4², 2², 1² (3 anchors on the first, 6 on the others: 5118 in all).
 *
 * <p>Output: box encodings {@code [N, 5118, 4]} (ty, tx, th, tw relative to the anchors) and class
 * logits {@code [N, 5118, 3]}; decoding and NMS belong to the translator.
 */
public final class SsdMobileNetV1 extends AbstractBlock implements TfjsLoadable {

    public static final int INPUT_SIZE = 512;
    public static final int ANCHORS = 5118;
    private static final float BN_EPSILON = 0.0010000000474974513f;
    private static final int[] BACKBONE_CHANNELS = {32, 64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024};
    private static final int[][] EXTRA_LAYERS = { // {in, out, kernel, stride}
        {1024, 256, 1, 1}, {256, 512, 3, 2}, {512, 128, 1, 1}, {128, 256, 3, 2},
        {256, 128, 1, 1}, {128, 256, 3, 2}, {256, 64, 1, 1}, {64, 128, 3, 2},
    };
    private static final int[] PREDICTOR_CHANNELS = {512, 1024, 512, 256, 256, 128};

    private final TfConv2d conv0;
    private final TfConv2d[] depthwise = new TfConv2d[14];
    private final TfConv2d[] pointwise = new TfConv2d[14];
    private final TfConv2d[] extra = new TfConv2d[EXTRA_LAYERS.length];
    private final TfConv2d[] boxPredictors = new TfConv2d[6];
    private final TfConv2d[] classPredictors = new TfConv2d[6];

    public SsdMobileNetV1() {
        conv0 = addChildBlock("conv0", TfConv2d.conv(3, 32, 3, 2, Padding.SAME, Activation.RELU6));
        for (int i = 1; i < 14; i++) {
            int stride = (i == 2 || i == 4 || i == 6 || i == 12) ? 2 : 1;
            int in = BACKBONE_CHANNELS[i - 1];
            depthwise[i] = addChildBlock("conv" + i + "_dw", TfConv2d.depthwise(in, 3, stride, Padding.SAME, Activation.RELU6));
            pointwise[i] = addChildBlock("conv" + i + "_pw",
                    TfConv2d.conv(in, BACKBONE_CHANNELS[i], 1, 1, Padding.SAME, Activation.RELU6));
        }
        for (int i = 0; i < extra.length; i++) {
            int[] l = EXTRA_LAYERS[i];
            extra[i] = addChildBlock("extra" + i, TfConv2d.conv(l[0], l[1], l[2], l[3], Padding.SAME, Activation.RELU6));
        }
        for (int i = 0; i < 6; i++) {
            int anchors = i == 0 ? 3 : 6;
            boxPredictors[i] = addChildBlock("box" + i,
                    TfConv2d.conv(PREDICTOR_CHANNELS[i], anchors * 4, 1, 1, Padding.SAME, Activation.NONE));
            classPredictors[i] = addChildBlock("class" + i,
                    TfConv2d.conv(PREDICTOR_CHANNELS[i], anchors * 3, 1, 1, Padding.SAME, Activation.NONE));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList x = conv0.forward(store, inputs, training);
        NDList conv11 = null;
        for (int i = 1; i < 14; i++) {
            x = pointwise[i].forward(store, depthwise[i].forward(store, x, training), training);
            if (i == 11) {
                conv11 = x;
            }
        }
        NDList[] maps = new NDList[6];
        maps[0] = conv11;
        maps[1] = x;
        NDList h = x;
        for (int i = 0; i < extra.length; i++) {
            h = extra[i].forward(store, h, training);
            if (i % 2 == 1) {
                maps[2 + i / 2] = h;
            }
        }
        NDList boxes = new NDList();
        NDList classes = new NDList();
        for (int i = 0; i < 6; i++) {
            boxes.add(toAnchorRows(boxPredictors[i].forward(store, maps[i], training).singletonOrThrow(), 4));
            classes.add(toAnchorRows(classPredictors[i].forward(store, maps[i], training).singletonOrThrow(), 3));
        }
        return new NDList(NDArrays.concat(boxes, 1), NDArrays.concat(classes, 1));
    }

    /** {@code [N, A·k, H, W]} → {@code [N, H·W·A, k]}, matching TF's NHWC row order (y, x, anchor). */
    private static NDArray toAnchorRows(NDArray y, int k) {
        return y.transpose(0, 2, 3, 1).reshape(y.getShape().get(0), -1, k);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        return new Shape[] {new Shape(n, ANCHORS, 4), new Shape(n, ANCHORS, 3)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    }

    @Override
    public void loadTfjs(TfjsWeights w, NDManager manager) {
        loadPointwise(conv0, w, manager, "MobilenetV1/Conv2d_0_pointwise");
        for (int i = 1; i < 14; i++) {
            String dw = "MobilenetV1/Conv2d_" + i + "_depthwise";
            float[][] bn = TfConv2d.batchNormAsAffine(w.get(dw + "/BatchNorm/gamma").values(),
                    w.get(dw + "/BatchNorm/beta").values(), w.get(dw + "/BatchNorm/moving_mean").values(),
                    w.get(dw + "/BatchNorm/moving_variance").values(), BN_EPSILON);
            depthwise[i].setTfWeights(manager, w.get(dw + "/depthwise_weights"), null, bn[0], bn[1]);
            loadPointwise(pointwise[i], w, manager, "MobilenetV1/Conv2d_" + i + "_pointwise");
        }
        for (int i = 0; i < extra.length; i++) {
            loadPointwise(extra[i], w, manager, "Prediction/Conv2d_" + i + "_pointwise");
        }
        for (int i = 0; i < 6; i++) {
            String p = "Prediction/BoxPredictor_" + i;
            boxPredictors[i].setTfWeights(manager, w.get(p + "/BoxEncodingPredictor/weights"),
                    w.get(p + "/BoxEncodingPredictor/biases").values(), null, null);
            classPredictors[i].setTfWeights(manager, w.get(p + "/ClassPredictor/weights"),
                    w.get(p + "/ClassPredictor/biases").values(), null, null);
        }
    }

    private static void loadPointwise(TfConv2d conv, TfjsWeights w, NDManager manager, String prefix) {
        conv.setTfWeights(manager, w.get(prefix + "/weights"), w.get(prefix + "/convolution_bn_offset").values(),
                null, null);
    }

    /** The 5118 anchors {@code (ymin, xmin, ymax, xmax)} relative to the padded input square. */
    public static float[] anchors(TfjsWeights w) {
        return w.get("Output/extra_dim", 1, ANCHORS, 4).values();
    }
}
