package org.maskface.train.deocc;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.maskface.face.deocc.FaceCompleter;
import org.maskface.face.embed.DeoccEmbedder;
import org.maskface.face.occlusion.OcclusionEstimator;
import org.maskface.image.ImageLoader;
import org.maskface.image.ImageSheet;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;
import org.maskface.nn.DlibResNet;
import org.maskface.nn.WeightsFile;
import org.maskface.train.EmbedderChecks;
import org.maskface.train.CosineClassifier;
import org.maskface.train.FaceCropSet;
import org.maskface.train.IdentityBatches;
import org.maskface.train.StepLoop;
import org.maskface.train.TeacherTargets;
import org.maskface.train.TrainingRun;
import org.maskface.train.loss.DistillationLoss;

/**
 * Trains the de-occlusion distillation student (DESIGN.md §3.1). Each step draws a batch of
 * people with a few faces each, puts a fresh synthetic mask on most faces, completes them with
 * the shipped inpainter (ground-truth hole in training; the occlusion estimator's at test time),
 * and updates the student — a dlib ResNet started from the teacher's weights — by cross-entropy
 * over the training identities plus the instance, pair-wise and triplet-wise distillation terms
 * against the frozen teacher's embeddings of the same faces unmasked (pre-computed: the teacher
 * never changes). Held-out: mean cosine between the student's embedding of a masked held-out face
 * and the teacher's of the clean one. The verification threshold stored with the weights is
 * chosen on pairs of the training folds (clean vs masked), never on the test folds.
 */
public final class DistillTrainer {

    /** Held-out faces of the periodic check and the grid. */
    static final int CHECK_FACES = 64;

    /** What training produced. */
    public record Result(Path weights, JsonObject metrics) {
    }

    private DistillTrainer() {
    }

