package org.maskface.train.landmark;

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
import org.maskface.eval.LandmarkBenchmark;
import org.maskface.face.landmark.Landmark68Translator;
import org.maskface.face.landmark.LandmarkRefiner;
import org.maskface.mask.MaskCategory;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;
import org.maskface.nn.Landmark68Net;
import org.maskface.nn.WeightsFile;
import org.maskface.train.FaceCropSet;
import org.maskface.train.MaskedFaceSamples;
import org.maskface.train.StepLoop;
import org.maskface.train.TrainingRun;
import org.maskface.train.loss.LandmarkLoss;

/**
 * Finetunes face-api's 68-point net into the masked-face landmark refiner: each step a batch of
 * aligned training faces with a synthetic mask (or none), jittered, and as targets the clean
 * face's landmarks moved by the same jitter; weighted L1, Adam. Held-out eye-centre error is
 * logged during training, measured in full at the end beside the un-finetuned net's, and the
 * weights go to {@code <run>/landmark-refiner.json} with the run's record.
 */
public final class LandmarkTrainer {

    private static final int QUICK_EVAL_FACES = 64;
    private static final int S = Landmark68Net.INPUT_SIZE;

    /** What training produced: held-out errors after, and of the starting net before. */
    public record Result(Path weights, JsonObject heldOut, JsonObject before) {
    }

    private LandmarkTrainer() {
    }

    public static Result train(LandmarkRecipe recipe, FaceCropSet trainSet, FaceCropSet heldOut, ModelHub hub,
                               TrainingRun run, boolean progress, Consumer<String> log) throws Exception {
        if (trainSet.size() == 0 || heldOut.size() == 0) {
            throw new IllegalArgumentException("no training or held-out faces");
        }
        LandmarkRecipe.Optim o = recipe.optim();
        int heldOutImages = recipe.data().heldOutImages();
        Engine.getInstance().setRandomSeed((int) recipe.seed());
        JsonObject before;
        try (LandmarkRefiner start = new LandmarkRefiner(hub.landmarks68())) {
            before = LandmarkBenchmark.run(start, heldOut, heldOutImages, recipe.seed(), recipe.augment());
        }
        log.accept(String.format(Locale.ROOT, "before finetuning: held-out eye-centre error %.3f px",
                before.get("eyeCentreErrorMean").getAsDouble()));
        try (Model model = Model.newInstance("landmark-train", "PyTorch")) {
            Landmark68Net net = hub.faceApiLandmarkNet(model.getNDManager());
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(new LandmarkLoss(o.eyeWeight()))
                    .optOptimizer(StepLoop.adamWarmupCosine(o.lr(), o.finalLr(), o.warmupSteps(), o.steps()));
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(o.batch(), 3, S, S));
                StepLoop.run(trainer, o.steps(), step -> makeBatch(recipe, trainSet, step), run, "train landmarks",
                        progress, o.evalEvery(), step -> {
                            double eye = heldOutEyeError(model, heldOut, QUICK_EVAL_FACES, recipe);
                            run.log(step, "heldOutEyeError", eye);
                            return String.format(Locale.ROOT, "held-out eye-centre error %.3f px (%d faces)", eye,
                                    Math.min(QUICK_EVAL_FACES, heldOut.size()));
                        }, log);
            }
            JsonObject after;
            try (LandmarkRefiner refiner = new LandmarkRefiner(model)) {
                after = LandmarkBenchmark.run(refiner, heldOut, heldOutImages, recipe.seed(), recipe.augment());
            }
            run.log(o.steps(), "heldOutEyeError", after.get("eyeCentreErrorMean").getAsDouble());
            run.plot("loss.png", "landmark refiner: training loss (weighted L1, smoothed)", "loss");
            run.plot("heldout-eye-error.png", "landmark refiner: held-out eye-centre error (px, 112 crop)",
                    "heldOutEyeError");
            JsonObject details = new JsonObject();
            details.addProperty("architecture", "face-api landmark68 (Landmark68Net), finetuned");
            details.addProperty("input", "aligned 112x112 RGB crop (ArcFace template), (value - mean) / 255, NCHW");
            details.addProperty("output", "136 values: 68 (x, y) relative to the crop side");
            details.addProperty("startedFrom", ModelCard.LANDMARKS_68.tag());
            details.add("training", run.record());
            details.add("heldOutBefore", before);
            details.add("heldOut", after);
            Path weights = run.dir().resolve("landmark-refiner.json");
            WeightsFile.save(net, ModelCard.LANDMARK_REFINER, details, weights);
            JsonObject metrics = new JsonObject();
            metrics.add("before", before);
            metrics.add("after", after);
            run.finish(metrics);
            return new Result(weights, after, before);
        }
    }

    private static double heldOutEyeError(Model model, FaceCropSet heldOut, int faces, LandmarkRecipe recipe) {
        try (LandmarkRefiner refiner = new LandmarkRefiner(model)) {
            return LandmarkBenchmark.run(refiner, heldOut, faces, recipe.seed(), recipe.augment())
                    .get("eyeCentreErrorMean").getAsDouble();
        }
    }

    /** The batch of a step: its own generator, so the data do not depend on timing. */
    static StepLoop.Batch makeBatch(LandmarkRecipe recipe, FaceCropSet set, int step) {
        int n = recipe.optim().batch();
        Random r = new Random(recipe.seed() * 7_919L + step);
        float[] inputs = new float[n * 3 * S * S];
        float[] targets = new float[n * Landmark68Net.POINTS * 2];
        List<FaceCropSet.Crop> crops = set.crops();
        for (int k = 0; k < n; k++) {
            FaceCropSet.Crop crop = crops.get(r.nextInt(crops.size()));
            MaskCategory c = MaskedFaceSamples.drawCategory(r, recipe.data().cleanFraction());
            MaskedFaceSamples.Sample s = MaskedFaceSamples.make(crop, c, r.nextLong(), recipe.augment());
            System.arraycopy(Landmark68Translator.input(s.image()), 0, inputs, k * 3 * S * S, 3 * S * S);
            float[][] pts = s.landmarks(crop.landmarks());
            for (int i = 0; i < pts.length; i++) {
                targets[k * pts.length * 2 + 2 * i] = pts[i][0] / S;
                targets[k * pts.length * 2 + 2 * i + 1] = pts[i][1] / S;
            }
        }
        return new StepLoop.Batch(inputs, new Shape(n, 3, S, S), targets, new Shape(n, Landmark68Net.POINTS * 2));
    }
}
