package org.maskface.train.g2d;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.maskface.face.embed.G2dEmbedder;
import org.maskface.face.embed.HoledFace;
import org.maskface.face.occlusion.OcclusionEstimator;
import org.maskface.image.ImageLoader;
import org.maskface.image.ImageSheet;
import org.maskface.image.RgbImage;
import org.maskface.mask.MaskCategory;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;
import org.maskface.nn.Batches;
import org.maskface.nn.G2dNet;
import org.maskface.nn.GenerativeEncoder;
import org.maskface.nn.InpaintingGenerator;
import org.maskface.nn.NetInput;
import org.maskface.nn.Reformer;
import org.maskface.nn.WeightsFile;
import org.maskface.train.Augment;
import org.maskface.train.EmbedderChecks;
import org.maskface.train.FaceCropSet;
import org.maskface.train.MaskedFaceSamples;
import org.maskface.train.StepLoop;
import org.maskface.train.TeacherTargets;
import org.maskface.train.TrainingRun;
import org.maskface.train.loss.DistillationLoss;

/**
 * Trains G2D (DESIGN.md §3.2) greedily, module by module, as {@link G2dRecipe} lays out: the
 * generative encoder (started from the shipped inpainter's coarse stage) by pixel reconstruction
 * of the unmasked face; then, encoder frozen, the reformer by relation-based approximation of the
 * frozen teacher's embedding of the unmasked face (pre-computed: the teacher never changes);
 * then, backbone frozen, the FC + softmax classifier on the training identities; then optionally
 * everything but the encoder (or everything) together. Every face gets a fresh synthetic mask
 * each time it is drawn (a share stays clean) and a random mirror flip; the hole map is the
 * ground truth in training, the occlusion estimator's at test time.
 *
 * <p>One global step counter runs through the stages, so a checkpoint anywhere resumes in the right
 * stage; losses are logged as {@code <stage>.<term>}. One face of every person with at least three
 * is held out of all training: the classifier's closed-set accuracy is measured on those.
 */
public final class G2dTrainer {

    /** Held-out faces (other folds) of the periodic check and the grid. */
    static final int CHECK_FACES = 64;

    /** Stage names, in order (the recipe's fields). */
    static final List<String> STAGES = List.of("encoder", "reformer", "classifier", "finetune");

    /** One batch: masked faces and holes, the unmasked faces (NCHW, [−1, 1]), the teacher's view, labels. */
    record Batch(float[] masked, float[] holes, float[] clean, float[] teacher, float[] centroids, float[] labels,
                 int n, int size) {
        Shape image() {
            return new Shape(n, 3, size, size);
        }

        Shape map() {
            return new Shape(n, 1, size, size);
        }
    }

    /**
     * The training faces: per person (stable order) the faces trained on; the people the classifier
     * knows (at least two training faces) and one held-out face of each person with three or more.
     */
    record Split(Map<String, List<FaceCropSet.Crop>> people, List<String> classes, Map<String, Integer> label,
                 List<FaceCropSet.Crop> closedSet) {

        /** People with at least {@code least} training faces (the classifier's people for label stages). */
        Map<String, List<FaceCropSet.Crop>> pool(String stage, int least) {
            Map<String, List<FaceCropSet.Crop>> out = new LinkedHashMap<>();
            boolean labelled = stage.equals("classifier") || stage.equals("finetune");
            people.forEach((who, faces) -> {
                if (faces.size() >= least && (!labelled || label.containsKey(who))) {
                    out.put(who, faces);
                }
            });
            return out;
        }
    }

    /** What training produced. */
    public record Result(Path weights, JsonObject metrics) {
    }

    private G2dTrainer() {
    }

