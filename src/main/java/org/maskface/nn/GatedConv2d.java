package org.maskface.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Gated convolution (Yu et al. 2019), the inpainter's basic layer: one convolution produces
 * features and, from the same input, a gate in [0, 1] per pixel and channel; the output is
 * ELU(features) · sigmoid(gate). The gate lets the layer learn where the input is valid (the
 * visible face) and where it is a hole to be filled, which a plain convolution cannot tell.
 * Same padding, so the size only changes with the stride.
 */
public final class GatedConv2d extends AbstractBlock {

    private final int filters;
    private final int stride;
    private final Conv2d conv;

    /**
     * @param filters  output channels
     * @param kernel   odd kernel size
     * @param stride   1 or 2
     * @param dilation dilation (1: none), widening the receptive field without downsampling
     */
    public GatedConv2d(int filters, int kernel, int stride, int dilation) {
        if (filters < 1 || kernel < 1 || kernel % 2 == 0 || stride < 1 || dilation < 1) {
            throw new IllegalArgumentException("need filters >= 1, an odd kernel, stride and dilation >= 1; got "
                    + filters + ", " + kernel + ", " + stride + ", " + dilation);
        }
        this.filters = filters;
        this.stride = stride;
        int pad = dilation * (kernel - 1) / 2;
        conv = addChildBlock("conv", Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(2 * filters)
                .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad))
                .optDilation(new Shape(dilation, dilation)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray both = conv.forward(store, inputs, training).singletonOrThrow();
        NDList halves = both.split(2, 1);
        return new NDList(Activation.elu(halves.get(0), 1f).mul(Activation.sigmoid(halves.get(1))));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), filters, (in.get(2) + stride - 1) / stride,
                (in.get(3) + stride - 1) / stride)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
    }
}
