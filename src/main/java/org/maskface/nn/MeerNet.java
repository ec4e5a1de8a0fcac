package org.maskface.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * MEER (DESIGN.md §3.3) on the teacher's architecture. A dlib ResNet recognizer whose early layers
 * ({@link DlibResNet#front}, kept at the teacher's values) are the shared encoder; on their
 * features a <em>mask decoupling</em> head predicts the occlusion map {@code p} (one value per
 * feature cell), splitting the features into mask-related {@code F·p} and identity-related
 * {@code F·(1 − p)} parts; the rest of the recognizer embeds the identity part. A <em>synthesis</em>
 * decoder restores the unmasked face from the identity features, the occlusion map and the
 * identity code (the embedding, projected and spread over the face); the restored face replaces
 * the input where {@code p} says covered. Everything works in the teacher's input space
 * ({@code (RGB − mean) / 255} at 150×150), so the restored face goes to the teacher unchanged.
 *
 * <p>Without decoupling (an ablation) the recognizer embeds the features as they are and the
 * restored face is the decoder's whole output; without synthesis there is no decoder. The
 * forward pass ({@link #forwardInternal}) gives the embedding alone, what verification needs;
 * {@link #run} gives all outputs.
 */
public final class MeerNet extends AbstractBlock {

    /** The restored face's pixels per feature cell, and where cell 0 starts (cell i is centred on pixel 4i + 5). */
    static final int SCALE = DlibResNet.FRONT_STRIDE;
    static final int LEAD = 4;
    /**
     * The mask head's last bias at the start: it pushes p towards 0 (0.018 before the head's random
     * weights have their say), so the gated features — and the embedding — start near the teacher's.
     */
    static final float START_BIAS = -4f;

    /** What one pass gives: the raw embedding, the mask logits (null without decoupling), the restored face (null unless asked for and there is a decoder). */
    public record Outputs(NDArray embedding, NDArray maskLogits, NDArray restored) {
    }

    private final DlibResNet recognizer;
    private final SequentialBlock maskHead;
    private final Linear identityCode;
    private final SequentialBlock decoder;
    private final boolean decoupling;
    private final boolean synthesis;
    private final int decoderWidth;

    /**
     * @param recognizer   the dlib ResNet, holding the teacher's weights (or shaped to load trained ones)
     * @param decoupling   predict the occlusion map and gate the features with it
     * @param synthesis    restore the unmasked face
     * @param maskWidth    channels of the mask head
     * @param decoderWidth channels of the decoder at full resolution (×2 at the feature resolution)
     */
    public MeerNet(DlibResNet recognizer, boolean decoupling, boolean synthesis, int maskWidth, int decoderWidth) {
        if (maskWidth < 1 || decoderWidth < 2) {
            throw new IllegalArgumentException("maskWidth must be >= 1 and decoderWidth >= 2, got " + maskWidth + ", "
                    + decoderWidth);
        }
        this.recognizer = addChildBlock("recognizer", recognizer);
        this.decoupling = decoupling;
        this.synthesis = synthesis;
        this.decoderWidth = decoderWidth;
        this.maskHead = decoupling ? addChildBlock("mask", new SequentialBlock()
                .add(conv(maskWidth, 1)).add(Activation::relu)
                .add(conv(maskWidth, 2)).add(Activation::relu)
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).build())) : null;
        if (synthesis) {
            int w = decoderWidth;
            identityCode = addChildBlock("code", Linear.builder().setUnits(w).build());
            // dilated convolutions reach across the face (≈ 31 cells) so a covered region is filled from what is seen
            decoder = addChildBlock("decoder", new SequentialBlock()
                    .add(conv(2 * w, 1)).add(Activation::relu)
                    .add(conv(2 * w, 2)).add(Activation::relu)
                    .add(conv(2 * w, 4)).add(Activation::relu)
                    .add(conv(2 * w, 8)).add(Activation::relu)
                    .add(InpaintingGenerator.upsample()).add(conv(w, 1)).add(Activation::relu)
                    .add(InpaintingGenerator.upsample()).add(conv(w / 2, 1)).add(Activation::relu)
                    .add(conv(3, 1)));
        } else {
            identityCode = null;
            decoder = null;
        }
    }

    private static Conv2d conv(int filters, int dilation) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(dilation, dilation))
                .optDilation(new Shape(dilation, dilation)).setFilters(filters).build();
    }

    public boolean decoupling() {
        return decoupling;
    }

    public boolean synthesis() {
        return synthesis;
    }

    public DlibResNet recognizer() {
        return recognizer;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(run(store, inputs.singletonOrThrow(), training, false).embedding());
    }

    /**
     * One pass over faces {@code [N, 3, 150, 150]} in the teacher's input space.
     *
     * @param restore also restore the unmasked face (ignored without a decoder)
     */
    public Outputs run(ParameterStore store, NDArray image, boolean training, boolean restore) {
        NDArray features = recognizer.front(store, image, training);
        NDArray logits = null;
        NDArray covered = null;
        NDArray identity = features;
        if (decoupling) {
            logits = maskHead.forward(store, new NDList(features), training).singletonOrThrow();
            covered = Activation.sigmoid(logits);
            identity = features.mul(covered.neg().add(1));
        }
        NDArray embedding = recognizer.back(store, identity, training);
        if (!restore || !synthesis) {
            return new Outputs(embedding, logits, null);
        }
        long n = image.getShape().get(0);
        long side = identity.getShape().get(2);
        NDArray code = identityCode.forward(store, new NDList(Batches.unitRows(embedding)), training).singletonOrThrow()
                .reshape(n, decoderWidth, 1, 1).repeat(2, side).repeat(3, side);
        NDList in = decoupling ? new NDList(identity, covered, code) : new NDList(identity, code);
        NDArray face = toImage(decoder.forward(store, new NDList(NDArrays.concat(in, 1)), training).singletonOrThrow(),
                image.getShape().get(2));
        if (!decoupling) {
            return new Outputs(embedding, null, face);
        }
        return new Outputs(embedding, logits, paste(image, face, covered));
    }

    /** {@code image} with {@code face} blended in by the per-cell cover {@code covered}: image·(1 − C) + face·C. */
    static NDArray paste(NDArray image, NDArray face, NDArray covered) {
        NDArray cover = coverAtImage(covered, image.getShape().get(2));
        return image.mul(cover.neg().add(1)).add(face.mul(cover));
    }

    /** A per-cell map ({@code [N, 1, 35, 35]}: probabilities or logits) on the image ({@code [N, 1, S, S]}), each cell its 4×4 block. */
    public static NDArray coverAtImage(NDArray cells, long imageSide) {
        return toImage(cells.repeat(2, SCALE).repeat(3, SCALE), imageSide);
    }

    /**
     * A map at the feature resolution ×4 ({@code [N, C, 140, 140]}) placed on the image: {@link #LEAD}
     * rows and columns repeated before, the rest after, so each cell's block sits on its centre.
     */
    static NDArray toImage(NDArray map, long imageSide) {
        long s = map.getShape().get(2);
        long tail = imageSide - s - LEAD;
        if (tail < 0) {
            throw new IllegalArgumentException("map of side " + s + " does not fit an image of side " + imageSide);
        }
        return edgePad(edgePad(map, 2, LEAD, tail), 3, LEAD, tail);
    }

    private static NDArray edgePad(NDArray x, int axis, long before, long after) {
        long s = x.getShape().get(axis);
        NDList parts = new NDList();
        String first = axis == 2 ? ":, :, 0:1" : ":, :, :, 0:1";
        String last = axis == 2 ? ":, :, " + (s - 1) + ":" + s : ":, :, :, " + (s - 1) + ":" + s;
        if (before > 0) {
            parts.add(x.get(first).repeat(axis, before));
        }
        parts.add(x);
        if (after > 0) {
            parts.add(x.get(last).repeat(axis, after));
        }
        return parts.size() == 1 ? x : NDArrays.concat(parts, axis);
    }

    /**
     * The mask head's target from a hole map at the image's side ({@code [N·S·S]}, 1 = covered):
     * per feature cell, the covered fraction of the 4×4 block {@link #run} paints from that cell.
     */
    public static float[] cellCover(float[] hole, int n, int imageSide, int cells) {
        float[] out = new float[n * cells * cells];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < cells; i++) {
                for (int j = 0; j < cells; j++) {
                    float sum = 0;
                    for (int dy = 0; dy < SCALE; dy++) {
                        for (int dx = 0; dx < SCALE; dx++) {
                            int y = LEAD + SCALE * i + dy;
                            int x = LEAD + SCALE * j + dx;
                            sum += hole[(k * imageSide + y) * imageSide + x];
                        }
                    }
                    out[(k * cells + i) * cells + j] = sum / (SCALE * SCALE);
                }
            }
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), DlibResNet.EMBEDDING_SIZE)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // the recognizer holds the teacher's (or loaded) weights already: this only readies them for training
        recognizer.initialize(manager, dataType, inputShapes);
        long n = inputShapes[0].get(0);
        Shape features = new Shape(n, DlibResNet.FRONT_CHANNELS, DlibResNet.FRONT_SIDE, DlibResNet.FRONT_SIDE);
        if (decoupling) {
            Parameter bias = maskHead.getChildren().get(maskHead.getChildren().size() - 1).getValue()
                    .getParameters().get("bias");
            boolean fresh = !bias.isInitialized();
            maskHead.initialize(manager, dataType, features);
            if (fresh) {
                bias.getArray().set(manager.full(bias.getArray().getShape(), START_BIAS).toFloatArray());
            }
        }
        if (synthesis) {
            identityCode.initialize(manager, dataType, new Shape(n, DlibResNet.EMBEDDING_SIZE));
            long channels = DlibResNet.FRONT_CHANNELS + (decoupling ? 1 : 0) + decoderWidth;
            decoder.initialize(manager, dataType, new Shape(n, channels, DlibResNet.FRONT_SIDE, DlibResNet.FRONT_SIDE));
        }
    }
}
