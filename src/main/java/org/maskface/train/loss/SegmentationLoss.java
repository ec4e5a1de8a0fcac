package org.maskface.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;
import org.maskface.nn.Scalars;

/**
 * Binary segmentation loss on logits: mean binary cross-entropy plus {@code diceWeight} × soft
 * Dice loss (1 − 2|P∩T| / (|P| + |T|) per image, averaged). Cross-entropy trains every pixel;
 * Dice weighs the occluded region as a whole, which is what IoU measures. Targets may be soft
 * (e.g. a map averaged down to the output resolution).
 */
public final class SegmentationLoss extends Loss {

    private final float diceWeight;

    public SegmentationLoss(float diceWeight) {
        super("bce+dice");
        this.diceWeight = diceWeight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray target = labels.singletonOrThrow().reshape(logits.getShape());
        // log(1 + e^x) − x·t, written to be stable for large |x|
        NDArray bce = Activation.relu(logits).sub(logits.mul(target)).add(logits.abs().neg().exp().add(1).log()).mean();
        if (diceWeight == 0) {
            return bce;
        }
        NDArray p = Activation.sigmoid(logits);
        int[] pixels = {1, 2, 3};
        NDArray inter = p.mul(target).sum(pixels);
        NDArray sizes = p.sum(pixels).add(target.sum(pixels));
        NDArray dice = Scalars.mul(inter, 2).add(1).div(sizes.add(1)).neg().add(1).mean();
        return bce.add(Scalars.mul(dice, diceWeight));
    }
}
