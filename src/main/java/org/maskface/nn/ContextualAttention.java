package org.maskface.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Contextual attention (Yu et al. 2018, DESIGN.md §3.1): every position of a feature map borrows
 * from the visible part of the same face. The 3×3 patches around visible positions become
 * convolution kernels; their cosine-normalised correlation with the patch around each position,
 * scaled by λ and soft-maxed over the visible patches, weighs how much of each is pasted back
 * (a transposed convolution with the raw patches, divided by the 9 overlapping pastes).
 * One sample at a time: the kernels are that face's own patches.
 *
 * <p>Parameter-free, so it is a function rather than a block: the inpainter's fine stage calls it
 * on its own features. A patch counts as visible only when its whole 3×3 window lies inside the
 * map and outside the hole, so nothing is copied from the hole or from padding.
 */
public final class ContextualAttention {

    /** Yu et al.'s softmax scale. */
    public static final double DEFAULT_SCALE = 10;

    private static final double NORM_FLOOR = 1e-4;
    private static final double MASKED_SCORE = -1e4;

    private ContextualAttention() {
    }

    /**
     * @param features {@code [B, C, H, W]}
     * @param hole     {@code [B, 1, H, W]}, 1 where the face is missing (e.g. the occlusion map at this scale)
     * @param scale    softmax scale λ
     * @return {@code [B, C, H, W]}: at every position, the attention-weighted paste of visible patches
     */
    public static NDArray apply(NDArray features, NDArray hole, double scale) {
        Shape s = features.getShape();
        if (s.dimension() != 4 || !hole.getShape().equals(new Shape(s.get(0), 1, s.get(2), s.get(3)))) {
            throw new IllegalArgumentException("features must be [B, C, H, W] and hole [B, 1, H, W], got " + s
                    + " and " + hole.getShape());
        }
        NDList out = new NDList();
        for (int b = 0; b < s.get(0); b++) { // each face attends to its own patches: kernels differ per sample
            out.add(one(features.get(b), hole.get(b), scale).expandDims(0));
        }
        return Batches.concat(out);
    }

    private static NDArray one(NDArray f, NDArray hole, double scale) {
        long c = f.getShape().get(0);
        int h = (int) f.getShape().get(1);
        int w = (int) f.getShape().get(2);
        NDArray patches = patches(f.pad(new Shape(1, 1, 1, 1), 0), c, h, w); // [HW, C, 3, 3]
        // the floor goes inside the root: sqrt'(0) is infinite, and an all-zero patch (ReLU, padding)
        // would turn the gradient into NaN even behind a maximum()
        NDArray norms = Scalars.pow(patches, 2).sum(new int[] {1, 2, 3}, true).add(NORM_FLOOR * NORM_FLOOR).sqrt();
        // matching kernels carry no gradient: through 1/‖patch‖ a near-empty patch would send back
        // gradients of order 1e4 (the first CPU runs diverged to NaN); the query and the pasted patches
        // still learn
        NDArray kernels = patches.div(norms).stopGradient();
        Shape one = new Shape(1, 1);
        Shape pad = new Shape(1, 1);
        NDArray scores = Conv2d.conv2d(f.expandDims(0), kernels, null, one, pad, one, 1).singletonOrThrow(); // [1, HW, H, W]

        // visible: no hole pixel in the 3×3 window, and the window inside the map (outside counts as hole)
        NDArray holeWindows = patches(hole.pad(new Shape(1, 1, 1, 1), 1), 1, h, w).sum(new int[] {1, 2, 3});
        NDArray visible = holeWindows.lte(0).toType(f.getDataType(), false).reshape(1, (long) h * w, 1, 1);
        NDArray masked = Scalars.mul(scores, scale).mul(visible).add(Scalars.mul(visible.neg().add(1), MASKED_SCORE));
        NDArray attention = masked.softmax(1).mul(visible); // no visible patch at all: attention 0, output 0

        // the paste is a stride-1 transposed convolution with the raw patches; DJL's PyTorch engine has no
        // transposed convolution, and at stride 1 it equals a convolution with the kernels flipped and
        // their in/out channels swapped
        NDArray pasteKernels = patches.transpose(1, 0, 2, 3).flip(2, 3); // [C, HW, 3, 3]
        NDArray pasted = Conv2d.conv2d(attention, pasteKernels, null, one, pad, one, 1).singletonOrThrow();
        return Scalars.div(pasted, 9).squeeze(0);
    }

    /** The 3×3 patches of an already 1-padded {@code [C, H+2, W+2]} map, centred on each position: {@code [HW, C, 3, 3]}. */
    static NDArray patches(NDArray padded, long c, int h, int w) {
        NDList shifted = new NDList();
        for (int dy = 0; dy < 3; dy++) {
            for (int dx = 0; dx < 3; dx++) {
                shifted.add(padded.get(":, " + dy + ":" + (dy + h) + ", " + dx + ":" + (dx + w)));
            }
        }
        return NDArrays.stack(shifted, 1) // [C, 9, H, W]
                .reshape(c, 3, 3, h, w)
                .transpose(3, 4, 0, 1, 2) // [H, W, C, 3, 3]
                .reshape((long) h * w, c, 3, 3);
    }
}
