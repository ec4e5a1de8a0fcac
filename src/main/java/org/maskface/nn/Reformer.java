package org.maskface.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * G2D's discriminative reformer (DESIGN.md §3.2: about one convolution, four residual blocks,
 * pooling and a fully-connected layer): turns the generative encoder's descriptors
 * {@code [N, C, H, W]} into an identity vector {@code [N, D]} (not normalised). The residual
 * blocks double the channels and halve the side every second block; the last feature map is
 * flattened (where on the face a feature lies still counts, as in ArcFace's output layer) or
 * averaged (far fewer weights in the final layer: less to overfit on a small training set).
 */
public final class Reformer extends AbstractBlock {

    /** How the last feature map becomes a vector before the fully-connected layer. */
    public enum Pooling {
        FLATTEN, AVERAGE
    }

    private final int width;
    private final int blocks;
    private final Pooling pooling;
    private final int embedding;
    private final SequentialBlock body;

    /**
     * @param width     channels after the first convolution
     * @param blocks    residual blocks (even blocks keep the size, odd ones halve it)
     * @param embedding length of the identity vector
     */
    public Reformer(int width, int blocks, Pooling pooling, int embedding) {
        if (width < 1 || blocks < 0 || embedding < 1 || pooling == null) {
            throw new IllegalArgumentException("need width >= 1, blocks >= 0, embedding >= 1; got " + width + ", "
                    + blocks + ", " + embedding);
        }
        this.width = width;
        this.blocks = blocks;
        this.pooling = pooling;
        this.embedding = embedding;
        SequentialBlock b = new SequentialBlock().add(conv(width, 3, 1)).add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
        int channels = width;
        for (int i = 0; i < blocks; i++) {
            boolean down = i % 2 == 1;
            channels = down ? channels * 2 : channels;
            b.add(new Residual(channels, down ? 2 : 1));
        }
        b.add(BatchNorm.builder().build());
        if (pooling == Pooling.AVERAGE) {
            b.add(ai.djl.nn.pooling.Pool.globalAvgPool2dBlock());
        }
        b.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(embedding).build());
        body = addChildBlock("body", b);
    }

    public int width() {
        return width;
    }

    public int blocks() {
        return blocks;
    }

    public Pooling pooling() {
        return pooling;
    }

    public int embedding() {
        return embedding;
    }

    static Conv2d conv(int filters, int kernel, int stride) {
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2)).setFilters(filters).optBias(false).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return body.forward(store, inputs, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), embedding)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
    }

    /** conv–BN–ReLU–conv–BN plus a projection shortcut (1×1 convolution, BN), then ReLU. */
    static final class Residual extends AbstractBlock {
        private final Block main;
        private final Block shortcut;

        Residual(int filters, int stride) {
            main = addChildBlock("main", new SequentialBlock().add(conv(filters, 3, stride))
                    .add(BatchNorm.builder().build()).add(Activation.reluBlock()).add(conv(filters, 3, 1))
                    .add(BatchNorm.builder().build()));
            shortcut = addChildBlock("shortcut", new SequentialBlock().add(conv(filters, 1, stride))
                    .add(BatchNorm.builder().build()));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray a = main.forward(store, inputs, training).singletonOrThrow();
            NDArray b = shortcut.forward(store, inputs, training).singletonOrThrow();
            return new NDList(Activation.relu(a.add(b)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return main.getOutputShapes(inputShapes);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            main.initialize(manager, dataType, inputShapes);
            shortcut.initialize(manager, dataType, inputShapes);
        }
    }
}
