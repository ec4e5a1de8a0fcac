package org.maskface.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Hinge adversarial losses over patch scores (SN-PatchGAN's choice): the critic wants real patches
 * at ≥ 1 and completed ones at ≤ −1; the generator raises the critic's score of its completions.
 */
public final class AdversarialLoss {

    private AdversarialLoss() {
    }

    /** mean(relu(1 − D(real))) + mean(relu(1 + D(fake))). */
    public static NDArray critic(NDArray realScores, NDArray fakeScores) {
        return Activation.relu(realScores.neg().add(1)).mean().add(Activation.relu(fakeScores.add(1)).mean());
    }

    /** −mean(D(fake)). */
    public static NDArray generator(NDArray fakeScores) {
        return fakeScores.mean().neg();
    }
}
