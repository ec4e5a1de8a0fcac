package org.maskface.train.g2d;

import java.io.IOException;
import java.nio.file.Path;
import org.maskface.train.Augment;
import org.maskface.train.Recipe;
import org.maskface.train.TrainingData;
import org.maskface.train.loss.DistillationLoss;

/**
 * The G2D recipe (e.g. {@code recipes/g2d.json}, DESIGN.md §3.2): the modules are learned greedily,
 * one stage after the other, each with its own optimiser schedule; a stage with 0 steps is skipped.
 *
 * <ol>
 *   <li>{@code encoder}: the generative encoder (started from the shipped inpainter's coarse stage)
 *       and its decoder learn to reconstruct the whole unmasked face from the masked one (L1).</li>
 *   <li>{@code reformer}: encoder frozen, the reformer learns to approximate the frozen teacher's
 *       embedding of the unmasked face by the relation terms of {@code relations}.</li>
 *   <li>{@code classifier}: backbone frozen, the FC + softmax classifier learns the training
 *       identities (cross-entropy).</li>
 *   <li>{@code finetune}: reformer and classifier (and the encoder if {@code finetuneEncoder})
 *       together, cross-entropy plus the relation terms.</li>
 * </ol>
 *
 * @param augment      jitter of every face drawn after the encoder stage (alignment drift, colour; the
 *                     teacher's target stays its embedding of the clean photo); the encoder stage's
 *                     faces are not jittered, its target being the unmasked photo pixel for pixel
 * @param architecture the reformer's shape
 * @param relations    the distillation terms of the reformer and finetune stages (no cross-entropy in
 *                     the reformer stage: its learning is self-supervised)
 */
public record G2dRecipe(String name, long seed, TrainingData data, Augment augment, Architecture architecture, Stage encoder,
                        Stage reformer, Stage classifier, Stage finetune, Boolean finetuneEncoder,
                        DistillationLoss.Weights relations, int evalEvery, int checkpointEvery)
        implements Recipe<G2dRecipe> {

    /**
     * The reformer: {@code width} channels after its first convolution, {@code blocks} residual
     * blocks, the last map flattened or averaged ({@link org.maskface.nn.Reformer.Pooling}).
     */
    public record Architecture(int reformerWidth, int reformerBlocks, org.maskface.nn.Reformer.Pooling pooling,
                               int embedding) {
    }

    /**
     * One stage's optimisation: Adam, warm-up then cosine decay to {@code finalLr}; a batch is
     * {@code identities} people with {@code perIdentity} faces each (people with fewer are not drawn).
     */
    public record Stage(int steps, int identities, int perIdentity, float lr, float finalLr, int warmupSteps) {

        public int batch() {
            return identities * perIdentity;
        }

        Stage withSteps(int s) {
            return new Stage(s, identities, perIdentity, lr, finalLr, Math.min(warmupSteps, s / 4));
        }
    }

    public static G2dRecipe load(Path file) throws IOException {
        return Recipe.load(file, G2dRecipe.class);
    }

    /** The stages in order, by name. */
    public java.util.LinkedHashMap<String, Stage> stages() {
        java.util.LinkedHashMap<String, Stage> s = new java.util.LinkedHashMap<>();
        s.put("encoder", encoder);
        s.put("reformer", reformer);
        s.put("classifier", classifier);
        s.put("finetune", finetune);
        return s;
    }

    /** Steps of all stages together (the run's global step counter goes up to this). */
    public int totalSteps() {
        return stages().values().stream().mapToInt(Stage::steps).sum();
    }

    @Override
    public String problem() {
        if (name == null || data == null || !data.complete() || augment == null || architecture == null
                || architecture.pooling == null || encoder == null
                || reformer == null || classifier == null || finetune == null || finetuneEncoder == null
                || relations == null || relations.instance() == null) {
            return "recipe needs name, seed, data{lfw, pairs, trainFolds, heldOutFolds, heldOutImages, cleanFraction}, "
                    + "augment{rotateDegrees, scale, shiftPixels, colour, grey, recolour}, "
                    + "architecture{reformerWidth, reformerBlocks, pooling (FLATTEN or AVERAGE), embedding}, encoder, reformer, classifier, finetune "
                    + "(each {steps, identities, perIdentity, lr, finalLr, warmupSteps}), finetuneEncoder, "
                    + "relations{instance, instanceWeight, pairWeight, tripletWeight}, evalEvery, checkpointEvery";
        }
        if (architecture.reformerWidth < 1 || architecture.reformerBlocks < 0 || architecture.embedding < 1) {
            return "reformerWidth and embedding must be positive, reformerBlocks not negative";
        }
        for (var e : stages().entrySet()) {
            Stage s = e.getValue();
            if (s.steps < 0 || s.identities < 1 || s.perIdentity < 1 || s.lr <= 0 || s.finalLr < 0 || s.warmupSteps < 0) {
                return e.getKey() + ": steps and warmupSteps must not be negative, identities and perIdentity must be "
                        + "positive, lr > 0, finalLr >= 0";
            }
        }
        if (reformer.steps > 0 && relations.pairWeight() == 0 && relations.tripletWeight() == 0
                && (relations.instance() == DistillationLoss.Instance.NONE || relations.instanceWeight() == 0)) {
            return "the reformer stage needs at least one relation term";
        }
        if ((reformer.steps > 0 && reformer.batch() < 3) || (finetune.steps > 0 && finetune.batch() < 3)) {
            return "reformer and finetune batches need >= 3 faces (triplets)";
        }
        if (relations.instance() != DistillationLoss.Instance.NONE && relations.instanceWeight() != 0
                && architecture.embedding != org.maskface.nn.DlibResNet.EMBEDDING_SIZE) {
            return "the instance term compares with the teacher's embedding: embedding must be "
                    + org.maskface.nn.DlibResNet.EMBEDDING_SIZE;
        }
        if (relations.instanceWeight() < 0 || relations.pairWeight() < 0 || relations.tripletWeight() < 0) {
            return "relation weights must not be negative";
        }
        if (totalSteps() < 1 || evalEvery < 1 || checkpointEvery < 0) {
            return "at least one stage must have steps; evalEvery positive, checkpointEvery not negative";
        }
        return data.cleanFractionProblem();
    }

    @Override
    public int checkEvery() {
        return evalEvery;
    }

    /**
     * The same recipe at about {@code steps} steps in all: each stage that has steps keeps its share
     * (at least one step).
     */
    @Override
    public G2dRecipe withSteps(int steps, int checkEvery) {
        int total = totalSteps();
        java.util.function.Function<Stage, Stage> scale = s -> s.steps == 0 ? s
                : s.withSteps(Math.max(1, (int) Math.round((double) s.steps * steps / total)));
        return new G2dRecipe(name, seed, data, augment, architecture, scale.apply(encoder), scale.apply(reformer),
                scale.apply(classifier), scale.apply(finetune), finetuneEncoder, relations, checkEvery,
                Math.min(checkpointEvery, steps));
    }
}
