package org.maskface.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.maskface.eval.OcclusionBenchmark;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;
import org.maskface.nn.WeightsFile;
import org.maskface.train.FaceCropSet;
import org.maskface.train.LfwFaces;
import org.maskface.train.Recipe;
import org.maskface.train.TeacherTargets;
import org.maskface.train.TrainingRun;
import org.maskface.train.deocc.DistillRecipe;
import org.maskface.train.deocc.DistillTrainer;
import org.maskface.train.deocc.InpainterRecipe;
import org.maskface.train.deocc.InpainterTrainer;
import org.maskface.train.g2d.G2dRecipe;
import org.maskface.train.g2d.G2dTrainer;
import org.maskface.train.meer.MeerRecipe;
import org.maskface.train.meer.MeerTrainer;
import org.maskface.train.landmark.LandmarkRecipe;
import org.maskface.train.landmark.LandmarkTrainer;
import org.maskface.train.occlusion.OcclusionRecipe;
import org.maskface.train.occlusion.OcclusionTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model from a recipe file.",
        subcommands = {TrainCommand.Occlusion.class, TrainCommand.Landmarks.class, TrainCommand.Inpainter.class,
            TrainCommand.Deocc.class, TrainCommand.G2d.class, TrainCommand.Meer.class,
            CommandLine.HelpCommand.class})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.BAD_INPUT;
    }

    /**
     * What every recipe command shares: read the recipe, align its LFW faces (cached), start the
     * run record, train, optionally install the weights in the models folder.
     */
    abstract static class RecipeCommand<R extends Recipe<R>> implements Callable<Integer> {

        /** Reads one kind of recipe file. */
        interface Loader<R> {
            R load(Path file) throws java.io.IOException;
        }

        private final Path defaultRecipe;
        private final ModelCard card;
        private final Loader<R> loader;

        RecipeCommand(String defaultRecipe, ModelCard card, Loader<R> loader) {
            this.defaultRecipe = Path.of(defaultRecipe);
            this.card = card;
            this.loader = loader;
        }

        @Option(names = {"--config", "--recipe"}, description = "Recipe file (default: the one in recipes/ named after the model).")
        Path recipe;

        @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint (same recipe).")
        boolean resume;

        @Option(names = "--out", required = true, description = "Run folder (created).")
        Path out;

        @Option(names = "--pause-after", paramLabel = "STEP", description = {"Stop after this step with a checkpoint "
                + "(resumable runs; continue later with --resume)."})
        Integer pauseAfter;

        @Option(names = "--steps", description = "Override the recipe's step count (quick trials).")
        Integer steps;

        @Option(names = "--threads", description = "PyTorch threads for training (default: cores).")
        Integer threads;

        @Option(names = "--workers", description = "Parallel workers preparing the aligned faces (default: cores).")
        Integer workers;

        @Option(names = "--cache", defaultValue = "target/cache", description = "Where aligned faces are cached (default: ${DEFAULT-VALUE}).")
        Path cache;

        @Option(names = "--install", description = "Also copy the weights to the models folder (replacing the shipped ones).")
        boolean install;

        @Spec
        CommandSpec spec;

        int preparationWorkers() {
            return workers != null ? workers : Runtime.cores();
        }

        /** Whether this kind of run writes checkpoints it can be resumed from. */
        boolean resumable() {
            return false;
        }

        /** Trains and returns the weights file; prints its held-out summary. */
        abstract Path train(R recipe, FaceCropSet trainSet, FaceCropSet heldOut, ModelHub hub, TrainingRun run,
                            PrintWriter log) throws Exception;

        @Override
        public Integer call() throws Exception {
            Path recipeFile = this.recipe != null ? this.recipe : defaultRecipe;
            if (!Files.isRegularFile(recipeFile)) {
                throw new CommandLine.ParameterException(spec.commandLine(), recipeFile + ": recipe not found");
            }
            R r = loader.load(recipeFile);
            if ((resume || pauseAfter != null) && !resumable()) {
                throw new CommandLine.ParameterException(spec.commandLine(), spec.name() + " runs write no checkpoints");
            }
            if (pauseAfter != null && pauseAfter < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--pause-after must be positive");
            }
            if (steps != null) {
                if (steps < 1) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--steps must be positive");
                }
                r = r.withSteps(steps, Math.max(1, Math.min(r.checkEvery(), steps)));
            }
            Path root = Path.of(r.data().lfw());
            Path pairs = Path.of(r.data().pairs());
            int cores = Runtime.cores();
            int prepWorkers = preparationWorkers();
            PrintWriter log = spec.commandLine().getOut();
            String command = "./maskface train " + spec.name() + " --config " + recipeFile + " --out " + out
                    + (steps != null ? " --steps " + steps : "") + (resume ? " --resume" : "")
                    + (pauseAfter != null ? " --pause-after " + pauseAfter : "");
            Runtime.threads(1); // one per data-preparation worker; training below takes all cores
            try (ModelHub hub = ModelHub.openDefault()) {
                FaceCropSet trainSet = LfwFaces.crops(root, pairs, r.data().trainFolds(), 0, cache, hub, prepWorkers, true);
                FaceCropSet heldOut = LfwFaces.crops(root, pairs, r.data().heldOutFolds(), r.data().heldOutImages(),
                        cache, hub, prepWorkers, true);
                log.printf("%d training faces (folds %s), %d held-out faces (folds %s)%n", trainSet.size(),
                        r.data().trainFolds(), heldOut.size(), r.data().heldOutFolds());
                Runtime.threadsForThisThread(threads != null ? threads : cores);
                Path weights;
                try (TrainingRun run = resume ? resumed(r, command) : TrainingRun.start(out, r.name(), r.toJson(), r.seed(), command)) {
                    if (pauseAfter != null) {
                        run.pauseAfter(pauseAfter);
                    }
                    weights = train(r, trainSet, heldOut, hub, run, log);
                } catch (TrainingRun.Paused p) {
                    log.println("paused after step " + p.step() + " (checkpoint in " + out.resolve("checkpoint")
                            + "); continue with the same command and --resume instead of --pause-after");
                    return ExitCode.OK;
                }
                log.println("wrote " + weights + " (+ .bin), run.json, metrics.json and curves in " + out);
                if (install) {
                    Path target = ModelHub.defaultModelsDir().resolve(card.manifest());
                    Files.createDirectories(target.getParent());
                    Files.copy(weights, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.copy(WeightsFile.binFor(weights), WeightsFile.binFor(target), StandardCopyOption.REPLACE_EXISTING);
                    log.println("installed as " + target);
                }
            }
            return ExitCode.OK;
        }

        private TrainingRun resumed(R r, String command) throws java.io.IOException {
            TrainingRun run = TrainingRun.resume(out, command);
            if (!run.record().get("config").equals(r.toJson())) {
                run.close();
                throw new CommandLine.ParameterException(spec.commandLine(), out + " was started with another recipe "
                        + "(see its run.json); resume with the same --config and --steps");
            }
            return run;
        }
    }

    @Command(name = "occlusion", mixinStandardHelpOptions = true, description = {
        "Train the occlusion-map U-Net on synthetic masks over aligned LFW faces (recipe's train folds),",
        "measure IoU on held-out folds. Writes run.json, metrics.jsonl/json, loss and IoU PNGs and",
        "occlusion-unet.json/.bin into --out."})
    static final class Occlusion extends RecipeCommand<OcclusionRecipe> {

        Occlusion() {
            super("recipes/occlusion-unet.json", ModelCard.OCCLUSION_UNET, OcclusionRecipe::load);
        }

        @Override
        Path train(OcclusionRecipe recipe, FaceCropSet trainSet, FaceCropSet heldOut, ModelHub hub, TrainingRun run,
                   PrintWriter log) throws Exception {
            OcclusionTrainer.Result result = OcclusionTrainer.train(recipe, trainSet, heldOut, run, true, log::println);
            log.println("held-out: " + OcclusionBenchmark.summary(result.heldOut()));
            return result.weights();
        }
    }

    @Command(name = "landmarks", mixinStandardHelpOptions = true, description = {
        "Finetune the 68-point landmark net into the masked-face refiner: aligned LFW faces (recipe's",
        "train folds) with synthetic masks and jitter, targets = the clean landmarks. Measures the",
        "held-out eye-centre error before and after. Writes run.json, metrics, curves and",
        "landmark-refiner.json/.bin into --out."})
    static final class Landmarks extends RecipeCommand<LandmarkRecipe> {

        Landmarks() {
            super("recipes/landmark-refiner.json", ModelCard.LANDMARK_REFINER, LandmarkRecipe::load);
        }

        @Override
        Path train(LandmarkRecipe recipe, FaceCropSet trainSet, FaceCropSet heldOut, ModelHub hub, TrainingRun run,
                   PrintWriter log) throws Exception {
            LandmarkTrainer.Result result = LandmarkTrainer.train(recipe, trainSet, heldOut, hub, run, true, log::println);
            log.printf(java.util.Locale.ROOT, "held-out eye-centre error: %.3f px before, %.3f px after%n",
                    result.before().get("eyeCentreErrorMean").getAsDouble(),
                    result.heldOut().get("eyeCentreErrorMean").getAsDouble());
            return result.weights();
        }
    }

    @Command(name = "inpainter", mixinStandardHelpOptions = true, description = {
        "Train the de-occlusion inpainter (coarse-to-fine generator with contextual attention, global and local",
        "critics) on aligned LFW faces of the recipe's train folds with fresh synthetic masks; held-out L1 in the",
        "hole on the held-out folds. Writes run.json, metrics, loss curves, before-after.png and",
        "inpainter.json/.bin into --out."})
    static final class Inpainter extends RecipeCommand<InpainterRecipe> {

        Inpainter() {
            super("recipes/inpainter.json", ModelCard.INPAINTER, InpainterRecipe::load);
        }

        @Override
        Path train(InpainterRecipe recipe, FaceCropSet trainSet, FaceCropSet heldOut, ModelHub hub, TrainingRun run,
                   PrintWriter log) throws Exception {
            InpainterTrainer.Result result = InpainterTrainer.train(recipe, trainSet, heldOut, run, true, log::println);
            log.printf(java.util.Locale.ROOT, "held-out L1 in the hole: %.4f%n", result.heldOut().get("holeL1").getAsDouble());
            return result.weights();
        }
    }

    @Command(name = "deocc", mixinStandardHelpOptions = true, description = {
        "Train the de-occlusion distillation student: a dlib ResNet started from the teacher learns on masked LFW",
        "faces (recipe's train folds) completed by the shipped inpainter, by cross-entropy plus instance, pair-wise",
        "and triplet-wise distillation from the frozen teacher on the unmasked faces. Checkpoints every",
        "checkpointEvery steps (--resume continues). Writes run.json, metrics, curves, before-after.png and",
        "deocc-student.json/.bin into --out."})
    static final class Deocc extends RecipeCommand<DistillRecipe> {

        Deocc() {
            super("recipes/deocc.json", ModelCard.DEOCC_STUDENT, DistillRecipe::load);
        }

        @Override
        boolean resumable() {
            return true;
        }

        @Override
        Path train(DistillRecipe recipe, FaceCropSet trainSet, FaceCropSet heldOut, ModelHub hub, TrainingRun run,
                   PrintWriter log) throws Exception {
            TeacherTargets targets = TeacherTargets.cached(cache, java.util.List.of(trainSet, heldOut), hub,
                    preparationWorkers(), true);
            DistillTrainer.Result result = DistillTrainer.train(recipe, trainSet, heldOut, targets, hub, run, true,
                    log::println);
            log.printf(java.util.Locale.ROOT, "held-out cosine to the teacher: %.4f at the start, %.4f after%n",
                    result.metrics().get("heldOutTeacherCosineStart").getAsDouble(),
                    result.metrics().get("heldOutTeacherCosine").getAsDouble());
            return result.weights();
        }
    }

    @Command(name = "g2d", mixinStandardHelpOptions = true, description = {
        "Train G2D greedily, stage by stage: the generative encoder (from the shipped inpainter) by pixel",
        "reconstruction of the unmasked face; the reformer by relation-based distillation from the frozen teacher;",
        "the FC + softmax classifier on the training identities; optionally everything together. Masked LFW faces of",
        "the recipe's train folds. Checkpoints every checkpointEvery steps (--resume continues, in whichever stage).",
        "Writes run.json, metrics, per-stage loss curves, before-after.png, g2d.json/.bin and",
        "after-reformer/g2d.json (the backbone before the classifier stages) into --out."})
    static final class G2d extends RecipeCommand<G2dRecipe> {

        G2d() {
            super("recipes/g2d.json", ModelCard.G2D, G2dRecipe::load);
        }

        @Override
        boolean resumable() {
            return true;
        }

        @Override
        Path train(G2dRecipe recipe, FaceCropSet trainSet, FaceCropSet heldOut, ModelHub hub, TrainingRun run,
                   PrintWriter log) throws Exception {
            TeacherTargets targets = TeacherTargets.cached(cache, java.util.List.of(trainSet, heldOut), hub,
                    preparationWorkers(), true);
            G2dTrainer.Result result = G2dTrainer.train(recipe, trainSet, heldOut, targets, hub, run, true,
                    log::println);
            log.printf(java.util.Locale.ROOT, "held-out cosine to the teacher: %.4f%n",
                    result.metrics().get("heldOutTeacherCosine").getAsDouble());
            return result.weights();
        }
    }
    @Command(name = "meer", mixinStandardHelpOptions = true, description = {
        "Train MEER jointly on masked LFW faces of the recipe's train folds: a dlib ResNet started from the teacher",
        "(early layers frozen) with a mask decoupling head (predicted occlusion map gating the features; BCE + Dice",
        "against the synthetic map) and an unmasked-face decoder (L1 + global/local patch critics + id-preserving loss",
        "through the frozen teacher); recognition by cross-entropy plus the teacher relation terms. Loss weights in",
        "the recipe. Checkpoints every checkpointEvery steps (--resume continues). Writes run.json, metrics, loss",
        "curves, before-after.png (masked, restored, unmasked) and meer.json/.bin into --out."})
    static final class Meer extends RecipeCommand<MeerRecipe> {

        Meer() {
            super("recipes/meer.json", ModelCard.MEER, MeerRecipe::load);
        }

        @Override
        boolean resumable() {
            return true;
        }

        @Override
        Path train(MeerRecipe recipe, FaceCropSet trainSet, FaceCropSet heldOut, ModelHub hub, TrainingRun run,
                   PrintWriter log) throws Exception {
            TeacherTargets targets = TeacherTargets.cached(cache, java.util.List.of(trainSet, heldOut), hub,
                    preparationWorkers(), true);
            MeerTrainer.Result result = MeerTrainer.train(recipe, trainSet, heldOut, targets, hub, run, true,
                    log::println);
            log.printf(java.util.Locale.ROOT, "held-out cosine to the teacher: %.4f%n",
                    result.metrics().get("heldOutTeacherCosine").getAsDouble());
            return result.weights();
        }
    }
}
