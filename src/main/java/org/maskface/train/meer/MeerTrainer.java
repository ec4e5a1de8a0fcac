package org.maskface.train.meer;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.maskface.face.deocc.FaceCompleter;
import org.maskface.face.embed.MeerEmbedder;
import org.maskface.image.ImageLoader;
import org.maskface.image.ImageSheet;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;
import org.maskface.nn.Batches;
import org.maskface.nn.DlibResNet;
import org.maskface.nn.HoleWindow;
import org.maskface.nn.MeerNet;
import org.maskface.nn.PatchDiscriminator;
import org.maskface.nn.Scalars;
import org.maskface.nn.WeightsFile;
import org.maskface.train.CosineClassifier;
import org.maskface.train.EmbedderChecks;
import org.maskface.train.FaceCropSet;
import org.maskface.train.GroupedOptimizer;
import org.maskface.train.IdentityBatches;
import org.maskface.train.MaskedFaceSamples;
import org.maskface.train.StepLoop;
import org.maskface.train.TeacherTargets;
import org.maskface.train.TrainingRun;
import org.maskface.train.loss.AdversarialLoss;
import org.maskface.train.loss.DistillationLoss;
import org.maskface.train.loss.IdentityPreservingLoss;
import org.maskface.train.loss.SegmentationLoss;

/**
 * Trains MEER jointly (DESIGN.md §3.3). Each step draws a few people with a few faces each under
 * fresh synthetic masks (as the de-occlusion student's training does) and updates, in one
 * backward pass: the recognizer (started from the teacher; its early layers, the shared encoder,
 * stay at the teacher's values) by cross-entropy over the training identities plus the teacher
 * relation terms; the mask decoupling head by BCE + Dice against the synthetic occlusion map; the
 * decoder by L1 to the unmasked face, the two patch critics' adversarial signal and the
 * id-preserving loss (the frozen teacher's embedding of the restored face against its embedding of
 * the real one), whose gradient reaches the recognizer through the identity code the decoder
 * reads: the restored face refines the recognition branch. The critics (global face, local window
 * round the covered region) learn first in each step, as in the inpainter's training.
 */
public final class MeerTrainer {

    /** Held-out faces of the periodic checks and the grid. */
    static final int CHECK_FACES = 64;
    static final int GRID_FACES = 12;

    /** What training produced. */
    public record Result(Path weights, JsonObject metrics) {
    }

    /** The critics and their trainers (absent without synthesis or adversarial weight). */
    private record Critics(Trainer global, Trainer local, int window) {
    }

    private MeerTrainer() {
    }

