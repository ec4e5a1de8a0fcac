package org.maskface.train.meer;

import java.io.IOException;
import java.nio.file.Path;
import org.maskface.train.Recipe;
import org.maskface.train.TrainingData;
import org.maskface.train.loss.DistillationLoss;

/**
 * MEER's joint training recipe (e.g. {@code recipes/meer.json}, DESIGN.md §3.3): a recognizer
 * started from the teacher, a mask decoupling head and an unmasked-face decoder learn together on
 * synthetic-masked faces. The ablations switch one part off: {@code decoupling: false},
 * {@code synthesis: false}, or {@code idWeight: 0}.
 *
 * @param architecture which parts exist and how wide they are
 * @param loss         every term's weight
 * @param optim        batches, step count and the two learning rates
 */
public record MeerRecipe(String name, long seed, TrainingData data, Architecture architecture, Loss loss,
                         Optim optim) implements Recipe<MeerRecipe> {

    /**
     * @param decoupling   predict the occlusion map and recognise from the identity features it leaves
     * @param synthesis    restore the unmasked face (decoder, critics, id-preserving loss)
     * @param maskWidth    channels of the mask head
     * @param decoderWidth channels of the decoder at full resolution
     * @param criticWidth  first-layer channels of the two patch critics
     * @param localWindow  side of the local critic's window around the covered region (pixels at 150)
     */
    public record Architecture(Boolean decoupling, Boolean synthesis, int maskWidth, int decoderWidth,
                               int criticWidth, int localWindow) {
    }

    /**
     * Recognition: cross-entropy (weight 1) + the teacher-relation terms of DESIGN.md §3.1; mask
     * prediction: BCE + {@code diceWeight}·Dice against the synthetic map; synthesis: L1 to the
     * unmasked face, hinge adversarial (global + local critics), and the id-preserving loss.
     */
    public record Loss(DistillationLoss.Instance instance, double instanceWeight, double pairWeight,
                       double tripletWeight, double classifierScale, double maskWeight, double diceWeight,
                       double reconstructionWeight, double adversarialWeight, double idWeight) {

        public DistillationLoss.Weights relations() {
            return new DistillationLoss.Weights(instance, instanceWeight, pairWeight, tripletWeight);
        }
    }

    /**
     * Adam with warm-up then cosine decay; {@code lr} for the recognizer (started from the teacher),
     * {@code headLr} for the new mask head and decoder, {@code criticLr} (constant, β1 = 0.5) for the critics.
     */
    public record Optim(int steps, int identities, int perIdentity, float lr, float headLr, float finalLr,
                        float criticLr, int warmupSteps, int evalEvery, int checkpointEvery) {

        public int batch() {
            return identities * perIdentity;
        }
    }

    public static MeerRecipe load(Path file) throws IOException {
        return Recipe.load(file, MeerRecipe.class);
    }

    @Override
    public String problem() {
        if (name == null || data == null || architecture == null || architecture.decoupling == null
                || architecture.synthesis == null || loss == null || loss.instance == null || optim == null
                || !data.complete()) {
            return "recipe needs name, seed, data{lfw, pairs, trainFolds, heldOutFolds, heldOutImages, cleanFraction}, "
                    + "architecture{decoupling, synthesis, maskWidth, decoderWidth, criticWidth, localWindow}, "
                    + "loss{instance, instanceWeight, pairWeight, tripletWeight, classifierScale, maskWeight, diceWeight, "
                    + "reconstructionWeight, adversarialWeight, idWeight}, optim{steps, identities, perIdentity, lr, "
                    + "headLr, finalLr, criticLr, warmupSteps, evalEvery, checkpointEvery}";
        }
        Architecture a = architecture;
        if (a.maskWidth < 1 || a.decoderWidth < 2 || a.criticWidth < 1 || a.localWindow < 16 || a.localWindow > 150) {
            return "maskWidth, criticWidth must be >= 1, decoderWidth >= 2, localWindow within [16, 150]";
        }
        Loss l = loss;
        if (l.classifierScale <= 0 || l.instanceWeight < 0 || l.pairWeight < 0 || l.tripletWeight < 0
                || l.maskWeight < 0 || l.diceWeight < 0 || l.reconstructionWeight < 0 || l.adversarialWeight < 0
                || l.idWeight < 0) {
            return "loss weights must not be negative; classifierScale must be positive";
        }
        if (!a.decoupling && l.maskWeight > 0) {
            return "maskWeight needs decoupling (no mask head without it)";
        }
        if (!a.synthesis && (l.reconstructionWeight > 0 || l.adversarialWeight > 0 || l.idWeight > 0)) {
            return "reconstructionWeight, adversarialWeight and idWeight need synthesis (no decoder without it)";
        }
        Optim o = optim;
        if (o.steps < 1 || o.identities < 2 || o.perIdentity < 1 || o.batch() < 3 || o.lr <= 0 || o.headLr <= 0
                || o.criticLr <= 0 || o.finalLr < 0 || o.warmupSteps < 0 || o.evalEvery < 1 || o.checkpointEvery < 0) {
            return "steps, evalEvery must be positive, identities >= 2, perIdentity >= 1 (batch >= 3 for triplets), "
                    + "lr, headLr, criticLr > 0, finalLr, warmupSteps, checkpointEvery >= 0";
        }
        return data.cleanFractionProblem();
    }

    @Override
    public int checkEvery() {
        return optim.evalEvery;
    }

    @Override
    public MeerRecipe withSteps(int steps, int evalEvery) {
        Optim o = optim;
        return new MeerRecipe(name, seed, data, architecture, loss, new Optim(steps, o.identities, o.perIdentity, o.lr,
                o.headLr, o.finalLr, o.criticLr, Math.min(o.warmupSteps, steps / 4), evalEvery,
                Math.min(o.checkpointEvery, steps)));
    }
}
