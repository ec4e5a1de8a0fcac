package org.maskface.train.deocc;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.PairList;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.maskface.eval.LfwPairs;
import org.maskface.eval.VerificationProtocol;
import org.maskface.face.deocc.FaceCompleter;
import org.maskface.face.embed.DeoccEmbedder;
import org.maskface.face.embed.FaceEmbedder;
import org.maskface.face.occlusion.OcclusionEstimator;
import org.maskface.image.ImageLoader;
import org.maskface.image.ImageSheet;
import org.maskface.image.RgbImage;
import org.maskface.mask.MaskCategory;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;
import org.maskface.nn.Batches;
import org.maskface.nn.DlibResNet;
import org.maskface.nn.NetInput;
import org.maskface.nn.WeightsFile;
import org.maskface.train.Augment;
import org.maskface.train.EmbedderChecks;
import org.maskface.train.FaceCropSet;
import org.maskface.train.LfwFaces;
import org.maskface.train.MaskedFaceSamples;
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

    /** One batch: the faces as the student's input is made from them, and what the teacher says. */
    record Batch(List<RgbImage> faces, List<boolean[]> covered, float[] labels, float[] teacher, float[] centroids) {
    }

    /** What training produced. */
    public record Result(Path weights, JsonObject metrics) {
    }

    /**
     * The network being trained: the student and a cosine classifier over the training identities
     * (initialised at the teacher's identity centroids, so cross-entropy starts meaningful). Outputs
     * the unit embedding and the logits.
     */
    static final class StudentWithClassifier extends AbstractBlock {
        final DlibResNet student;
        final Parameter classifier;
        final int classes;
        final double scale;

        StudentWithClassifier(DlibResNet student, int classes, double scale) {
            this.student = addChildBlock("student", student);
            this.classifier = addParameter(Parameter.builder().setName("classifier").setType(Parameter.Type.WEIGHT)
                    .build());
            this.classes = classes;
            this.scale = scale;
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray embedding = Batches.unitRows(student.forward(store, inputs, training).singletonOrThrow());
            NDArray w = Batches.unitRows(store.getValue(classifier, embedding.getDevice(), training));
            return new NDList(embedding, embedding.matMul(w.transpose()).mul(scale));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            long b = inputShapes[0].get(0);
            return new Shape[] {new Shape(b, DlibResNet.EMBEDDING_SIZE), new Shape(b, classes)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            // the student holds the teacher's weights; the classifier is set from the centroids
        }
    }

    private DistillTrainer() {
    }

    /**
     * @param targets the teacher's embeddings of the training and held-out photos
     */
    public static Result train(DistillRecipe recipe, FaceCropSet trainSet, FaceCropSet heldOut, TeacherTargets targets,
                               ModelHub hub, TrainingRun run, boolean progress, Consumer<String> log) throws Exception {
        DistillRecipe.Optim o = recipe.optim();
        Map<String, float[]> centroids = targets.centroids(trainSet.crops());
        Map<String, List<FaceCropSet.Crop>> people = people(trainSet, targets, o.perIdentity());
        if (people.size() < o.identities()) {
            throw new IllegalArgumentException("only " + people.size() + " people have " + o.perIdentity()
                    + " faces with teacher embeddings; a batch needs " + o.identities());
        }
        List<String> names = new ArrayList<>(people.keySet());
        Map<String, Integer> label = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            label.put(names.get(i), i);
        }
        List<FaceCropSet.Crop> checkFaces = heldOut.crops().stream().filter(c -> targets.of(c.file()) != null)
                .limit(CHECK_FACES).toList();
        log.accept(String.format(Locale.ROOT, "%d people with >= %d faces (%d faces) train the student; "
                        + "%d held-out faces check it", names.size(), o.perIdentity(),
                people.values().stream().mapToInt(List::size).sum(), checkFaces.size()));
        Engine.getInstance().setRandomSeed((int) recipe.seed());
        FaceCompleter completer = new FaceCompleter(hub.inpainter());
        int start = run.checkpointStep();
        try (Model model = Model.newInstance("deocc-student-train", "PyTorch");
             OcclusionEstimator occlusion = new OcclusionEstimator(hub)) {
            StudentWithClassifier net = new StudentWithClassifier(hub.teacherNet(model.getNDManager()), names.size(),
                    recipe.loss().classifierScale());
            float[] w = new float[names.size() * DlibResNet.EMBEDDING_SIZE];
            for (int i = 0; i < names.size(); i++) {
                System.arraycopy(centroids.get(names.get(i)), 0, w, i * DlibResNet.EMBEDDING_SIZE,
                        DlibResNet.EMBEDDING_SIZE);
            }
            net.classifier.setArray(model.getNDManager().create(w, new Shape(names.size(), DlibResNet.EMBEDDING_SIZE)));
            model.setBlock(net);
            Map<String, Block> checkpointed = Map.of("student-with-classifier", net);
            if (start > 0) {
                run.loadCheckpoint(checkpointed, model.getNDManager());
                log.accept("resumed from the checkpoint at step " + start);
            }
            List<Block> units = new ArrayList<>(net.student.getChildren().values());
            for (int i = 0; i < Math.min(recipe.frozenUnits(), units.size()); i++) {
                units.get(i).freezeParameters(true);
            }
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l1Loss())
                    .optOptimizer(StepLoop.adamWarmupCosine(o.lr(), o.finalLr(), o.warmupSteps(), o.steps(), start));
            try (Trainer trainer = model.newTrainer(config);
                 Model view = Model.newInstance("deocc-student", "PyTorch")) {
                trainer.initialize(new Shape(o.batch(), 3, DlibResNet.INPUT_SIZE, DlibResNet.INPUT_SIZE));
                view.setBlock(net.student);
                view.setProperty("inpainting", Boolean.toString(recipe.inpainting()));
                JsonObject metrics = new JsonObject();
                try (DeoccEmbedder embedder = new DeoccEmbedder(occlusion, completer, view)) {
                    double before = EmbedderChecks.teacherCosine(embedder, checkFaces, targets, recipe.seed());
                    if (start == 0) {
                        run.log(0, "heldOutTeacherCosine", before);
                    }
                    log.accept(String.format(Locale.ROOT, "start: held-out cosine to the teacher %.4f", before));
                    DistillationLoss.Weights weights = recipe.loss().weights();
                    StepLoop.run(model.getNDManager(), start + 1, o.steps(), i -> batch(recipe, people, label, centroids,
                                    targets, i), (b, m) -> step(b, m, trainer, completer, recipe.inpainting(), weights),
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
                WeightsFile.save(net.student, ModelCard.DEOCC_STUDENT, details, weightsFile);
                run.finish(metrics);
                return new Result(weightsFile, metrics);
            }
        }
    }

    private static Map<String, Double> step(Batch b, NDManager m, Trainer trainer, FaceCompleter completer,
                                            boolean inpainting, DistillationLoss.Weights w) {
        List<RgbImage> faces = inpainting ? completer.completeAll(b.faces(), b.covered()) : b.faces();
        int n = faces.size();
        int s = DlibResNet.INPUT_SIZE;
        float[] x = new float[n * 3 * s * s];
        for (int i = 0; i < n; i++) {
            System.arraycopy(studentInput(faces.get(i)), 0, x, i * 3 * s * s, 3 * s * s);
        }
        int d = DlibResNet.EMBEDDING_SIZE;
        NDArray input = m.create(x, new Shape(n, 3, s, s));
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

    /** The student's input for a (completed) crop: the descriptor's normalisation at 150×150. */
    static float[] studentInput(RgbImage face) {
        return NetInput.toChw(face, DlibResNet.INPUT_SIZE, true, DlibResNet.MEAN_RGB,
                new float[] {1 / 255f, 1 / 255f, 1 / 255f});
    }

    /** People with at least {@code least} faces the teacher embedded, in a stable order. */
    static Map<String, List<FaceCropSet.Crop>> people(FaceCropSet set, TeacherTargets targets, int least) {
        Map<String, List<FaceCropSet.Crop>> all = new LinkedHashMap<>();
        for (FaceCropSet.Crop c : set.crops()) {
            if (targets.of(c.file()) != null) {
                all.computeIfAbsent(c.identity(), k -> new ArrayList<>()).add(c);
            }
        }
        all.values().removeIf(faces -> faces.size() < least);
        return all;
    }

    /** The batch of a step, from its own generator so data do not depend on timing (or on resuming). */
    static Batch batch(DistillRecipe recipe, Map<String, List<FaceCropSet.Crop>> people, Map<String, Integer> label,
                       Map<String, float[]> centroids, TeacherTargets targets, int step) {
        Random r = new Random(recipe.seed() * 7_919L + step);
        DistillRecipe.Optim o = recipe.optim();
        List<String> names = new ArrayList<>(people.keySet());
        List<RgbImage> faces = new ArrayList<>();
        List<boolean[]> covered = new ArrayList<>();
        int n = o.batch();
        int d = DlibResNet.EMBEDDING_SIZE;
        float[] labels = new float[n];
        float[] teacher = new float[n * d];
        float[] centre = new float[n * d];
        java.util.Set<String> drawn = new java.util.HashSet<>();
        int k = 0;
        while (drawn.size() < o.identities()) {
            String who = names.get(r.nextInt(names.size()));
            if (!drawn.add(who)) {
                continue;
            }
            List<FaceCropSet.Crop> mine = new ArrayList<>(people.get(who));
            java.util.Collections.shuffle(mine, r);
            for (FaceCropSet.Crop crop : mine.subList(0, o.perIdentity())) {
                MaskCategory category = MaskedFaceSamples.drawCategory(r, recipe.data().cleanFraction());
                MaskedFaceSamples.Sample sample = MaskedFaceSamples.make(crop, category, r.nextLong(), Augment.NONE);
                RgbImage image = sample.image();
                boolean[] map = sample.covered();
                if (r.nextBoolean()) { // the teacher's embedding is mirror-averaged: a mirrored face has the same target
                    image = image.flipHorizontal();
                    map = mirror(map, image.width());
                }
                faces.add(image);
                covered.add(map);
                labels[k] = label.get(who);
                System.arraycopy(targets.of(crop.file()), 0, teacher, k * d, d);
                System.arraycopy(centroids.get(who), 0, centre, k * d, d);
                k++;
            }
        }
        return new Batch(faces, covered, labels, teacher, centre);
    }

    static boolean[] mirror(boolean[] map, int w) {
        boolean[] out = new boolean[map.length];
        int h = map.length / w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = map[y * w + (w - 1 - x)];
            }
        }
        return out;
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