    /**
     * @param targets the teacher's embeddings of the training and held-out photos
     */
    public static Result train(MeerRecipe recipe, FaceCropSet trainSet, FaceCropSet heldOut, TeacherTargets targets,
                               ModelHub hub, TrainingRun run, boolean progress, Consumer<String> log) throws Exception {
        MeerRecipe.Optim o = recipe.optim();
        MeerRecipe.Architecture a = recipe.architecture();
        IdentityBatches batches = new IdentityBatches(trainSet, targets, recipe.seed(), o.identities(), o.perIdentity(),
                recipe.data().cleanFraction());
        List<FaceCropSet.Crop> checkFaces = IdentityBatches.checkFaces(heldOut, targets, CHECK_FACES);
        if (checkFaces.isEmpty()) {
            throw new IllegalArgumentException("no held-out faces with teacher embeddings");
        }
        log.accept(String.format(Locale.ROOT, "%d people with >= %d faces (%d faces) train MEER (decoupling %s, "
                        + "synthesis %s); %d held-out faces check it", batches.names().size(), o.perIdentity(),
                batches.faces(), a.decoupling(), a.synthesis(), checkFaces.size()));
        Engine.getInstance().setRandomSeed((int) recipe.seed());
        int start = run.checkpointStep();
        boolean adversarial = a.synthesis() && recipe.loss().adversarialWeight() > 0;
        try (Model model = Model.newInstance("meer-train", "PyTorch");
             Model globalModel = Model.newInstance("meer-critic-global", "PyTorch");
             Model localModel = Model.newInstance("meer-critic-local", "PyTorch");
             Model view = Model.newInstance("meer", "PyTorch")) {
            NDManager manager = model.getNDManager();
            DlibResNet recognizer = hub.teacherNet(manager);
            MeerNet meer = new MeerNet(recognizer, a.decoupling(), a.synthesis(), a.maskWidth(), a.decoderWidth());
            CosineClassifier net = new CosineClassifier("meer", meer, batches.names().size(),
                    recipe.loss().classifierScale());
            net.startAtCentroids(batches.names(), batches.centroids(), manager);
            model.setBlock(net);
            // the shared encoder stays the teacher's: low-level filters need no change, and the restored
            // face then goes through the same early layers as the teacher's own input
            recognizer.frontBlocks().forEach(b -> b.freezeParameters(true));
            DlibResNet teacher = hub.teacherNet(manager);
            teacher.freezeParameters(true);
            globalModel.setBlock(new PatchDiscriminator(a.criticWidth()));
            localModel.setBlock(new PatchDiscriminator(a.criticWidth()));
            int s = DlibResNet.INPUT_SIZE;
            // shaped and loaded before the trainers exist: a trainer keeps the arrays it finds
            net.initialize(manager, DataType.FLOAT32, new Shape(o.batch(), 3, s, s));
            globalModel.getBlock().initialize(globalModel.getNDManager(), DataType.FLOAT32, new Shape(o.batch(), 3, s, s));
            localModel.getBlock().initialize(localModel.getNDManager(), DataType.FLOAT32,
                    new Shape(o.batch(), 3, a.localWindow(), a.localWindow()));
            Map<String, Block> checkpointed = new LinkedHashMap<>();
            checkpointed.put("meer-with-classifier", net);
            if (adversarial) {
                checkpointed.put("critic-global", globalModel.getBlock());
                checkpointed.put("critic-local", localModel.getBlock());
            }
            if (start > 0) {
                run.loadCheckpoint(checkpointed, manager);
                log.accept("resumed from the checkpoint at step " + start);
            }
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l1Loss())
                    .optOptimizer(optimizer(meer, o, start)));
                 Trainer dg = globalModel.newTrainer(new DefaultTrainingConfig(Loss.l1Loss())
                         .optOptimizer(StepLoop.ganAdam(o.criticLr(), o.warmupSteps())));
                 Trainer dl = localModel.newTrainer(new DefaultTrainingConfig(Loss.l1Loss())
                         .optOptimizer(StepLoop.ganAdam(o.criticLr(), o.warmupSteps())))) {
                trainer.initialize(new Shape(o.batch(), 3, s, s));
                dg.initialize(new Shape(o.batch(), 3, s, s));
                dl.initialize(new Shape(o.batch(), 3, a.localWindow(), a.localWindow()));
                Critics critics = adversarial ? new Critics(dg, dl, a.localWindow()) : null;
                view.setBlock(meer);
                JsonObject metrics = new JsonObject();
                List<MaskedFaceSamples.Sample> checkSamples = EmbedderChecks.maskedSamples(checkFaces, recipe.seed());
                try (MeerEmbedder embedder = new MeerEmbedder(view)) {
                    JsonObject before = check(embedder, meer, teacher, checkFaces, checkSamples, targets, manager);
                    if (start == 0) {
                        logChecks(run, 0, before);
                    }
                    log.accept("start: " + describe(before));
                    StepLoop.run(manager, start + 1, o.steps(), batches::draw,
                            (b, m) -> step(b, m, trainer, net, meer, teacher, critics, recipe.loss()), run, "train meer",
                            progress, o.evalEvery(), i -> {
                                JsonObject c = check(embedder, meer, teacher, checkFaces, checkSamples, targets,
                                        manager);
                                logChecks(run, i, c);
                                return describe(c);
                            }, o.checkpointEvery(), i -> run.checkpoint(i, checkpointed), log);
                    JsonObject after = check(embedder, meer, teacher, checkFaces, checkSamples, targets, manager);
                    logChecks(run, o.steps(), after);
                    JsonObject threshold = EmbedderChecks.threshold(embedder, trainSet, recipe.data(), recipe.seed());
                    log.accept(String.format(Locale.ROOT, "end: %s; threshold %.5f (accuracy %.4f on %d training-fold "
                                    + "pairs, clean vs masked)", describe(after), threshold.get("threshold").getAsDouble(),
                            threshold.get("accuracy").getAsDouble(), threshold.get("pairs").getAsInt()));
                    metrics.add("start", before);
                    metrics.add("end", after);
                    metrics.addProperty("heldOutTeacherCosine", after.get("teacherCosine").getAsDouble());
                    metrics.addProperty("heldOutFaces", checkFaces.size());
                    metrics.addProperty("note", "held-out faces (folds " + recipe.data().heldOutFolds() + ") under "
                            + "synthetic masks seeded by the recipe's seed: teacherCosine = mean cosine between MEER's "
                            + "embedding of the masked face and the teacher's of the clean photo; maskIoU = IoU of the "
                            + "predicted occlusion map (p > 0.5) with the synthetic one at 150 px; holeL1 = mean "
                            + "|restored - unmasked| in the covered region, 0-255 levels; restoredTeacherCosine = the "
                            + "teacher's cosine between the restored face and the real one");
                    metrics.add("threshold", threshold);
                    if (a.synthesis()) {
                        ImageLoader.save(grid(embedder, checkFaces.subList(0, Math.min(GRID_FACES, checkFaces.size())),
                                checkSamples), run.dir().resolve("before-after.png"));
                    }
                }
                run.plot("loss.png", "MEER: training losses (smoothed)", "loss", "ce", "instance", "pair", "triplet",
                        "mask", "reconstruction", "adversarial", "identity");
                run.plot("heldout-teacher-cosine.png", "MEER: held-out cosine to the teacher", "heldOutTeacherCosine");
                JsonObject details = new JsonObject();
                details.addProperty("architecture", "dlib ResNet-29 (DlibResNet) started from "
                        + ModelCard.DLIB_RESNET.tag() + " with its first four blocks frozen (the shared encoder); mask "
                        + "head " + a.maskWidth() + " channels, decoder " + a.decoderWidth() + " channels (MeerNet)");
                details.addProperty("input", "aligned 112x112 crop (ArcFace template) scaled to 150x150, (value - mean) "
                        + "/ 255; embedding = unit(sum of the face's and its mirror's 128-d outputs)");
                details.addProperty("decoupling", a.decoupling());
                details.addProperty("synthesis", a.synthesis());
                details.addProperty("maskWidth", a.maskWidth());
                details.addProperty("decoderWidth", a.decoderWidth());
                details.addProperty("threshold", metrics.getAsJsonObject("threshold").get("threshold").getAsDouble());
                details.add("training", run.record());
                details.add("heldOut", metrics);
                Path weightsFile = run.dir().resolve("meer.json");
                WeightsFile.save(meer, ModelCard.MEER, details, weightsFile);
                run.finish(metrics);
                return new Result(weightsFile, metrics);
            }
        }
    }

    /** Adam with warm-up and cosine decay: {@code lr} for the recognizer and classifier, {@code headLr} for the new heads. */
    private static GroupedOptimizer optimizer(MeerNet meer, MeerRecipe.Optim o, int doneSteps) {
        Set<String> heads = new HashSet<>();
        meer.getChildren().forEach(child -> {
            if (child.getValue() != meer.recognizer()) {
                child.getValue().getParameters().values().forEach(p -> heads.add(p.getId()));
            }
        });
        float headFinal = o.finalLr() * o.headLr() / o.lr();
        return new GroupedOptimizer(heads,
                StepLoop.adamWarmupCosine(o.headLr(), headFinal, o.warmupSteps(), o.steps(), doneSteps),
                StepLoop.adamWarmupCosine(o.lr(), o.finalLr(), o.warmupSteps(), o.steps(), doneSteps));
    }

    /** One joint update: the critics first (restored faces held fixed), then everything else. */
    static Map<String, Double> step(IdentityBatches.Batch b, NDManager m, Trainer trainer, CosineClassifier net,
                                    MeerNet meer, DlibResNet teacher, Critics critics, MeerRecipe.Loss w) {
        int n = b.size();
        int s = DlibResNet.INPUT_SIZE;
        int cells = DlibResNet.FRONT_SIDE;
        NDArray x = m.create(DlibResNet.inputs(b.faces()), new Shape(n, 3, s, s));
        NDArray clean = m.create(DlibResNet.inputs(b.clean()), new Shape(n, 3, s, s));
        float[] holes = holes(b.covered(), b.faces().get(0).width());
        NDArray hole = m.create(holes, new Shape(n, 1, s, s));
        int d = DlibResNet.EMBEDDING_SIZE;
        NDArray teacherClean = m.create(b.teacher(), new Shape(n, d));
        ParameterStore store = new ParameterStore(m, false);
        Map<String, Double> losses = new LinkedHashMap<>();
        int[][] corners = critics == null ? null : HoleWindow.corners(hole, critics.window());
        if (critics != null) {
            NDArray fixed = meer.run(store, x, false, true).restored().stopGradient();
            // the last joint backward also left gradients on the critics: clear them first
            StepLoop.clearGradients(critics.global());
            StepLoop.clearGradients(critics.local());
            try (GradientCollector gc = critics.global().newGradientCollector()) {
                NDArray loss = AdversarialLoss.critic(critics.global().forward(new NDList(clean)).singletonOrThrow(),
                                critics.global().forward(new NDList(fixed)).singletonOrThrow())
                        .add(AdversarialLoss.critic(critics.local().forward(new NDList(
                                        HoleWindow.crop(clean, corners, critics.window()))).singletonOrThrow(),
                                critics.local().forward(new NDList(HoleWindow.crop(fixed, corners, critics.window())))
                                        .singletonOrThrow()));
                gc.backward(loss);
                losses.put("critic", (double) loss.getFloat());
            }
            StepLoop.update(critics.global(), critics.local());
        }
        try (GradientCollector gc = trainer.newGradientCollector()) {
            MeerNet.Outputs out = meer.run(store, x, true, meer.synthesis());
            NDArray unit = Batches.unitRows(out.embedding());
            NDArray logits = net.logits(store, unit, true);
            DistillationLoss.Weights rel = w.relations();
            Map<String, NDArray> terms = new LinkedHashMap<>(DistillationLoss.terms(teacherClean, unit, logits,
                    m.create(b.labels(), new Shape(n)), m.create(b.centroids(), new Shape(n, d)), rel));
            NDArray total = DistillationLoss.weighted(terms, rel);
            if (out.maskLogits() != null) {
                NDArray target = m.create(MeerNet.cellCover(holes, n, s, cells), new Shape(n, 1, cells, cells));
                NDArray mask = new SegmentationLoss((float) w.diceWeight()).evaluate(new NDList(target),
                        new NDList(out.maskLogits()));
                terms.put("mask", mask);
                total = total.add(Scalars.mul(mask, w.maskWeight()));
            }
            if (out.restored() != null) {
                NDArray restored = out.restored();
                NDArray reconstruction = restored.sub(clean).abs().mean();
                terms.put("reconstruction", reconstruction);
                total = total.add(Scalars.mul(reconstruction, w.reconstructionWeight()));
                if (critics != null) {
                    NDArray adv = AdversarialLoss.generator(critics.global().forward(new NDList(restored))
                            .singletonOrThrow()).add(AdversarialLoss.generator(critics.local().forward(new NDList(
                            HoleWindow.crop(restored, corners, critics.window()))).singletonOrThrow()));
                    terms.put("adversarial", adv);
                    total = total.add(Scalars.mul(adv, w.adversarialWeight()));
                }
                // measured even when it does not train (the ablation's curve shows what the term would have said)
                NDArray seen = w.idWeight() > 0 ? restored : restored.stopGradient();
                NDArray identity = IdentityPreservingLoss.of(teacher.forward(store, new NDList(seen), false)
                        .singletonOrThrow(), teacherClean);
                terms.put("identity", identity);
                if (w.idWeight() > 0) {
                    total = total.add(Scalars.mul(identity, w.idWeight()));
                }
            }
            gc.backward(total);
            losses.put("loss", (double) total.getFloat());
            terms.forEach((name, v) -> losses.put(name, (double) v.getFloat()));
        }
        StepLoop.update(trainer);
        return losses;
    }

    /** The coverage maps ({@code w}-wide) at the network's side, one after another. */
    static float[] holes(List<boolean[]> covered, int w) {
        int s = DlibResNet.INPUT_SIZE;
        float[] out = new float[covered.size() * s * s];
        for (int i = 0; i < covered.size(); i++) {
            System.arraycopy(FaceCompleter.hole(covered.get(i), w, s), 0, out, i * s * s, s * s);
        }
        return out;
    }

    /**
     * Held-out checks: the embedding's cosine to the teacher, and (where the parts exist) the
     * occlusion map's IoU, the restored face's L1 in the covered region and its teacher cosine.
     */
    static JsonObject check(MeerEmbedder embedder, MeerNet meer, DlibResNet teacher, List<FaceCropSet.Crop> faces,
                            List<MaskedFaceSamples.Sample> samples, TeacherTargets targets, NDManager parent) {
        JsonObject out = new JsonObject();
        out.addProperty("teacherCosine", EmbedderChecks.teacherCosine(embedder, faces,
                samples.stream().map(MaskedFaceSamples.Sample::image).toList(), targets));
        if (!meer.decoupling() && !meer.synthesis()) {
            return out;
        }
        int s = DlibResNet.INPUT_SIZE;
        int n = faces.size();
        double inter = 0;
        double union = 0;
        double holeSum = 0;
        double holeCount = 0;
        double cosine = 0;
        try (NDManager m = parent.newSubManager()) {
            ParameterStore store = new ParameterStore(m, false);
            for (int i = 0; i < n; i += 16) {
                List<MaskedFaceSamples.Sample> part = samples.subList(i, Math.min(n, i + 16));
                int k = part.size();
                NDArray x = m.create(DlibResNet.inputs(part.stream().map(MaskedFaceSamples.Sample::image).toList()),
                        new Shape(k, 3, s, s));
                float[] holes = holes(part.stream().map(MaskedFaceSamples.Sample::covered).toList(),
                        part.get(0).image().width());
                NDArray hole = m.create(holes, new Shape(k, 1, s, s));
                MeerNet.Outputs o = meer.run(store, x, false, meer.synthesis());
                if (o.maskLogits() != null) {
                    NDArray predicted = MeerNet.coverAtImage(o.maskLogits(), s).gt(0f).toType(DataType.FLOAT32, false);
                    inter += predicted.mul(hole).sum().getFloat();
                    union += predicted.add(hole).gt(0f).toType(DataType.FLOAT32, false).sum()
                            .getFloat();
                }
                if (o.restored() != null) {
                    NDArray clean = m.create(DlibResNet.inputs(faces.subList(i, i + k).stream().map(FaceCropSet.Crop::image)
                            .toList()), new Shape(k, 3, s, s));
                    holeSum += o.restored().sub(clean).abs().mul(hole).sum().getFloat() * 255;
                    holeCount += 3 * hole.sum().getFloat();
                    float[] t = new float[k * DlibResNet.EMBEDDING_SIZE];
                    for (int j = 0; j < k; j++) {
                        System.arraycopy(targets.of(faces.get(i + j).file()), 0, t, j * DlibResNet.EMBEDDING_SIZE,
                                DlibResNet.EMBEDDING_SIZE);
                    }
                    NDArray loss = IdentityPreservingLoss.of(teacher.forward(store, new NDList(o.restored()), false)
                            .singletonOrThrow(), m.create(t, new Shape(k, DlibResNet.EMBEDDING_SIZE)));
                    cosine += (1 - loss.getFloat()) * k;
                }
            }
        }
        if (meer.decoupling()) {
            out.addProperty("maskIoU", inter / Math.max(1, union));
        }
        if (meer.synthesis()) {
            out.addProperty("holeL1", holeSum / Math.max(1, holeCount));
            out.addProperty("restoredTeacherCosine", cosine / n);
        }
        return out;
    }

    private static void logChecks(TrainingRun run, int step, JsonObject checks) throws java.io.IOException {
        for (var e : checks.entrySet()) {
            String name = "heldOut" + Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1);
            run.log(step, name, e.getValue().getAsDouble());
        }
    }

    private static String describe(JsonObject checks) {
        StringBuilder sb = new StringBuilder("held-out");
        checks.entrySet().forEach(e -> sb.append(String.format(Locale.ROOT, " %s %.4f", e.getKey(),
                e.getValue().getAsDouble())));
        return sb.toString();
    }

    /** Rows of (masked, restored, unmasked) held-out faces. */
    static RgbImage grid(MeerEmbedder embedder, List<FaceCropSet.Crop> faces, List<MaskedFaceSamples.Sample> samples) {
        List<RgbImage> masked = samples.subList(0, faces.size()).stream().map(MaskedFaceSamples.Sample::image).toList();
        List<RgbImage> restored = embedder.restoreCrops(masked);
        List<RgbImage> cells = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            cells.add(masked.get(i));
            cells.add(restored.get(i));
            cells.add(faces.get(i).image());
        }
        return ImageSheet.grid(cells, 6, 2);
    }
}
