package org.maskface.train.occlusion;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.maskface.eval.OcclusionBenchmark;
import org.maskface.face.occlusion.OcclusionEstimator;
import org.maskface.face.occlusion.OcclusionTranslator;
import org.maskface.mask.MaskCategory;
import org.maskface.model.ModelCard;
import org.maskface.nn.OcclusionNet;
import org.maskface.nn.WeightsFile;
import org.maskface.train.FaceCropSet;
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
    private static final MaskCategory[] CATEGORIES = {MaskCategory.SIMPLE, MaskCategory.COMPLEX,
        MaskCategory.HUMAN_BODY, MaskCategory.HYBRID};

    /** What training produced. */
    public record Result(Path weights, JsonObject heldOut) {
    }

    private OcclusionTrainer() {
    }

    /** One batch as flat arrays: inputs {@code [B,3,112,112]}, targets {@code [B,1,56,56]}. */
    private record Batch(float[] inputs, float[] targets) {
    }

    public static Result train(OcclusionRecipe recipe, FaceCropSet trainSet, FaceCropSet heldOut, TrainingRun run,
                               boolean progress, Consumer<String> log) throws Exception {
        if (trainSet.size() == 0 || heldOut.size() == 0) {
            throw new IllegalArgumentException("no training or held-out faces");
        }
        OcclusionRecipe.Optim o = recipe.optim();
        Engine.getInstance().setRandomSeed((int) recipe.seed());
        ExecutorService maker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "occlusion-batches");
            t.setDaemon(true);
            return t;
        });
        try (Model model = Model.newInstance("occlusion-train", "PyTorch")) {
            OcclusionNet net = new OcclusionNet(recipe.width());
            model.setBlock(net);
            Tracker lr = Tracker.warmUp().optWarmUpSteps(o.warmupSteps()).optWarmUpBeginValue(o.lr() / 10)
                    .setMainTracker(Tracker.cosine().setBaseValue(o.lr()).optFinalValue(o.finalLr())
                            .setMaxUpdates(Math.max(1, o.steps() - o.warmupSteps())).build())
                    .build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(new SegmentationLoss(o.diceWeight()))
                    .optOptimizer(Adam.builder().optLearningRateTracker(lr).build());
            try (Trainer trainer = model.newTrainer(config);
                 ProgressBar bar = progress ? new ProgressBarBuilder().setTaskName("train occlusion")
                         .setInitialMax(o.steps()).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000)
                         .continuousUpdate().build() : null) {
                trainer.initialize(new Shape(o.batch(), 3, S, S));
                Future<Batch> next = maker.submit(() -> makeBatch(recipe, trainSet, 0));
                double smoothed = Double.NaN;
                for (int step = 1; step <= o.steps(); step++) {
                    Batch b = next.get();
                    final int following = step;
                    if (step < o.steps()) {
                        next = maker.submit(() -> makeBatch(recipe, trainSet, following));
                    }
                    float loss;
                    try (NDManager sub = trainer.getManager().newSubManager()) {
                        NDArray x = sub.create(b.inputs(), new Shape(o.batch(), 3, S, S));
                        NDArray y = sub.create(b.targets(), new Shape(o.batch(), 1, OUT, OUT));
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray pred = trainer.forward(new NDList(x)).singletonOrThrow();
                            NDArray l = trainer.getLoss().evaluate(new NDList(y), new NDList(pred));
                            gc.backward(l);
                            loss = l.getFloat();
                        }
                        trainer.step();
                    }
                    smoothed = Double.isNaN(smoothed) ? loss : 0.95 * smoothed + 0.05 * loss;
                    if (step % 10 == 0 || step == o.steps()) {
                        run.log(step, "loss", smoothed);
                    }
                    if (bar != null) {
                        bar.step();
                        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", smoothed));
                    }
                    if (step % o.evalEvery() == 0 && step < o.steps()) {
                        double iou = quickIoU(model, heldOut, recipe.seed());
                        run.log(step, "heldOutIoU", iou);
                        log.accept(String.format(Locale.ROOT, "step %d: loss %.4f, held-out IoU %.4f (%d faces)",
                                step, smoothed, iou, Math.min(QUICK_EVAL_FACES, heldOut.size())));
                    }
                }
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
        } finally {
            maker.shutdownNow();
        }
    }

    private static double quickIoU(Model model, FaceCropSet heldOut, long seed) {
        try (OcclusionEstimator estimator = new OcclusionEstimator(model)) {
            return OcclusionBenchmark.run(estimator, heldOut, QUICK_EVAL_FACES, seed).get("meanIoU").getAsDouble();
        }
    }

    /** The batch of a step: its own generator, so the data do not depend on timing. */
    static Batch makeBatch(OcclusionRecipe recipe, FaceCropSet set, int step) {
        int n = recipe.optim().batch();
        Random r = new Random(recipe.seed() * 7_919L + step);
        float[] inputs = new float[n * 3 * S * S];
        float[] targets = new float[n * OUT * OUT];
        List<FaceCropSet.Crop> crops = set.crops();
        for (int k = 0; k < n; k++) {
            FaceCropSet.Crop crop = crops.get(r.nextInt(crops.size()));
            MaskCategory c = r.nextDouble() < recipe.data().cleanFraction() ? null : CATEGORIES[r.nextInt(CATEGORIES.length)];
            OcclusionSamples.Sample s = OcclusionSamples.make(crop, c, r.nextLong(), recipe.augment());
            OcclusionTranslator.writeInput(s.image(), inputs, k * 3 * S * S);
            System.arraycopy(OcclusionSamples.halfResolution(s.target(), S, S), 0, targets, k * OUT * OUT, OUT * OUT);
        }
        return new Batch(inputs, targets);
    }
}
