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
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The de-occlusion inpainter's generator (DESIGN.md §3.1, after Yu et al.): coarse to fine, with
 * gated convolutions throughout.
 *
 * <ul>
 *   <li>Input: the masked face {@code [N, 3, S, S]} in [−1, 1] and its hole map {@code [N, 1, S, S]}
 *       (1 = covered: the ground-truth map in training, the occlusion estimator's at test time).
 *       S must be divisible by 4. The covered pixels are zeroed before anything sees them.</li>
 *   <li>Coarse stage: encoder to S/4, dilated convolutions (2, 4, 8) for a wide view of the visible
 *       face, decoder (nearest ×2 upsampling + convolution); a first guess of the whole face.</li>
 *   <li>Fine stage, on the visible face with the coarse guess pasted into the hole: a dilated branch
 *       and a {@link ContextualAttention} branch at S/4 (hole max-pooled to that scale), joined and
 *       decoded.</li>
 *   <li>Output: {@code [coarse, fine]}, both {@code [N, 3, S, S]} in [−1, 1] (tanh); both are
 *       trained by L1 to the unmasked face, the fine one also adversarially. {@link #complete}
 *       keeps the visible pixels and takes the rest from the fine output.</li>
 * </ul>
 */
public final class InpaintingGenerator extends AbstractBlock {

    private final int width;
    private final double attentionScale;
    private final Block coarse;
    private final Block dilatedBranch;
    private final Block attentionEncoder;
    private final Block attentionDecoder;
    private final Block fineDecoder;

    /**
     * @param width          channels of the full-resolution layers (×2 at S/2, ×4 at S/4); 16–24 suit a CPU
     * @param attentionScale contextual attention's softmax scale ({@link ContextualAttention#DEFAULT_SCALE})
     */
    public InpaintingGenerator(int width, double attentionScale) {
        if (width < 2 || width % 2 != 0) {
            throw new IllegalArgumentException("width must be an even number >= 2, got " + width);
        }
        this.width = width;
        this.attentionScale = attentionScale;
        int w = width;
        coarse = addChildBlock("coarse", new SequentialBlock()
                .addAll(encoder(w)).addAll(bottleneck(w)).addAll(decoder(w)));
        dilatedBranch = addChildBlock("dilated", new SequentialBlock()
                .addAll(encoder(w)).add(g(4 * w, 3, 1, 2)).add(g(4 * w, 3, 1, 4)).add(g(4 * w, 3, 1, 8)));
        attentionEncoder = addChildBlock("attentionEncoder", new SequentialBlock().addAll(encoder(w))
                .add(Activation.reluBlock()));
        attentionDecoder = addChildBlock("attentionDecoder", new SequentialBlock()
                .add(g(4 * w, 3, 1, 1)).add(g(4 * w, 3, 1, 1)));
        fineDecoder = addChildBlock("fineDecoder", new SequentialBlock()
                .add(g(4 * w, 3, 1, 1)).addAll(decoder(w)));
    }

    public int width() {
        return width;
    }

    /**
     * The coarse stage (encoder, dilated convolutions, decoder): G2D's generative encoder starts
     * from it ({@link GenerativeEncoder#fromInpainter}).
     */
    Block coarseStage() {
        return coarse;
    }

    static GatedConv2d g(int filters, int kernel, int stride, int dilation) {
        return new GatedConv2d(filters, kernel, stride, dilation);
    }

    /** Full resolution → S/4 with 4·w channels. */
    static java.util.List<Block> encoder(int w) {
        return java.util.List.of(g(w, 5, 1, 1), g(2 * w, 3, 2, 1), g(2 * w, 3, 1, 1), g(4 * w, 3, 2, 1),
                g(4 * w, 3, 1, 1));
    }

    /** The coarse stage's middle at S/4: dilated convolutions (2, 4, 8) for a wide view, then a plain one. */
    static java.util.List<Block> bottleneck(int w) {
        return java.util.List.of(g(4 * w, 3, 1, 2), g(4 * w, 3, 1, 4), g(4 * w, 3, 1, 8), g(4 * w, 3, 1, 1));
    }

    /** S/4 → full resolution, three channels in [−1, 1]. */
    static java.util.List<Block> decoder(int w) {
        return java.util.List.of(upsample(), g(2 * w, 3, 1, 1), g(2 * w, 3, 1, 1), upsample(), g(w, 3, 1, 1),
                g(w / 2, 3, 1, 1),
                Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(3).build(),
                Activation.tanhBlock());
    }

    /** Nearest-neighbour ×2 upsampling (also MEER's decoder). */
    static Block upsample() {
        return new ai.djl.nn.LambdaBlock(x -> new NDList(x.singletonOrThrow().repeat(2, 2).repeat(3, 2)), "upsample2x");
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray image = inputs.get(0);
        NDArray hole = inputs.get(1);
        NDArray visible = hole.neg().add(1);
        NDArray x = image.mul(visible);
        NDArray coarseOut = coarse.forward(store, new NDList(NDArrays.concat(new NDList(x, hole), 1)), training)
                .singletonOrThrow();
        NDArray guess = NDArrays.concat(new NDList(complete(image, hole, coarseOut), hole), 1);

        NDArray dilated = dilatedBranch.forward(store, new NDList(guess), training).singletonOrThrow();
        NDArray features = attentionEncoder.forward(store, new NDList(guess), training).singletonOrThrow();
        NDArray smallHole = Pool.maxPool2d(hole, new Shape(4, 4), new Shape(4, 4), new Shape(0, 0), false);
        NDArray attended = attentionDecoder.forward(store,
                new NDList(ContextualAttention.apply(features, smallHole, attentionScale)), training).singletonOrThrow();
        NDArray fineOut = fineDecoder.forward(store, new NDList(NDArrays.concat(new NDList(dilated, attended), 1)),
                training).singletonOrThrow();
        return new NDList(coarseOut, fineOut);
    }

    /** The visible pixels of {@code image} and, in the hole, those of {@code generated}. */
    public static NDArray complete(NDArray image, NDArray hole, NDArray generated) {
        return image.mul(hole.neg().add(1)).add(generated.mul(hole));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape image = inputShapes[0];
        return new Shape[] {image, image};
    }

    /** The side of a face batch {@code [N, C, S, S]}, which must be square with S divisible by 4 (two halvings). */
    static long requireSide(Shape image) {
        long s = image.get(2);
        if (s % 4 != 0 || image.get(3) != s) {
            throw new IllegalArgumentException("the face must be square with a side divisible by 4, got " + image);
        }
        return s;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape image = inputShapes[0];
        long n = image.get(0);
        long s = requireSide(image);
        Shape withHole = new Shape(n, 4, s, s);
        Shape quarter = new Shape(n, 4L * width, s / 4, s / 4);
        coarse.initialize(manager, dataType, withHole);
        dilatedBranch.initialize(manager, dataType, withHole);
        attentionEncoder.initialize(manager, dataType, withHole);
        attentionDecoder.initialize(manager, dataType, quarter);
        fineDecoder.initialize(manager, dataType, new Shape(n, 8L * width, s / 4, s / 4));
    }
}
