package org.maskface.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * G2D's generative encoder (DESIGN.md §3.2): the coarse stage of the de-occlusion inpainter
 * ({@link InpaintingGenerator}) split in two. The encoder half (gated convolutions down to S/4,
 * then the dilated ones) turns a masked face and its hole map into "category-aware
 * descriptors" {@code [N, 4w, S/4, S/4]}; the decoder half turns descriptors back into the whole
 * unmasked face, which is how the encoder is finetuned (self-supervised pixel reconstruction)
 * and what a user can be shown.
 *
 * <p>Input as the inpainter's: the face {@code [N, 3, S, S]} in [−1, 1] and the hole
 * {@code [N, 1, S, S]} (1 = covered); covered pixels are zeroed first.
 */
public final class GenerativeEncoder extends AbstractBlock {

    private final int width;
    private final SequentialBlock encoder;
    private final SequentialBlock decoder;

    /** @param width the inpainter's width (channels of its full-resolution layers) */
    public GenerativeEncoder(int width) {
        if (width < 2 || width % 2 != 0) {
            throw new IllegalArgumentException("width must be an even number >= 2, got " + width);
        }
        this.width = width;
        encoder = addChildBlock("encoder", new SequentialBlock().addAll(InpaintingGenerator.encoder(width))
                .addAll(InpaintingGenerator.bottleneck(width)));
        decoder = addChildBlock("decoder", new SequentialBlock().addAll(InpaintingGenerator.decoder(width)));
    }

    /** Channels of the descriptors (4 × width). */
    public int channels() {
        return 4 * width;
    }

    public int width() {
        return width;
    }

    /**
     * A new encoder holding the values of {@code inpainter}'s coarse stage (same width), initialised
     * in {@code manager} for faces of side {@code size}.
     */
    public static GenerativeEncoder fromInpainter(InpaintingGenerator inpainter, NDManager manager, int size) {
        GenerativeEncoder e = new GenerativeEncoder(inpainter.width());
        e.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size), new Shape(1, 1, size, size));
        PairList<String, Parameter> from = inpainter.coarseStage().getParameters();
        PairList<String, Parameter> to = e.getParameters();
        if (from.size() != to.size()) {
            throw new IllegalStateException("inpainter coarse stage has " + from.size() + " tensors, encoder " + to.size());
        }
        for (int i = 0; i < from.size(); i++) {
            NDArray src = from.get(i).getValue().getArray();
            NDArray dst = to.get(i).getValue().getArray();
            if (!src.getShape().equals(dst.getShape())) {
                throw new IllegalStateException(from.get(i).getKey() + " " + src.getShape() + " does not fit "
                        + to.get(i).getKey() + " " + dst.getShape());
            }
            dst.set(src.toFloatArray());
        }
        return e;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(describe(store, inputs.get(0), inputs.get(1), training));
    }

    /** The descriptors {@code [N, 4w, S/4, S/4]} of masked faces. */
    public NDArray describe(ParameterStore store, NDArray image, NDArray hole, boolean training) {
        NDArray visible = image.mul(hole.neg().add(1));
        return encoder.forward(store, new NDList(NDArrays.concat(new NDList(visible, hole), 1)), training)
                .singletonOrThrow();
    }

    /** The whole face {@code [N, 3, S, S]} in [−1, 1] the descriptors stand for. */
    public NDArray reconstruct(ParameterStore store, NDArray descriptors, boolean training) {
        return decoder.forward(store, new NDList(descriptors), training).singletonOrThrow();
    }

    /** The decoder's blocks and parameters (to freeze them when only the descriptors matter). */
    public Block decoder() {
        return decoder;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape image = inputShapes[0];
        return new Shape[] {new Shape(image.get(0), channels(), image.get(2) / 4, image.get(3) / 4)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape image = inputShapes[0];
        long n = image.get(0);
        long s = InpaintingGenerator.requireSide(image);
        encoder.initialize(manager, dataType, new Shape(n, 4, s, s));
        decoder.initialize(manager, dataType, new Shape(n, channels(), s / 4, s / 4));
    }
}
