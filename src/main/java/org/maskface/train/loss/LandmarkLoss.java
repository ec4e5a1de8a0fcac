package org.maskface.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Weighted L1 between predicted and target landmark coordinates (136 values per face, relative
 * to the input side). The eye points (36–47) weigh {@code eyeWeight}: alignment is set mostly by
 * them, and they are what stays visible above a mask.
 */
public final class LandmarkLoss extends Loss {

    public static final int POINTS = 68;
    private final float[] weights = new float[POINTS * 2];

    public LandmarkLoss(float eyeWeight) {
        super("landmark-l1");
        float sum = 0;
        for (int i = 0; i < POINTS; i++) {
            float w = i >= 36 && i < 48 ? eyeWeight : 1f;
            weights[2 * i] = w;
            weights[2 * i + 1] = w;
            sum += 2 * w;
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= sum;
        }
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray pred = predictions.singletonOrThrow();
        NDArray target = labels.singletonOrThrow().reshape(pred.getShape());
        NDArray w = pred.getManager().create(weights);
        return pred.sub(target).abs().mul(w).sum(new int[] {1}).mean();
    }
}
