package org.maskface.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A small U-Net that predicts which pixels of an aligned 112×112 face are occluded (mask, hand,
 * scarf, sunglasses). Input {@code [N, 3, 112, 112]} scaled to [−1, 1]; output occlusion logits
 * {@code [N, 1, 56, 56]} — half resolution keeps a CPU training step cheap, and the logits are
 * upsampled bilinearly to the crop (occluder outlines are smooth, so little is lost).
 *
 * <p>Encoder: a stride-2 stem to 56², then three stride-2 stages to 7² (the receptive field must
 * see the whole lower face to tell a skin-coloured mask from skin). Decoder: nearest ×2 upsampling,
 * concatenation with the encoder feature of the same size, two 3×3 convs; a 1×1 conv to one logit.
 * Every 3×3 conv is conv → batch norm → ReLU.
 */
public final class OcclusionNet extends AbstractBlock {

    public static final int INPUT_SIZE = 112;
    public static final int OUTPUT_SIZE = 56;

    private final int width;
    private final Block stem;
    private final Block down1;
    private final Block down2;
    private final Block down3;
    private final Block up2;
    private final Block up1;
    private final Block up0;
    private final Block head;

    /** @param width channels of the first stage (16 in the shipped model); later stages use 2, 4, 6× */
    public OcclusionNet(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be positive, got " + width);
        }
        this.width = width;
        stem = addChildBlock("stem", stage(width, 2));
        down1 = addChildBlock("down1", stage(2 * width, 2));
        down2 = addChildBlock("down2", stage(4 * width, 2));
        down3 = addChildBlock("down3", stage(6 * width, 2));
        up2 = addChildBlock("up2", stage(4 * width, 1));
        up1 = addChildBlock("up1", stage(2 * width, 1));
        up0 = addChildBlock("up0", stage(width, 1));
        head = addChildBlock("head", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).build());
    }

    public int width() {
        return width;
    }

    private static Block stage(int filters, int stride) {
        return new SequentialBlock()
                .add(conv(filters, stride)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(conv(filters, 1)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
    }

    private static Conv2d conv(int filters, int stride) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .optStride(new Shape(stride, stride)).setFilters(filters).optBias(false).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList s0 = stem.forward(store, inputs, training);
        NDList s1 = down1.forward(store, s0, training);
        NDList s2 = down2.forward(store, s1, training);
        NDList s3 = down3.forward(store, s2, training);
        NDList x = up2.forward(store, merge(s3, s2), training);
        x = up1.forward(store, merge(x, s1), training);
        x = up0.forward(store, merge(x, s0), training);
        return head.forward(store, x, training);
    }

    /** Nearest-neighbour ×2 upsampling of {@code coarse}, concatenated with {@code skip} along channels. */
    private static NDList merge(NDList coarse, NDList skip) {
        NDArray up = coarse.singletonOrThrow().repeat(2, 2).repeat(3, 2);
        return new NDList(NDArrays.concat(new NDList(up, skip.singletonOrThrow()), 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), 1, in.get(2) / 2, in.get(3) / 2)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long n = in.get(0);
        long h = in.get(2);
        long w = in.get(3);
        long c1 = width;
        stem.initialize(manager, dataType, in);
        down1.initialize(manager, dataType, new Shape(n, c1, h / 2, w / 2));
        down2.initialize(manager, dataType, new Shape(n, 2 * c1, h / 4, w / 4));
        down3.initialize(manager, dataType, new Shape(n, 4 * c1, h / 8, w / 8));
        up2.initialize(manager, dataType, new Shape(n, 6 * c1 + 4 * c1, h / 8, w / 8));
        up1.initialize(manager, dataType, new Shape(n, 4 * c1 + 2 * c1, h / 4, w / 4));
        up0.initialize(manager, dataType, new Shape(n, 2 * c1 + c1, h / 2, w / 2));
        head.initialize(manager, dataType, new Shape(n, c1, h / 2, w / 2));
    }
}