    static Split split(FaceCropSet set, TeacherTargets targets) {
        Map<String, List<FaceCropSet.Crop>> all = new LinkedHashMap<>();
        for (FaceCropSet.Crop c : set.crops()) {
            if (targets.of(c.file()) != null) {
                all.computeIfAbsent(c.identity(), k -> new ArrayList<>()).add(c);
            }
        }
        List<FaceCropSet.Crop> closedSet = new ArrayList<>();
        Map<String, List<FaceCropSet.Crop>> people = new LinkedHashMap<>();
        List<String> classes = new ArrayList<>();
        Map<String, Integer> label = new HashMap<>();
        all.forEach((who, faces) -> {
            List<FaceCropSet.Crop> mine = new ArrayList<>(faces);
            if (mine.size() >= 3) {
                closedSet.add(mine.remove(mine.size() - 1));
            }
            people.put(who, mine);
            if (mine.size() >= 2) {
                label.put(who, classes.size());
                classes.add(who);
            }
        });
        return new Split(people, classes, label, closedSet);
    }

    public static Result train(G2dRecipe recipe, FaceCropSet trainSet, FaceCropSet heldOut, TeacherTargets targets,
                               ModelHub hub, TrainingRun run, boolean progress, Consumer<String> log) throws Exception {
        Split split = split(trainSet, targets);
        if (split.classes().isEmpty()) {
            throw new IllegalArgumentException("no training person has two faces with teacher embeddings");
        }
        Map<String, Map<String, List<FaceCropSet.Crop>>> pools = new LinkedHashMap<>();
        for (String stage : STAGES) {
            G2dRecipe.Stage s = recipe.stages().get(stage);
            if (s.steps() == 0) {
                continue;
            }
            Map<String, List<FaceCropSet.Crop>> pool = split.pool(stage, s.perIdentity());
            if (pool.size() < s.identities()) {
                throw new IllegalArgumentException(stage + ": only " + pool.size() + " people have " + s.perIdentity()
                        + " training faces; a batch needs " + s.identities());
            }
            pools.put(stage, pool);
        }
        Map<String, float[]> centroids = targets.centroids(trainSet.crops());
        List<FaceCropSet.Crop> checkFaces = heldOut.crops().stream().filter(c -> targets.of(c.file()) != null)
                .limit(CHECK_FACES).toList();
        log.accept(String.format(Locale.ROOT, "%d people (%d faces) train G2D, %d of them known to the classifier; "
                        + "%d faces of them held out (closed set); %d held-out faces of other folds check it",
                split.people().size(), split.people().values().stream().mapToInt(List::size).sum(),
                split.classes().size(), split.closedSet().size(), checkFaces.size()));
        Engine.getInstance().setRandomSeed((int) recipe.seed());
        Model inpainter = hub.inpainter();
        int size = Integer.parseInt(inpainter.getProperty("size"));
        InpaintingGenerator generator = (InpaintingGenerator) inpainter.getBlock();
        G2dRecipe.Architecture a = recipe.architecture();
        int start = run.checkpointStep();
        try (Model model = Model.newInstance("g2d-train", "PyTorch");
             Model view = Model.newInstance("g2d", "PyTorch");
             OcclusionEstimator occlusion = new OcclusionEstimator(hub)) {
            NDManager manager = model.getNDManager();
            G2dNet net = new G2dNet(GenerativeEncoder.fromInpainter(generator, manager, size),
                    new Reformer(a.reformerWidth(), a.reformerBlocks(), a.pooling(), a.embedding()), split.classes().size());
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size), new Shape(1, 1, size, size));
            model.setBlock(net);
            Map<String, Block> checkpointed = Map.of("g2d", net);
            if (start > 0) {
                run.loadCheckpoint(checkpointed, manager);
                log.accept("resumed from the checkpoint at step " + start);
            }
            view.setBlock(net);
            view.setProperty("size", Integer.toString(size));
            view.setProperty("embedding", Integer.toString(a.embedding()));
            view.setProperty("classNames", String.join("\n", split.classes()));
            JsonObject metrics = new JsonObject();
            try (G2dEmbedder embedder = new G2dEmbedder(occlusion, view)) {
                int offset = 0;
                for (String stage : STAGES) {
                    G2dRecipe.Stage s = recipe.stages().get(stage);
                    int first = offset + 1;
                    int last = offset + s.steps();
                    offset = last;
                    if (s.steps() == 0 || start > last) {
                        continue;
                    }
                    if (start < last) {
                        trainStage(recipe, stage, s, first, Math.max(first, start + 1), last, size, net, model, split,
                                pools.get(stage), centroids, targets, embedder, checkFaces, run, progress,
                                checkpointed, log);
                    }
                    // (start == last: resumed from a pause at this stage's end; its snapshot is still to be made)
                    if (stage.equals("reformer") && recipe.classifier().steps() + recipe.finetune().steps() > 0) {
                        // the backbone as the reformer stage left it: the "without classifier finetuning" ablation
                        Path dir = Files.createDirectories(run.dir().resolve("after-reformer"));
                        JsonObject m = finalChecks(recipe, embedder, trainSet, split, checkFaces, targets, false);
                        save(net, recipe, run, m, dir.resolve("g2d.json"), split, size, generator.width(),
                                "the backbone after the reformer stage (no classifier, no finetuning)");
                        log.accept(describe("after the reformer stage", m));
                    }
                }
                metrics = finalChecks(recipe, embedder, trainSet, split, checkFaces, targets,
                        recipe.classifier().steps() > 0);
                log.accept(describe("end", metrics));
                List<FaceCropSet.Crop> shown = checkFaces.subList(0, Math.min(12, checkFaces.size()));
                ImageLoader.save(grid(embedder, shown, recipe.seed()), run.dir().resolve("before-after.png"));
            }
            for (String stage : STAGES) {
                List<String> names = new ArrayList<>();
                for (String term : List.of("l1", "ce", "instance", "pair", "triplet", "loss")) {
                    names.add(stage + "." + term);
                }
                if (recipe.stages().get(stage).steps() > 0) {
                    run.plot("loss-" + stage + ".png", "G2D " + stage + " stage: training losses (smoothed)",
                            names.toArray(String[]::new));
                }
            }
            run.plot("heldout-teacher-cosine.png", "G2D: held-out cosine to the teacher", "heldOutTeacherCosine");
            Path weights = run.dir().resolve("g2d.json");
            save(net, recipe, run, metrics, weights, split, size, generator.width(), "all stages of the recipe");
            run.finish(metrics);
            return new Result(weights, metrics);
        }
    }

    private static void trainStage(G2dRecipe recipe, String stage, G2dRecipe.Stage s, int first, int from, int last,
                                   int size, G2dNet net, Model model, Split split, Map<String, List<FaceCropSet.Crop>> pool,
                                   Map<String, float[]> centroids, TeacherTargets targets, G2dEmbedder embedder,
                                   List<FaceCropSet.Crop> checkFaces, TrainingRun run, boolean progress,
                                   Map<String, Block> checkpointed, Consumer<String> log) throws Exception {
        net.freezeParameters(true);
        switch (stage) {
            case "encoder" -> train(net.encoder());
            case "reformer" -> train(net.reformer());
            case "classifier" -> train(net.classifier());
            default -> {
                if (recipe.finetuneEncoder()) {
                    train(net.encoder());
                    net.encoder().decoder().freezeParameters(true);
                }
                train(net.reformer());
                train(net.classifier());
            }
        }
        log.accept(String.format(Locale.ROOT, "stage %s: steps %d-%d (%s), %d people to draw from", stage, first, last,
                from > first ? "resumed at " + from : "from the start", pool.size()));
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l1Loss())
                .optOptimizer(StepLoop.adamWarmupCosine(s.lr(), s.finalLr(), s.warmupSteps(), s.steps(), from - first));
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(s.batch(), 3, size, size), new Shape(s.batch(), 1, size, size));
            StepLoop.run(model.getNDManager(), from, last,
                    i -> batch(recipe, split, pool, centroids, targets, s, size, STAGES.indexOf(stage), i - first + 1),
                    (b, m) -> step(stage, b, m, trainer, net, recipe), run, "train g2d " + stage, progress,
                    recipe.evalEvery(), i -> check(stage, i, embedder, checkFaces, targets, recipe.seed(), run),
                    recipe.checkpointEvery(), i -> run.checkpoint(i, checkpointed), log);
        }
        if (!stage.equals("encoder")) {
            double c = EmbedderChecks.teacherCosine(embedder, checkFaces, targets, recipe.seed());
            run.log(last, "heldOutTeacherCosine", c);
            log.accept(String.format(Locale.ROOT, "stage %s done: held-out cosine to the teacher %.4f", stage, c));
        }
    }

    /**
     * Lets {@code block}'s weights learn; its batch-norm running statistics stay without gradient
     * (DJL's unfreezing would give them one, which PyTorch refuses).
     */
    static void train(Block block) {
        for (var p : block.getParameters()) {
            Parameter.Type type = p.getValue().getType();
            p.getValue().freeze(type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR);
        }
    }

    static Map<String, Double> step(String stage, Batch b, NDManager m, Trainer trainer, G2dNet net, G2dRecipe recipe) {
        ParameterStore store = new ParameterStore(m, false);
        NDArray x = m.create(b.masked(), b.image());
        NDArray h = m.create(b.holes(), b.map());
        int d = recipe.architecture().embedding();
        Map<String, NDArray> terms = new LinkedHashMap<>();
        NDArray total;
        try (GradientCollector gc = trainer.newGradientCollector()) {
            switch (stage) {
                case "encoder" -> {
                    NDArray clean = m.create(b.clean(), b.image());
                    NDArray rebuilt = net.encoder().reconstruct(store, net.encoder().describe(store, x, h, true), true);
                    total = rebuilt.sub(clean).abs().mean();
                    terms.put("l1", total);
                }
                case "classifier" -> {
                    NDArray reformed = net.reform(store, net.encoder().describe(store, x, h, false), false)
                            .stopGradient();
                    total = DistillationLoss.crossEntropy(net.classify(store, reformed, true),
                            m.create(b.labels(), new Shape(b.n())));
                    terms.put("ce", total);
                }
                default -> {
                    boolean finetune = stage.equals("finetune");
                    NDArray teacher = m.create(b.teacher(), new Shape(b.n(), d));
                    NDArray centroids = m.create(b.centroids(), new Shape(b.n(), d));
                    NDArray descriptors = net.encoder().describe(store, x, h, finetune && recipe.finetuneEncoder());
                    NDArray reformed = net.reform(store, descriptors, true);
                    if (finetune) {
                        terms.putAll(DistillationLoss.terms(teacher, Batches.unitRows(reformed),
                                net.classify(store, reformed, true), m.create(b.labels(), new Shape(b.n())), centroids,
                                recipe.relations()));
                    } else {
                        terms.putAll(DistillationLoss.relations(teacher, Batches.unitRows(reformed), centroids,
                                recipe.relations()));
                    }
                    total = DistillationLoss.weighted(terms, recipe.relations());
                    terms.put("loss", total);
                }
            }
            gc.backward(total);
        }
        Map<String, Double> losses = new LinkedHashMap<>();
        terms.forEach((name, v) -> losses.put(stage + "." + name, (double) v.getFloat()));
        StepLoop.update(trainer);
        return losses;
    }

    /**
     * The batch of step {@code step} (counted from 1) of a stage, from its own generator: data do not
     * depend on timing, resuming, or on how long the stages before were (an ablation that skips one
     * sees the same batches in the next).
     */
    static Batch batch(G2dRecipe recipe, Split split, Map<String, List<FaceCropSet.Crop>> pool,
                       Map<String, float[]> centroids, TeacherTargets targets, G2dRecipe.Stage s, int size,
                       int stageIndex, int step) {
        Random r = new Random(recipe.seed() * 7_919L + stageIndex * 1_000_003L + step);
        List<String> names = new ArrayList<>(pool.keySet());
        int n = s.batch();
        int d = recipe.architecture().embedding();
        int plane = size * size;
        float[] masked = new float[n * 3 * plane];
        float[] holes = new float[n * plane];
        float[] clean = new float[n * 3 * plane];
        float[] teacher = new float[n * d];
        float[] centre = new float[n * d];
        float[] labels = new float[n];
        // the encoder's target is the unmasked photo pixel for pixel: its input is not jittered
        Augment aug = stageIndex == 0 ? Augment.NONE : recipe.augment();
        Set<String> drawn = new HashSet<>();
        int k = 0;
        while (drawn.size() < s.identities()) {
            String who = names.get(r.nextInt(names.size()));
            if (!drawn.add(who)) {
                continue;
            }
            List<FaceCropSet.Crop> mine = new ArrayList<>(pool.get(who));
            Collections.shuffle(mine, r);
            for (FaceCropSet.Crop crop : mine.subList(0, s.perIdentity())) {
                MaskCategory category = MaskedFaceSamples.drawCategory(r, recipe.data().cleanFraction());
                MaskedFaceSamples.Sample sample = MaskedFaceSamples.make(crop, category, r.nextLong(), aug);
                HoledFace face = HoledFace.of(sample.image(), sample.covered(), size);
                RgbImage unmasked = crop.image().resize(size, size);
                if (r.nextBoolean()) { // the teacher's embedding is mirror-averaged: a mirrored face has the same target
                    face = face.mirrored();
                    unmasked = unmasked.flipHorizontal();
                }
                face.write(masked, holes, k);
                NetInput.writeSigned(unmasked, clean, k * 3 * plane);
                System.arraycopy(targets.of(crop.file()), 0, teacher, k * d, d);
                System.arraycopy(centroids.get(who), 0, centre, k * d, d);
                labels[k] = split.label().getOrDefault(who, 0);
                k++;
            }
        }
        return new Batch(masked, holes, clean, teacher, centre, labels, n, size);
    }

    /** The periodic check: held-out reconstruction for the encoder, cosine to the teacher after it. */
    static String check(String stage, int step, G2dEmbedder embedder, List<FaceCropSet.Crop> faces,
                        TeacherTargets targets, long seed, TrainingRun run) throws IOException {
        if (stage.equals("encoder")) {
            double l1 = reconstructionL1(embedder, faces, seed);
            run.log(step, "heldOutReconstructionL1", l1);
            return String.format(Locale.ROOT, "held-out reconstruction L1 %.4f", l1);
        }
        double c = EmbedderChecks.teacherCosine(embedder, faces, targets, seed);
        run.log(step, "heldOutTeacherCosine", c);
        return String.format(Locale.ROOT, "held-out cosine to the teacher %.4f", c);
    }

    /**
     * Mean |decoder's face pasted in the estimated hole − unmasked face| over the pixels the synthetic
     * mask changed, on masked held-out faces (values / 127.5, as the network's [−1, 1]).
     */
    static double reconstructionL1(G2dEmbedder embedder, List<FaceCropSet.Crop> faces, long seed) {
        List<RgbImage> masked = EmbedderChecks.maskedFaces(faces, seed);
        List<RgbImage> rebuilt = embedder.reconstructCrops(masked);
        double sum = 0;
        long count = 0;
        for (int i = 0; i < faces.size(); i++) {
            byte[] a = rebuilt.get(i).data();
            byte[] b = faces.get(i).image().data();
            byte[] m = masked.get(i).data();
            for (int j = 0; j < a.length; j++) {
                if (m[j] != b[j]) {
                    sum += Math.abs((a[j] & 0xff) - (b[j] & 0xff));
                    count++;
                }
            }
        }
        return count == 0 ? 0 : sum / count / 127.5;
    }

    /** Held-out cosine to the teacher, closed-set accuracy, the verification threshold. */
    static JsonObject finalChecks(G2dRecipe recipe, G2dEmbedder embedder, FaceCropSet trainSet, Split split,
                                  List<FaceCropSet.Crop> checkFaces, TeacherTargets targets, boolean classifier)
            throws IOException {
        JsonObject m = new JsonObject();
        m.addProperty("heldOutTeacherCosine", EmbedderChecks.teacherCosine(embedder, checkFaces, targets,
                recipe.seed()));
        m.addProperty("heldOutFaces", checkFaces.size());
        m.addProperty("heldOutReconstructionL1", reconstructionL1(embedder, checkFaces, recipe.seed()));
        m.addProperty("note", "held-out faces: folds " + recipe.data().heldOutFolds() + " under synthetic masks "
                + "seeded by the recipe's seed; cosine of the G2D embedding to the teacher's of the clean photo; "
                + "reconstruction L1 over the repainted pixels, values / 127.5");
        if (classifier && !split.closedSet().isEmpty()) {
            JsonObject closed = new JsonObject();
            closed.addProperty("faces", split.closedSet().size());
            closed.addProperty("classes", split.classes().size());
            closed.addProperty("top1Masked", top1(embedder, EmbedderChecks.maskedFaces(split.closedSet(),
                    recipe.seed() + 3), split));
            closed.addProperty("top1Clean", top1(embedder, split.closedSet().stream().map(FaceCropSet.Crop::image)
                    .toList(), split));
            closed.addProperty("note", "the classifier's top-1 among the training identities on one face per person "
                    + "with >= 3 faces, held out of all training");
            m.add("closedSet", closed);
        }
        m.add("threshold", EmbedderChecks.threshold(embedder, trainSet, recipe.data(), recipe.seed()));
        return m;
    }

    static double top1(G2dEmbedder embedder, List<RgbImage> crops, Split split) {
        List<float[]> p = embedder.probabilities(crops);
        int right = 0;
        for (int i = 0; i < crops.size(); i++) {
            float[] q = p.get(i);
            int best = 0;
            for (int j = 1; j < q.length; j++) {
                if (q[j] > q[best]) {
                    best = j;
                }
            }
            if (best == split.label().get(split.closedSet().get(i).identity())) {
                right++;
            }
        }
        return (double) right / Math.max(1, crops.size());
    }

    private static String describe(String when, JsonObject m) {
        JsonObject t = m.getAsJsonObject("threshold");
        String closed = m.has("closedSet") ? String.format(Locale.ROOT, "; closed-set top-1 %.3f masked, %.3f clean",
                m.getAsJsonObject("closedSet").get("top1Masked").getAsDouble(),
                m.getAsJsonObject("closedSet").get("top1Clean").getAsDouble()) : "";
        return String.format(Locale.ROOT, "%s: held-out cosine to the teacher %.4f, reconstruction L1 %.4f; threshold "
                        + "%.5f (accuracy %.4f on %d training-fold pairs, clean vs masked)%s", when,
                m.get("heldOutTeacherCosine").getAsDouble(), m.get("heldOutReconstructionL1").getAsDouble(),
                t.get("threshold").getAsDouble(), t.get("accuracy").getAsDouble(), t.get("pairs").getAsInt(), closed);
    }

    private static void save(G2dNet net, G2dRecipe recipe, TrainingRun run, JsonObject metrics, Path file, Split split,
                             int size, int encoderWidth, String what) throws IOException {
        JsonObject details = new JsonObject();
        details.addProperty("size", size);
        details.addProperty("encoderWidth", encoderWidth);
        details.addProperty("reformerWidth", recipe.architecture().reformerWidth());
        details.addProperty("reformerBlocks", recipe.architecture().reformerBlocks());
        details.addProperty("reformerPooling", recipe.architecture().pooling().name());
        details.addProperty("embedding", recipe.architecture().embedding());
        details.addProperty("classes", split.classes().size());
        details.addProperty("classNames", String.join("\n", split.classes()));
        details.addProperty("threshold", metrics.getAsJsonObject("threshold").get("threshold").getAsDouble());
        details.addProperty("stages", what);
        details.addProperty("encoderStart", ModelCard.INPAINTER.tag() + " (coarse stage)");
        details.addProperty("input", "aligned 112x112 crop scaled to size x size (box averaging), value / 127.5 - 1, "
                + "with its hole map (1 = covered, any covered pixel in a cell's footprint) from the occlusion "
                + "estimator; embedding = unit(sum of the unit vectors of the face and its mirror)");
        details.add("training", run.record());
        details.add("heldOut", metrics);
        WeightsFile.save(net, ModelCard.G2D, details, file);
    }

    /** Rows of (masked, decoder's face pasted in the hole, unmasked) held-out faces. */
    static RgbImage grid(G2dEmbedder embedder, List<FaceCropSet.Crop> faces, long seed) {
        List<RgbImage> masked = EmbedderChecks.maskedFaces(faces, seed);
        List<RgbImage> rebuilt = embedder.reconstructCrops(masked);
        List<RgbImage> cells = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            cells.add(masked.get(i));
            cells.add(rebuilt.get(i));
            cells.add(faces.get(i).image());
        }
        return ImageSheet.grid(cells, 6, 2);
    }
}
