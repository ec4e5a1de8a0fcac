package org.maskface.train.deocc;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
import java.util.Random;
import java.util.function.Consumer;
import org.maskface.face.deocc.FaceCompleter;
import org.maskface.image.ImageLoader;
import org.maskface.image.ImageSheet;
import org.maskface.image.RgbImage;
import org.maskface.mask.MaskCategory;
import org.maskface.model.ModelCard;
import org.maskface.nn.HoleWindow;
import org.maskface.nn.InpaintingGenerator;
import org.maskface.nn.NetInput;
import org.maskface.nn.PatchDiscriminator;
import org.maskface.nn.Scalars;
import org.maskface.nn.WeightsFile;
import org.maskface.train.Augment;
import org.maskface.train.FaceCropSet;
import org.maskface.train.MaskedFaceSamples;
import org.maskface.train.StepLoop;
import org.maskface.train.TrainingRun;
import org.maskface.train.loss.AdversarialLoss;

/**
 * Trains the de-occlusion inpainter (DESIGN.md §3.1) as a GAN on aligned training faces with a
 * fresh synthetic mask each time a face is drawn: per step the global and local critics learn
 * to tell the unmasked faces from the completed ones (hinge), then the generator learns L1 to the
 * unmasked face (coarse and fine outputs) plus fooling both critics. The hole is the ground-truth
 * mask map. No geometric or colour jitter: the unmasked face is the target pixel for pixel.
 * Held-out L1 inside the hole is logged during training; weights, curves and a before/after grid
 * (masked → completed → original) go to the run folder.
 */
public final class InpainterTrainer {


    /** Held-out faces the periodic check and the grid use. */
    static final int CHECK_FACES = 16;

    /** One batch: masked faces, hole maps, unmasked faces, NCHW in [−1, 1] (holes 0/1). */
    public record Batch(float[] masked, float[] hole, float[] clean, int n, int size) {
        Shape image() {
            return new Shape(n, 3, size, size);
        }

        Shape map() {
            return new Shape(n, 1, size, size);
        }
    }

    /** What training produced. */
    public record Result(Path weights, JsonObject heldOut) {
    }

    private InpainterTrainer() {
    }

