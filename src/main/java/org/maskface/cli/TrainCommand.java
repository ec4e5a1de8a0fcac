package org.maskface.cli;

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
import org.maskface.train.TrainingRun;
import org.maskface.train.occlusion.OcclusionRecipe;
import org.maskface.train.occlusion.OcclusionTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model from a recipe file.",
        subcommands = {TrainCommand.Occlusion.class, CommandLine.HelpCommand.class})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.BAD_INPUT;
    }

    @Command(name = "occlusion", mixinStandardHelpOptions = true, description = {
        "Train the occlusion-map U-Net on synthetic masks over aligned LFW faces (recipe's train folds),",
        "measure IoU on held-out folds. Writes run.json, metrics.csv/json, loss and IoU PNGs and",
        "occlusion-unet.json/.bin into --out."})
    static final class Occlusion implements Callable<Integer> {

        @Option(names = "--recipe", defaultValue = "recipes/occlusion-unet.json", description = "Recipe file (default: ${DEFAULT-VALUE}).")
        Path recipeFile;

        @Option(names = "--out", required = true, description = "Run folder (created).")
        Path out;

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

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(recipeFile)) {
                throw new CommandLine.ParameterException(spec.commandLine(), recipeFile + ": recipe not found");
            }
            OcclusionRecipe recipe = OcclusionRecipe.load(recipeFile);
            if (steps != null) {
                if (steps < 1) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--steps must be positive");
                }
                recipe = recipe.withSteps(steps, Math.max(1, Math.min(recipe.optim().evalEvery(), steps)));
            }
            Path root = Path.of(recipe.data().lfw());
            Path pairs = Path.of(recipe.data().pairs());
            int cores = Runtime.cores();
            int prepWorkers = workers != null ? workers : cores;
            var log = spec.commandLine().getOut();
            String command = "./maskface train occlusion --recipe " + recipeFile + " --out " + out
                    + (steps != null ? " --steps " + steps : "");
            FaceCropSet trainSet;
            FaceCropSet heldOut;
            Runtime.threads(1); // one per data-preparation worker; training below takes all cores
            try (ModelHub hub = ModelHub.openDefault()) {
                trainSet = LfwFaces.crops(root, pairs, recipe.data().trainFolds(), 0, cache, hub, prepWorkers, true);
                heldOut = LfwFaces.crops(root, pairs, recipe.data().heldOutFolds(), recipe.data().heldOutImages(),
                        cache, hub, prepWorkers, true);
            }
            log.printf("%d training faces (folds %s), %d held-out faces (folds %s)%n", trainSet.size(),
                    recipe.data().trainFolds(), heldOut.size(), recipe.data().heldOutFolds());
            Runtime.threadsForThisThread(threads != null ? threads : cores);
            OcclusionTrainer.Result result;
            try (TrainingRun run = TrainingRun.start(out, recipe.name(), recipe.toJson(), recipe.seed(), command)) {
                result = OcclusionTrainer.train(recipe, trainSet, heldOut, run, true, log::println);
            }
            log.println("held-out: " + OcclusionBenchmark.summary(result.heldOut()));
            log.println("wrote " + result.weights() + " (+ .bin), run.json, metrics.json, loss.png in " + out);
            if (install) {
                Path target = ModelHub.defaultModelsDir().resolve(ModelCard.OCCLUSION_UNET.manifest());
                Files.createDirectories(target.getParent());
                Files.copy(result.weights(), target, StandardCopyOption.REPLACE_EXISTING);
                Files.copy(WeightsFile.binFor(result.weights()), WeightsFile.binFor(target), StandardCopyOption.REPLACE_EXISTING);
                log.println("installed as " + target);
            }
            return ExitCode.OK;
        }
    }
}
