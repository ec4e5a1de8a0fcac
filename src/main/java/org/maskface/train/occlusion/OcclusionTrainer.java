package org.maskface.train.occlusion;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import org.maskface.eval.OcclusionBenchmark;
import org.maskface.face.occlusion.OcclusionEstimator;
import org.maskface.face.occlusion.OcclusionTranslator;
import org.maskface.mask.MaskCategory;
import org.maskface.model.ModelCard;
import org.maskface.nn.OcclusionNet;
import org.maskface.nn.WeightsFile;
import org.maskface.train.FaceCropSet;
import org.maskface.train.MaskedFaceSamples;
import org.maskface.train.StepLoop;
import org.maskface.train.TrainingRun;
import org.maskface.train.loss.SegmentationLoss;

/**
 * Trains {@link OcclusionNet} on synthetic masks drawn on aligned training faces: each step a
 * fresh batch (random face, random category or no mask, jitter), BCE + Dice on the
 * half-resolution target, Adam. Batches are made on a second thread while the network trains.
 * Held-out IoU is logged during training and measured in full at the end; weights go to
 * {@code <run>/occlusion-unet.json} with the run's record.
 */
public final class OcclusionTrainer {

    /** How many held-out faces the periodic check uses (the final one uses the recipe's number). */
    private static final int QUICK_EVAL_FACES = 128;
    private static final int S = OcclusionNet.INPUT_SIZE;
    private static final int OUT = OcclusionNet.OUTPUT_SIZE;

    /** What training produced. */
    public record Result(Path weights, JsonObject heldOut) {
    }

    private OcclusionTrainer() {
    }

    public static Result train(OcclusionRecipe recipe, FaceCropSet trainSet, FaceCropSet heldOut, TrainingRun run,
                               boolean progress, Consumer<String> log) throws Exception {
        if (trainSet.size() == 0 || heldOut.size() == 0) {
            throw new IllegalArgumentException("no training or held-out faces");
        }
        OcclusionRecipe.Optim o = recipe.optim();
        Engine.getInstance().setRandomSeed((int) recipe.seed());
        try (Model model = Model.newInstance("occlusion-train", "PyTorch")) {
            OcclusionNet net = new OcclusionNet(recipe.width());
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(new SegmentationLoss(o.diceWeight()))
                    .optOptimizer(StepLoop.adamWarmupCosine(o.lr(), o.finalLr(), o.warmupSteps(), o.steps()));
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(o.batch(), 3, S, S));
                StepLoop.run(trainer, o.steps(), step -> makeBatch(recipe, trainSet, step), run, "train occlusion",
                        progress, o.evalEvery(), step -> {
                            double iou = quickIoU(model, heldOut, recipe.seed());
                            run.log(step, "heldOutIoU", iou);
                            return String.format(Locale.ROOT, "held-out IoU %.4f (%d faces)", iou,
                                    Math.min(QUICK_EVAL_FACES, heldOut.size()));
                        }, log);
            }
            JsonObject heldOutScores;
            try (OcclusionEstimator estimator = new OcclusionEstimator(model)) {
                heldOutScores = OcclusionBenchmark.run(estimator, heldOut, recipe.data().heldOutImages(), recipe.seed());
            }
            run.log(o.steps(), "heldOutIoU", heldOutScores.get("meanIoU").getAsDouble());
            run.plot("loss.png", "occlusion U-Net: training loss (BCE + Dice, smoothed)", "loss");
            run.plot("heldout-iou.png", "occlusion U-Net: held-out mean IoU", "heldOutIoU");
            JsonObject details = new JsonObject();
            details.addProperty("width", recipe.width());
            details.addProperty("input", "aligned 112x112 RGB crop (ArcFace template), value / 127.5 - 1, NCHW");
            details.addProperty("output", "occlusion logits [N,1,56,56]; upsample bilinearly, sigmoid, > 0.5");
            details.add("training", run.record());
            details.add("heldOut", heldOutScores);
            Path weights = run.dir().resolve("occlusion-unet.json");
            WeightsFile.save(net, ModelCard.OCCLUSION_UNET, details, weights);
            run.finish(heldOutScores);
            return new Result(weights, heldOutScores);
        }
    }

    private static double quickIoU(Model model, FaceCropSet heldOut, long seed) {
        try (OcclusionEstimator estimator = new OcclusionEstimator(model)) {
            return OcclusionBenchmark.run(estimator, heldOut, QUICK_EVAL_FACES, seed).get("meanIoU").getAsDouble();
        }
    }

    /** The batch of a step: its own generator, so the data do not depend on timing. */
    static StepLoop.Batch makeBatch(OcclusionRecipe recipe, FaceCropSet set, int step) {
        int n = recipe.optim().batch();
        Random r = new Random(recipe.seed() * 7_919L + step);
        float[] inputs = new float[n * 3 * S * S];
        float[] targets = new float[n * OUT * OUT];
        List<FaceCropSet.Crop> crops = set.crops();
        for (int k = 0; k < n; k++) {
            FaceCropSet.Crop crop = crops.get(r.nextInt(crops.size()));
            MaskCategory c = MaskedFaceSamples.drawCategory(r, recipe.data().cleanFraction());
            MaskedFaceSamples.Sample s = MaskedFaceSamples.make(crop, c, r.nextLong(), recipe.augment());
            OcclusionTranslator.writeInput(s.image(), inputs, k * 3 * S * S);
            System.arraycopy(MaskedFaceSamples.halfResolution(s.target(), S, S), 0, targets, k * OUT * OUT, OUT * OUT);
        }
        return new StepLoop.Batch(inputs, new Shape(n, 3, S, S), targets, new Shape(n, 1, OUT, OUT));
    }
}