    public static Result train(InpainterRecipe recipe, FaceCropSet trainSet, FaceCropSet heldOut, TrainingRun run,
                               boolean progress, Consumer<String> log) throws Exception {
        if (trainSet.size() == 0 || heldOut.size() == 0) {
            throw new IllegalArgumentException("no training or held-out faces");
        }
        InpainterRecipe.Optim o = recipe.optim();
        int s = recipe.size();
        int window = recipe.localWindow();
        Engine.getInstance().setRandomSeed((int) recipe.seed());
        Batch check = batch(recipe, heldOut, Math.min(CHECK_FACES, heldOut.size()), new Random(recipe.seed() + 1), true);
        try (Model gModel = Model.newInstance("inpainter", "PyTorch");
             Model globalModel = Model.newInstance("critic-global", "PyTorch");
             Model localModel = Model.newInstance("critic-local", "PyTorch")) {
            InpaintingGenerator generator = new InpaintingGenerator(recipe.width(), recipe.attentionScale());
            gModel.setBlock(generator);
            globalModel.setBlock(new PatchDiscriminator(recipe.criticWidth()));
            localModel.setBlock(new PatchDiscriminator(recipe.criticWidth()));
            try (Trainer g = gModel.newTrainer(config(o.lr(), o.warmupSteps()));
                 Trainer dg = globalModel.newTrainer(config(o.criticLr(), o.warmupSteps()));
                 Trainer dl = localModel.newTrainer(config(o.criticLr(), o.warmupSteps()))) {
                g.initialize(new Shape(o.batch(), 3, s, s), new Shape(o.batch(), 1, s, s));
                dg.initialize(new Shape(o.batch(), 3, s, s));
                dl.initialize(new Shape(o.batch(), 3, window, window));
                StepLoop.Step<Batch> step = (b, m) -> step(b, m, g, dg, dl, window, o);
                StepLoop.run(g.getManager(), o.steps(), i -> makeBatch(recipe, trainSet, i), step, run,
                        "train inpainter", progress, o.evalEvery(), i -> {
                            double l1 = holeL1(g, check);
                            run.log(i, "heldOutHoleL1", l1);
                            return String.format(Locale.ROOT, "held-out L1 in the hole %.4f (%d faces)", l1, check.n());
                        }, log);
                JsonObject heldOutScores = new JsonObject();
                double l1 = holeL1(g, check);
                run.log(o.steps(), "heldOutHoleL1", l1);
                heldOutScores.addProperty("holeL1", l1);
                heldOutScores.addProperty("faces", check.n());
                heldOutScores.addProperty("note", "mean |completed - unmasked| inside the hole, values in [-1, 1], "
                        + "held-out faces with masks seeded by the recipe's seed");
                ImageLoader.save(grid(g, check), run.dir().resolve("before-after.png"));
                run.plot("loss.png", "inpainter: training losses (smoothed)", "l1", "adversarial", "critic");
                run.plot("heldout-hole-l1.png", "inpainter: held-out L1 inside the hole", "heldOutHoleL1");
                JsonObject details = new JsonObject();
                details.addProperty("width", recipe.width());
                details.addProperty("attentionScale", recipe.attentionScale());
                details.addProperty("size", s);
                details.addProperty("input", "masked aligned face [N,3,S,S] (value / 127.5 - 1) and hole map [N,1,S,S] "
                        + "(1 = covered); S = size, the aligned 112 face scaled by box averaging");
                details.addProperty("output", "[coarse, fine] [N,3,S,S] in [-1,1]; keep the visible pixels, "
                        + "take the hole from fine");
                details.add("training", run.record());
                details.add("heldOut", heldOutScores);
                Path weights = run.dir().resolve("inpainter.json");
                WeightsFile.save(generator, ModelCard.INPAINTER, details, weights);
                run.finish(heldOutScores);
                return new Result(weights, heldOutScores);
            }
        }
    }

    private static DefaultTrainingConfig config(float lr, int warmup) {
        return new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(StepLoop.ganAdam(lr, warmup));
    }

    private static Map<String, Double> step(Batch b, NDManager m, Trainer g, Trainer dg, Trainer dl, int window,
                                            InpainterRecipe.Optim o) {
        NDArray masked = m.create(b.masked(), b.image());
        NDArray hole = m.create(b.hole(), b.map());
        NDArray clean = m.create(b.clean(), b.image());
        int[][] corners = HoleWindow.corners(hole, window);
        NDArray cleanWindow = HoleWindow.crop(clean, corners, window);

        // critics: unmasked faces real, completed faces (generator held fixed) fake
        double criticLoss;
        NDArray completedFixed;
        completedFixed = InpaintingGenerator.complete(masked, hole, g.evaluate(new NDList(masked, hole)).get(1))
                .stopGradient();
        // the generator's last backward also left gradients on the critics (a trainer's step zeroes only
        // its own): clear them, or the critics would learn from a stale mix
        StepLoop.clearGradients(dg);
        StepLoop.clearGradients(dl);
        try (GradientCollector gc = dg.newGradientCollector()) {
            NDArray lossG = AdversarialLoss.critic(dg.forward(new NDList(clean)).singletonOrThrow(),
                    dg.forward(new NDList(completedFixed)).singletonOrThrow());
            NDArray lossL = AdversarialLoss.critic(dl.forward(new NDList(cleanWindow)).singletonOrThrow(),
                    dl.forward(new NDList(HoleWindow.crop(completedFixed, corners, window))).singletonOrThrow());
            NDArray loss = lossG.add(lossL);
            gc.backward(loss);
            criticLoss = loss.getFloat();
        }
        StepLoop.update(dg, dl);

        // generator: L1 to the unmasked face, and fool both critics
        double l1;
        double adversarial;
        try (GradientCollector gc = g.newGradientCollector()) {
            NDList out = g.forward(new NDList(masked, hole));
            NDArray l1Loss = out.get(0).sub(clean).abs().mean().add(out.get(1).sub(clean).abs().mean());
            NDArray completed = InpaintingGenerator.complete(masked, hole, out.get(1));
            NDArray adv = AdversarialLoss.generator(dg.forward(new NDList(completed)).singletonOrThrow())
                    .add(AdversarialLoss.generator(dl.forward(new NDList(HoleWindow.crop(completed, corners, window)))
                            .singletonOrThrow()));
            gc.backward(Scalars.mul(l1Loss, o.l1Weight()).add(Scalars.mul(adv, o.adversarialWeight())));
            l1 = l1Loss.getFloat();
            adversarial = adv.getFloat();
        }
        StepLoop.update(g);
        Map<String, Double> losses = new LinkedHashMap<>();
        losses.put("l1", l1);
        losses.put("adversarial", adversarial);
        losses.put("critic", criticLoss);
        return losses;
    }