    /**
     * @param targets the teacher's embeddings of the training and held-out photos
     */
    public static Result train(DistillRecipe recipe, FaceCropSet trainSet, FaceCropSet heldOut, TeacherTargets targets,
                               ModelHub hub, TrainingRun run, boolean progress, Consumer<String> log) throws Exception {
        DistillRecipe.Optim o = recipe.optim();
        IdentityBatches batches = new IdentityBatches(trainSet, targets, recipe.seed(), o.identities(), o.perIdentity(),
                recipe.data().cleanFraction());
        List<FaceCropSet.Crop> checkFaces = IdentityBatches.checkFaces(heldOut, targets, CHECK_FACES);
        log.accept(String.format(Locale.ROOT, "%d people with >= %d faces (%d faces) train the student; "
                        + "%d held-out faces check it", batches.names().size(), o.perIdentity(), batches.faces(),
                checkFaces.size()));
        Engine.getInstance().setRandomSeed((int) recipe.seed());
        FaceCompleter completer = new FaceCompleter(hub.inpainter());
        int start = run.checkpointStep();
        try (Model model = Model.newInstance("deocc-student-train", "PyTorch");
             OcclusionEstimator occlusion = new OcclusionEstimator(hub)) {
            DlibResNet student = hub.teacherNet(model.getNDManager());
            CosineClassifier net = new CosineClassifier("student", student, batches.names().size(),
                    recipe.loss().classifierScale());
            net.startAtCentroids(batches.names(), batches.centroids(), model.getNDManager());
            model.setBlock(net);
            Map<String, Block> checkpointed = Map.of("student-with-classifier", net);
            if (start > 0) {
                run.loadCheckpoint(checkpointed, model.getNDManager());
                log.accept("resumed from the checkpoint at step " + start);
            }
            List<Block> units = new ArrayList<>(student.getChildren().values());
            for (int i = 0; i < Math.min(recipe.frozenUnits(), units.size()); i++) {
                units.get(i).freezeParameters(true);
            }
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l1Loss())
                    .optOptimizer(StepLoop.adamWarmupCosine(o.lr(), o.finalLr(), o.warmupSteps(), o.steps(), start));
            try (Trainer trainer = model.newTrainer(config);
                 Model view = Model.newInstance("deocc-student", "PyTorch")) {
                trainer.initialize(new Shape(o.batch(), 3, DlibResNet.INPUT_SIZE, DlibResNet.INPUT_SIZE));
                view.setBlock(student);
                view.setProperty("inpainting", Boolean.toString(recipe.inpainting()));
                JsonObject metrics = new JsonObject();
                try (DeoccEmbedder embedder = new DeoccEmbedder(occlusion, completer, view)) {
                    double before = EmbedderChecks.teacherCosine(embedder, checkFaces, targets, recipe.seed());
                    if (start == 0) {
                        run.log(0, "heldOutTeacherCosine", before);
                    }
                    log.accept(String.format(Locale.ROOT, "start: held-out cosine to the teacher %.4f", before));
                    DistillationLoss.Weights weights = recipe.loss().weights();
                    StepLoop.run(model.getNDManager(), start + 1, o.steps(), batches::draw, (b, m) -> step(b, m, trainer, completer, recipe.inpainting(), weights),
                            run, "train deocc", progress, o.evalEvery(), i -> {
                                double c = EmbedderChecks.teacherCosine(embedder, checkFaces, targets, recipe.seed());
                                run.log(i, "heldOutTeacherCosine", c);
                                return String.format(Locale.ROOT, "held-out cosine to the teacher %.4f", c);
                            }, o.checkpointEvery(), i -> run.checkpoint(i, checkpointed), log);
                    double after = EmbedderChecks.teacherCosine(embedder, checkFaces, targets, recipe.seed());
                    run.log(o.steps(), "heldOutTeacherCosine", after);
                    JsonObject threshold = EmbedderChecks.threshold(embedder, trainSet, recipe.data(), recipe.seed());
                    log.accept(String.format(Locale.ROOT, "end: held-out cosine to the teacher %.4f; threshold %.5f "
                                    + "(accuracy %.4f on %d training-fold pairs, clean vs masked)", after,
                            threshold.get("threshold").getAsDouble(), threshold.get("accuracy").getAsDouble(),
                            threshold.get("pairs").getAsInt()));
                    metrics.addProperty("heldOutTeacherCosineStart", before);
                    metrics.addProperty("heldOutTeacherCosine", after);
                    metrics.addProperty("heldOutFaces", checkFaces.size());
                    metrics.addProperty("note", "mean cosine between the student's embedding of a held-out face "
                            + "(folds " + recipe.data().heldOutFolds() + ") under a synthetic mask and the teacher's of "
                            + "the clean photo; masks seeded by the recipe's seed");
                    metrics.add("threshold", threshold);
                    ImageLoader.save(grid(embedder, checkFaces.subList(0, Math.min(12, checkFaces.size())),
                            recipe.seed()), run.dir().resolve("before-after.png"));
                }
                run.plot("loss.png", "de-occlusion student: training losses (smoothed)", "loss", "ce", "instance",
                        "pair", "triplet");
                run.plot("heldout-teacher-cosine.png", "de-occlusion student: held-out cosine to the teacher",
                        "heldOutTeacherCosine");
                JsonObject details = new JsonObject();
                details.addProperty("architecture", "dlib ResNet-29 (DlibResNet), started from "
                        + ModelCard.DLIB_RESNET.tag());
                details.addProperty("input", "aligned 112x112 crop (ArcFace template), covered part completed by "
                        + ModelCard.INPAINTER.tag() + ", scaled to 150x150, (value - mean) / 255; "
                        + "embedding = unit(sum of the face's and its mirror's 128-d outputs)");
                details.addProperty("inpainting", recipe.inpainting());
                details.addProperty("threshold", metrics.getAsJsonObject("threshold").get("threshold").getAsDouble());
                details.add("training", run.record());
                details.add("heldOut", metrics);
                Path weightsFile = run.dir().resolve("deocc-student.json");
                WeightsFile.save(student, ModelCard.DEOCC_STUDENT, details, weightsFile);
                run.finish(metrics);
                return new Result(weightsFile, metrics);
            }
        }
    }

    private static Map<String, Double> step(IdentityBatches.Batch b, NDManager m, Trainer trainer, FaceCompleter completer,
                                            boolean inpainting, DistillationLoss.Weights w) {
        List<RgbImage> faces = inpainting ? completer.completeAll(b.faces(), b.covered()) : b.faces();
        int n = faces.size();
        int s = DlibResNet.INPUT_SIZE;
        int d = DlibResNet.EMBEDDING_SIZE;
        NDArray input = m.create(DlibResNet.inputs(faces), new Shape(n, 3, s, s));
        NDArray teacher = m.create(b.teacher(), new Shape(n, d));
        NDArray centroids = m.create(b.centroids(), new Shape(n, d));
        NDArray labels = m.create(b.labels(), new Shape(n));
        Map<String, Double> losses = new LinkedHashMap<>();
        try (GradientCollector gc = trainer.newGradientCollector()) {
            NDList out = trainer.forward(new NDList(input));
            Map<String, NDArray> terms = DistillationLoss.terms(teacher, out.get(0), out.get(1), labels, centroids, w);
            NDArray total = DistillationLoss.weighted(terms, w);
            gc.backward(total);
            losses.put("loss", (double) total.getFloat());
            terms.forEach((name, v) -> losses.put(name, (double) v.getFloat()));
        }
        StepLoop.update(trainer);
        return losses;
    }

    /** Rows of (masked, completed, clean) held-out faces. */
    static RgbImage grid(DeoccEmbedder embedder, List<FaceCropSet.Crop> faces, long seed) {
        List<RgbImage> masked = EmbedderChecks.maskedFaces(faces, seed);
        List<RgbImage> completed = embedder.completeCrops(masked);
        List<RgbImage> cells = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            cells.add(masked.get(i));
            cells.add(completed.get(i));
            cells.add(faces.get(i).image());
        }
        return ImageSheet.grid(cells, 6, 2);
    }
}
