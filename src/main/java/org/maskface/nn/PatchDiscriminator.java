package org.maskface.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The inpainter's critic: four stride-2 5×5 convolutions with leaky ReLU, then a 3×3 convolution to
 * one score per patch ({@code [N, 1, S/16, S/16]}), as in SN-PatchGAN. The same design serves as
 * the global discriminator (the whole face) and the local one (the window around the hole,
 * {@link HoleWindow}); each patch score judges a region of the face, so the adversarial signal
 * covers the completed area rather than one verdict per face.
 */
public final class PatchDiscriminator extends AbstractBlock {

    private final SequentialBlock net;

    /** @param width channels of the first layer (×2, ×4, ×4 after) */
    public PatchDiscriminator(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be positive, got " + width);
        }
        net = addChildBlock("net", new SequentialBlock()
                .add(down(width)).add(leaky()).add(down(2 * width)).add(leaky())
                .add(down(4 * width)).add(leaky()).add(down(4 * width)).add(leaky())
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(1).build()));
    }

    private static Conv2d down(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(5, 5)).optStride(new Shape(2, 2)).optPadding(new Shape(2, 2))
                .setFilters(filters).build();
    }

    private static ai.djl.nn.Block leaky() {
        return Activation.leakyReluBlock(0.2f);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return net.forward(store, inputs, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return net.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        net.initialize(manager, dataType, inputShapes);
    }
}