    /** Mean |completed − unmasked| inside the holes of {@code b}. */
    static double holeL1(Trainer g, Batch b) {
        try (NDManager m = g.getManager().newSubManager()) {
            NDArray masked = m.create(b.masked(), b.image());
            NDArray hole = m.create(b.hole(), b.map());
            NDArray clean = m.create(b.clean(), b.image());
            NDArray fine = g.evaluate(new NDList(masked, hole)).get(1);
            NDArray diff = fine.sub(clean).abs().mul(hole);
            return diff.sum().getFloat() / Math.max(1f, 3 * hole.sum().getFloat());
        }
    }

    /** Rows of (masked, completed, unmasked) for the faces of {@code b}. */
    static RgbImage grid(Trainer g, Batch b) {
        List<RgbImage> cells = new ArrayList<>();
        try (NDManager m = g.getManager().newSubManager()) {
            NDArray masked = m.create(b.masked(), b.image());
            NDArray hole = m.create(b.hole(), b.map());
            NDArray completed = InpaintingGenerator.complete(masked, hole, g.evaluate(new NDList(masked, hole)).get(1));
            float[] done = completed.toFloatArray();
            int plane = 3 * b.size() * b.size();
            for (int i = 0; i < b.n(); i++) {
                cells.add(NetInput.readSigned(b.masked(), i * plane, b.size(), b.size()));
                cells.add(NetInput.readSigned(done, i * plane, b.size(), b.size()));
                cells.add(NetInput.readSigned(b.clean(), i * plane, b.size(), b.size()));
            }
        }
        return ImageSheet.grid(cells, 6, 2);
    }

    /** The batch of a training step: its own generator, so the data do not depend on timing. */
    static Batch makeBatch(InpainterRecipe recipe, FaceCropSet set, int step) {
        return batch(recipe, set, recipe.optim().batch(), new Random(recipe.seed() * 7_919L + step), false);
    }

    /** {@code n} faces with synthetic masks: random faces, or the first {@code n} in order. */
    static Batch batch(InpainterRecipe recipe, FaceCropSet set, int n, Random r, boolean inOrder) {
        int s = recipe.size();
        float[] masked = new float[n * 3 * s * s];
        float[] hole = new float[n * s * s];
        float[] clean = new float[n * 3 * s * s];
        List<FaceCropSet.Crop> crops = set.crops();
        for (int k = 0; k < n; k++) {
            FaceCropSet.Crop crop = inOrder ? crops.get(k % crops.size()) : crops.get(r.nextInt(crops.size()));
            MaskCategory c = MaskCategory.CONCRETE.get(r.nextInt(MaskCategory.CONCRETE.size()));
            MaskedFaceSamples.Sample sample = MaskedFaceSamples.make(crop, c, r.nextLong(), Augment.NONE);
            int w = crop.image().width();
            NetInput.writeSigned(sample.image().resize(s, s), masked, k * 3 * s * s);
            NetInput.writeSigned(crop.image().resize(s, s), clean, k * 3 * s * s);
            System.arraycopy(FaceCompleter.hole(sample.covered(), w, s), 0, hole, k * s * s, s * s);
        }
        return new Batch(masked, hole, clean, n, s);
    }
}
