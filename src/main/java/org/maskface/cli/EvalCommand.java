package org.maskface.cli;

import org.maskface.api.FaceJson;
import java.nio.file.Files;
import java.nio.file.Path;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.maskface.eval.DetectionSurvey;
import org.maskface.eval.LfwBenchmark;
import org.maskface.eval.VerificationReport;
import org.maskface.mask.MaskCategory;
import org.maskface.face.FacePipeline;
import org.maskface.model.ModelHub;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true, description = "Run evaluation protocols.",
        subcommands = {EvalCommand.Lfw.class, EvalCommand.Detection.class, EvalCommand.Table.class, EvalCommand.Identify.class,
            EvalCommand.Occlusion.class, EvalCommand.FrontEnd.class, EvalCommand.Aligned.class,
            CommandLine.HelpCommand.class})
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.BAD_INPUT;
    }

    @Command(name = "aligned", mixinStandardHelpOptions = true, description = {
        "LFW verification on the aligned crops of the clean photos with synthetic masks drawn on the crop: the front",
        "end held fixed, for comparing recognizers of one family (e.g. ablation students) in minutes. Needs a",
        "method that embeds crops (deocc). Writes <out>/lfw-aligned-<variant>-<label>.json; not comparable with",
        "eval lfw, which masks the photo and runs the whole pipeline."})
    static final class Aligned implements Callable<Integer> {

        @Option(names = "--root", required = true, description = "Folder holding Name/Name_0001.jpg.")
        Path root;

        @Option(names = "--pairs", required = true, description = "The official pairs.txt.")
        Path pairs;

        @Mixin
        MethodOption method;

        @Mixin
        WeightsOption weights;

        @Option(names = "--label", description = "Name of the recognizer in the report (default: the method).")
        String label;

        @Option(names = "--folds", defaultValue = "6-10", description = "Fold range (default: ${DEFAULT-VALUE}).")
        String folds;

        @Option(names = "--mask", defaultValue = "probe", split = ",", description = "probe and/or both (default: ${DEFAULT-VALUE}).")
        List<String> mask;

        @Option(names = "--seed", defaultValue = "1", description = "Mask seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--cache", defaultValue = "target/cache", description = "Aligned-face cache (default: ${DEFAULT-VALUE}).")
        Path cache;

        @Mixin
        BatchOptions batch;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            org.maskface.train.LfwFaces.parseFolds(folds); // a bad range fails here, before any model loads
            for (String m : mask) {
                if (!m.equals("probe") && !m.equals("both")) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--mask takes probe and/or both, got " + m);
                }
            }
            String name = label != null ? label : method.name;
            String command = "./maskface eval aligned --root " + root + " --pairs " + pairs + " --method " + method.name
                    + weights.argument() + (label != null ? " --label " + label : "")
                    + " --folds " + folds + " --mask " + String.join(",", mask) + " --seed " + seed;
            var w = spec.commandLine().getOut();
            Runtime.threads(1);
            try (ModelHub hub = ModelHub.openDefault()) {
                weights.applyTo(hub);
                var crops = org.maskface.train.LfwFaces.crops(root, pairs, folds, 0, cache, hub, batch.workers(), true);
                var selected = org.maskface.train.LfwFaces.pairs(root, pairs, folds);
                Runtime.threadsForThisThread(Runtime.cores()); // one embedder below takes all cores
                try (var embedder = org.maskface.face.embed.Methods.open(method.name, hub)) {
                    if (!(embedder instanceof org.maskface.face.embed.CropEmbedder crop)) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "method " + method.name
                                + " cannot embed aligned crops on their own (it renders its input from the photo)");
                    }
                    Files.createDirectories(batch.out);
                    for (String m : mask) {
                        VerificationReport report = org.maskface.eval.AlignedLfw.run(crops, selected, crop, name, seed,
                                m.equals("both"), command);
                        Path json = batch.out.resolve(report.fileName());
                        report.writeJson(json);
                        var r = report.result();
                        w.printf(Locale.ROOT, "LFW aligned crops, folds %s, masked-%s, %s: accuracy %.2f%% ± %.2f "
                                        + "(%d pairs); TAR@FAR=1e-3 %.4f; wrote %s%n", folds, m, name,
                                100 * r.meanAccuracy(), 100 * r.stdAccuracy(), r.pairs(),
                                r.tarAtFar().get(1e-3).tar(), json);
                    }
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "lfw", mixinStandardHelpOptions = true, description = {
        "LFW verification, 10-fold protocol: per fold, the threshold maximising accuracy on the other folds.",
        "Writes <out>/<benchmark>-<variant>-<method>.json and a ROC curve PNG beside it."})
    static final class Lfw implements Callable<Integer> {

        @Option(names = "--root", required = true, description = "Folder holding Name/Name_0001.jpg.")
        Path root;

        @Option(names = "--pairs", required = true, description = "The official pairs.txt.")
        Path pairs;

        @Mixin
        MethodOption method;

        @Option(names = "--folds", defaultValue = "1-10", split = ",",
                description = "Fold ranges, e.g. 6-10 or 1-10,6-10 (default: ${DEFAULT-VALUE}).")
        List<String> folds;

        @Option(names = "--mask", defaultValue = "none", split = ",",
                description = "none, probe (second image of each pair masked) and/or both, e.g. probe,both (default: ${DEFAULT-VALUE}).")
        List<String> mask;

        @Option(names = "--category", defaultValue = "mixed", split = ",", converter = MaskCommand.CategoryConverter.class,
                description = "Mask categories: simple, complex, body, hybrid and/or mixed (default: ${DEFAULT-VALUE}).")
        List<MaskCategory> category;

        @Option(names = "--seed", defaultValue = "1", description = "Mask seed; per image it is combined with the file name (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--no-fallback", description = "Count images without a detected face as failures "
                + "instead of taking the whole (pre-cropped) image as the face.")
        boolean noFallback;

        @Mixin
        WeightsOption weights;

        @Mixin
        BatchOptions batch;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<int[]> ranges = new ArrayList<>();
            for (String f : folds) {
                ranges.add(parseRange(f));
            }
            List<LfwBenchmark.MaskMode> modes = new ArrayList<>();
            List<MaskCategory> categories = List.copyOf(category);
            try {
                for (String m : mask) {
                    modes.add(LfwBenchmark.MaskMode.valueOf(m.trim().toUpperCase(Locale.ROOT)));
                }
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            boolean anyMasked = modes.stream().anyMatch(m -> m != LfwBenchmark.MaskMode.NONE);
            String commandLine = "./maskface eval lfw --root " + root + " --pairs " + pairs + " --method " + method.name
                    + " --folds " + String.join(",", folds) + " --mask " + String.join(",", mask)
                    + (anyMasked ? " --category " + cliNames(category) + " --seed " + seed : "")
                    + (noFallback ? " --no-fallback" : "") + weights.argument()
                    + batch.frontEndArgument();
            var config = new LfwBenchmark.Config(root, pairs, method.name, batch.workers(), !noFallback, seed,
                    ranges, modes, categories, batch.frontEnd());
            List<LfwBenchmark.Outcome> outcomes;
            try (ModelHub hub = ModelHub.openDefault()) {
                weights.applyTo(hub);
                outcomes = LfwBenchmark.run(config, hub, commandLine, true);
            }
            Files.createDirectories(batch.out);
            var w = spec.commandLine().getOut();
            for (LfwBenchmark.Outcome outcome : outcomes) {
                VerificationReport report = outcome.report();
                Path json = batch.out.resolve(report.fileName());
                report.writeJson(json);
                Path png = batch.out.resolve(report.fileName().replace(".json", "-roc.png"));
                report.writeRocPng(png, true);
                var r = report.result();
                var v = outcome.variant();
                w.printf(Locale.ROOT, "LFW folds %d-%d, %s, method %s: accuracy %.2f%% ± %.2f (%d pairs, %d failed)%n",
                        v.firstFold(), v.lastFold(), v.name(), method.name, 100 * r.meanAccuracy(),
                        100 * r.stdAccuracy(), r.pairs(), report.toJsonObject().get("failures").getAsInt());
                w.printf(Locale.ROOT, "  best threshold on all pairs %.4f; TAR@FAR=1e-3 %.4f, 1e-2 %.4f; AUC %.5f%n",
                        r.overall().threshold(), r.tarAtFar().get(1e-3).tar(), r.tarAtFar().get(1e-2).tar(), r.auc());
                w.printf("  faces: %s%n  wrote %s and %s%n", outcome.sources(), json, png);
            }
            w.printf("wrote %s%n", Table.write(batch.out));
            return ExitCode.OK;
        }

        private int[] parseRange(String f) {
            String[] range = f.split("-");
            try {
                int first = Integer.parseInt(range[0].trim());
                int last = Integer.parseInt(range[range.length - 1].trim());
                if (range.length == 2 && first >= 1 && last <= 10 && first < last) {
                    return new int[] {first, last};
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--folds takes ranges of at least 2 folds within 1-10 (cross-validation), e.g. 6-10; got " + f);
        }
    }

    @Command(name = "detection", mixinStandardHelpOptions = true, description = {
        "Detector hit rate on a folder of photos that each show one face (searched recursively):",
        "found directly, found after the padded retry, not found. Writes a JSON report."})
    static final class Detection implements Callable<Integer> {

        @Option(names = "--dir", required = true, description = "Folder of .jpg/.jpeg/.png images.")
        Path dir;

        @Option(names = "--name", required = true, description = "Data set name used in the report file name.")
        String name;

        @Mixin
        BatchOptions batch;


        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(dir)) {
                throw new CommandLine.ParameterException(spec.commandLine(), dir + ": not a directory");
            }
            List<Path> images = org.maskface.image.ImageFiles.photosUnder(dir);
            int n = batch.workers();
            String gitCommit = VerificationReport.detectGitCommit(Path.of("."));
            JsonObject summary;
            try (ModelHub hub = ModelHub.openDefault()) {
                summary = DetectionSurvey.summary(DetectionSurvey.run(images, hub, n, batch.frontEnd()));
            }
            summary.addProperty("dataset", name);
            summary.addProperty("detector", org.maskface.model.ModelCard.FACE_DETECTOR.tag());
            summary.addProperty("frontEnd", batch.frontEnd().describe());
            summary.addProperty("command", "./maskface eval detection --dir " + dir + " --name " + name
                    + batch.frontEndArgument());
            summary.addProperty("gitCommit", gitCommit);
            summary.addProperty("machine", VerificationReport.describeMachine());
            Files.createDirectories(batch.out);
            Path file = batch.out.resolve("detection-" + name + ".json");
            Files.writeString(file, FaceJson.pretty(summary) + "\n");
            spec.commandLine().getOut().println(FaceJson.pretty(summary));
            spec.commandLine().getOut().println("wrote " + file);
            return ExitCode.OK;
        }
    }

    @Command(name = "table", mixinStandardHelpOptions = true, description = "Regenerate <dir>/README.md: a Markdown table of every verification report in <dir>.")
    static final class Table implements Callable<Integer> {

        @Option(names = "--dir", defaultValue = "docs/results", description = "Report folder (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Spec
        CommandSpec spec;

        static Path write(Path dir) throws java.io.IOException {
            Path file = dir.resolve("README.md");
            Files.writeString(file, "# Verification results\n\nOne row per JSON report in this folder (regenerated by `./maskface eval "
                    + "table`, and after every `eval lfw`). Each JSON holds the command, seed, git commit and machine.\n\n"
                    + org.maskface.eval.ResultsTable.markdown(dir));
            return file;
        }

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().println("wrote " + write(dir));
            return ExitCode.OK;
        }
    }

    @Command(name = "identify", mixinStandardHelpOptions = true, description = {
        "Closed-set identification on a folder-per-identity set: the first N images of each identity",
        "(by name) form the gallery, the rest are probes; rank-1 and rank-5. Writes a JSON report."})
    static final class Identify implements Callable<Integer> {

        @Option(names = "--dir", required = true, description = "Folder with one sub-folder of images per identity.")
        Path dir;

        @Mixin
        MethodOption method;

        @Option(names = "--gallery-per-identity", defaultValue = "1", description = "Gallery images per identity (default: ${DEFAULT-VALUE}).")
        int galleryPerIdentity;

        @Option(names = "--mask", defaultValue = "none",
                description = "none, or probe: synthetic masks on the probes, gallery unmasked (default: ${DEFAULT-VALUE}).")
        String mask;

        @Option(names = "--category", defaultValue = "mixed", converter = MaskCommand.CategoryConverter.class,
                description = "Mask category: simple, complex, body, hybrid or mixed (default: ${DEFAULT-VALUE}).")
        MaskCategory category;

        @Option(names = "--seed", defaultValue = "1", description = "Mask seed; per image it is combined with the file name (default: ${DEFAULT-VALUE}).")
        long seed;


        @Mixin
        BatchOptions batch;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(dir)) {
                throw new CommandLine.ParameterException(spec.commandLine(), dir + ": not a directory");
            }
            if (galleryPerIdentity < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--gallery-per-identity must be >= 1");
            }
            boolean masked;
            MaskCategory cat;
            try {
                masked = switch (mask.trim().toLowerCase(Locale.ROOT)) {
                    case "none" -> false;
                    case "probe" -> true;
                    default -> throw new IllegalArgumentException("--mask must be none or probe, got " + mask);
                };
                cat = category;
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            int n = batch.workers();
            String command = "./maskface eval identify --dir " + dir + " --method " + method.name
                    + " --gallery-per-identity " + galleryPerIdentity
                    + (masked ? " --mask probe --category " + cat.cliName() + " --seed " + seed : "")
                    + batch.frontEndArgument();
            String variant = !masked ? "clean" : "masked-probe" + (cat == MaskCategory.MIXED ? "" : "-" + cat.cliName());
            var config = new org.maskface.eval.IdentificationBenchmark.Config(dir, method.name, galleryPerIdentity,
                    n, true, variant, masked ? org.maskface.eval.SyntheticMasking.transform(cat, seed)
                    : org.maskface.eval.ImageEmbeddings.ImageTransform.NONE, batch.frontEnd());
            JsonObject report;
            try (ModelHub hub = ModelHub.openDefault()) {
                report = org.maskface.eval.IdentificationBenchmark.run(config, hub, command);
            }
            if (masked) {
                JsonObject m = new JsonObject();
                m.addProperty("mode", "probe");
                m.addProperty("masked", "every probe image; the gallery is unmasked");
                m.addProperty("category", cat.cliName());
                m.addProperty("seed", seed);
                m.addProperty("perImageSeed", "seed * 1000003 + fileName.hashCode()");
                report.add("mask", m);
            }
            Files.createDirectories(batch.out);
            Path file = batch.out.resolve(report.get("benchmark").getAsString() + "-" + report.get("variant").getAsString()
                    + "-" + method.name + ".json");
            Files.writeString(file, FaceJson.pretty(report) + "\n");
            spec.commandLine().getOut().println(FaceJson.pretty(report));
            spec.commandLine().getOut().println("wrote " + file);
            return ExitCode.OK;
        }
    }

    @Command(name = "occlusion", mixinStandardHelpOptions = true, description = {
        "IoU of the shipped occlusion-map estimator on synthetic masks over held-out aligned LFW faces",
        "(the recipe's held-out folds; each face × each category, one fixed-seed mask, no jitter).",
        "Writes <out>/occlusion-lfw-folds<range>-<model>.json."})
    static final class Occlusion implements Callable<Integer> {

        @Option(names = "--recipe", defaultValue = "recipes/occlusion-unet.json",
                description = "Recipe whose data section names the held-out faces (default: ${DEFAULT-VALUE}).")
        Path recipeFile;

        @Option(names = "--images", description = "Held-out faces (default: the recipe's heldOutImages).")
        Integer images;

        @Option(names = "--seed", defaultValue = "1", description = "Mask seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--cache", defaultValue = "target/cache", description = "Aligned-face cache (default: ${DEFAULT-VALUE}).")
        Path cache;

        @Mixin
        BatchOptions batch;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(recipeFile)) {
                throw new CommandLine.ParameterException(spec.commandLine(), recipeFile + ": recipe not found");
            }
            var recipe = org.maskface.train.occlusion.OcclusionRecipe.load(recipeFile);
            int n = images != null ? images : recipe.data().heldOutImages();
            if (n < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--images must be positive");
            }
            String folds = recipe.data().heldOutFolds();
            String gitCommit = VerificationReport.detectGitCommit(Path.of("."));
            int workers = batch.workers();
            JsonObject report = new JsonObject();
            try (ModelHub hub = ModelHub.openDefault()) {
                var faces = org.maskface.train.LfwFaces.crops(Path.of(recipe.data().lfw()), Path.of(recipe.data().pairs()),
                        folds, n, cache, hub, workers, true);
                JsonObject header = org.maskface.nn.WeightsFile.header(
                        hub.modelsDir().resolve(org.maskface.model.ModelCard.OCCLUSION_UNET.manifest()));
                report.addProperty("benchmark", "occlusion-lfw-folds" + folds);
                report.addProperty("model", org.maskface.model.ModelCard.OCCLUSION_UNET.tag());
                report.add("modelTraining", header.getAsJsonObject("details").get("training"));
                try (var estimator = new org.maskface.face.occlusion.OcclusionEstimator(hub)) {
                    report.add("result", org.maskface.eval.OcclusionBenchmark.run(estimator, faces, n, seed));
                }
            }
            report.addProperty("command", "./maskface eval occlusion --recipe " + recipeFile + " --images " + n
                    + " --seed " + seed);
            report.addProperty("gitCommit", gitCommit);
            report.addProperty("machine", VerificationReport.describeMachine());
            Files.createDirectories(batch.out);
            Path file = batch.out.resolve("occlusion-lfw-folds" + folds + "-" + org.maskface.model.ModelCard.OCCLUSION_UNET.id() + ".json");
            Files.writeString(file, FaceJson.pretty(report) + "\n");
            spec.commandLine().getOut().println(org.maskface.eval.OcclusionBenchmark.summary(report.getAsJsonObject("result")));
            spec.commandLine().getOut().println("wrote " + file);
            return ExitCode.OK;
        }
    }

    @Command(name = "frontend", mixinStandardHelpOptions = true, description = {
        "Detector and landmarks under masks. Synthetic: each LFW image of --folds is masked per category",
        "(placed from the clean face, seeded by --seed and the file name); hit = a box with IoU >= 0.5 to the",
        "clean one; landmark and eye-centre errors against the clean landmarks, in pixels of the aligned",
        "112x112 crop; ground truth is the basic front end on the clean photo. Real: hit rate on --real",
        "photos, landmark overlays of the first faces to --overlay. Face-free: photos under --face-free are",
        "cut into tiles at several scales; false detection rate = tiles with a face. Writes <out>/<name>.json."})
    static final class FrontEnd implements Callable<Integer> {

        @Option(names = "--root", required = true, description = "LFW folder holding Name/Name_0001.jpg.")
        Path root;

        @Option(names = "--pairs", required = true, description = "The official pairs.txt.")
        Path pairs;

        @Option(names = "--folds", defaultValue = "1-10", description = "Folds whose images are used (default: ${DEFAULT-VALUE}).")
        String folds;

        @Option(names = "--limit", defaultValue = "0", description = "At most this many images (0: all; default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--category", defaultValue = "simple,complex,body,hybrid", split = ",",
                converter = MaskCommand.CategoryConverter.class, description = "Mask categories (default: ${DEFAULT-VALUE}).")
        List<MaskCategory> category;

        @Option(names = "--seed", defaultValue = "1", description = "Mask seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--real", description = "Folder of real masked photos (one face each), searched recursively.")
        Path real;

        @Option(names = "--overlay", description = "PNG of landmark overlays on the first --overlay-count real faces (needs --real).")
        Path overlay;

        @Option(names = "--overlay-count", defaultValue = "24", description = "Faces in the overlay (default: ${DEFAULT-VALUE}).")
        int overlayCount;

        @Option(names = "--face-free", description = "Folder of photos without faces (searched recursively) for false detections.")
        Path faceFree;

        @Option(names = "--name", defaultValue = "detection-masked", description = "Report name (default: ${DEFAULT-VALUE}).")
        String name;

        @Mixin
        BatchOptions batch;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<MaskCategory> categories = List.copyOf(category);
            int[] range;
            try {
                range = org.maskface.train.LfwFaces.parseFolds(folds);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (overlay != null && real == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--overlay needs --real");
            }
            for (Path dir : new Path[] {real, faceFree}) {
                if (dir != null && !Files.isDirectory(dir)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), dir + ": not a directory");
                }
            }
            List<Path> images = org.maskface.train.LfwFaces.images(root, pairs, range[0] + "-" + range[1]);
            if (limit > 0 && images.size() > limit) {
                images = images.subList(0, limit);
            }
            String gitCommit = VerificationReport.detectGitCommit(Path.of("."));
            int n = batch.workers();
            JsonObject report = new JsonObject();
            FacePipeline.Options frontEnd = batch.frontEnd();
            report.addProperty("frontEnd", frontEnd.describe());
            report.addProperty("detector", org.maskface.model.ModelCard.FACE_DETECTOR.tag());
            report.addProperty("landmarks", org.maskface.model.ModelCard.LANDMARKS_68.tag()
                    + (frontEnd.refinesMasked() ? " + " + org.maskface.model.ModelCard.LANDMARK_REFINER.tag()
                    + " on faces " + org.maskface.model.ModelCard.OCCLUSION_UNET.tag() + " finds covered" : ""));
            try (ModelHub hub = ModelHub.openDefault()) {
                var results = org.maskface.eval.MaskedFrontEndSurvey.run(images, categories, seed, hub, n, frontEnd);
                JsonObject synthetic = org.maskface.eval.MaskedFrontEndSurvey.summary(results, images.size(), categories);
                synthetic.addProperty("data", root + " folds " + folds + (limit > 0 ? ", first " + images.size() + " images" : ""));
                synthetic.addProperty("seed", seed);
                report.add("syntheticMasks", synthetic);
                if (real != null) {
                    List<Path> photos = org.maskface.image.ImageFiles.photosUnder(real);
                    JsonObject r = DetectionSurvey.summary(DetectionSurvey.run(photos, hub, n, frontEnd));
                    r.addProperty("data", real.toString());
                    report.add("realMasked", r);
                    if (overlay != null) {
                        writeOverlay(photos, hub, frontEnd);
                    }
                }
                if (faceFree != null) {
                    List<org.maskface.image.RgbImage> tiles = new ArrayList<>();
                    List<Path> photos = org.maskface.image.ImageFiles.photosUnder(faceFree);
                    JsonArray unreadable = new JsonArray();
                    for (Path p : photos) {
                        try {
                            tiles.addAll(org.maskface.eval.FaceFreePatches.of(org.maskface.image.ImageLoader.load(p)));
                        } catch (org.maskface.image.BadImageException e) {
                            unreadable.add(e.getMessage()); // counted and skipped: the survey's other parts stand
                        }
                    }
                    JsonObject f = DetectionSurvey.faceFree(tiles, hub, n, frontEnd);
                    f.addProperty("photos", photos.size() - unreadable.size());
                    f.add("unreadable", unreadable);
                    f.addProperty("data", faceFree + " (each photo whole at 512 px wide, and cut into 250 px tiles "
                            + "at 500 and 1000 px wide and 150 px tiles at 600 px wide)");
                    report.add("faceFree", f);
                }
            }
            String command = "./maskface eval frontend --root " + root + " --pairs " + pairs + " --folds " + folds
                    + (limit > 0 ? " --limit " + limit : "") + " --category " + cliNames(category)
                    + " --seed " + seed + (real != null ? " --real " + real : "")
                    + (overlay != null ? " --overlay " + overlay : "")
                    + (faceFree != null ? " --face-free " + faceFree : "") + " --name " + name + batch.frontEndArgument();
            report.addProperty("command", command);
            report.addProperty("gitCommit", gitCommit);
            report.addProperty("machine", VerificationReport.describeMachine());
            Files.createDirectories(batch.out);
            Path file = batch.out.resolve(name + ".json");
            Files.writeString(file, FaceJson.pretty(report) + "\n");
            spec.commandLine().getOut().println(FaceJson.pretty(report));
            spec.commandLine().getOut().println("wrote " + file);
            return ExitCode.OK;
        }

        private void writeOverlay(List<Path> photos, ModelHub hub, FacePipeline.Options frontEnd) throws Exception {
            List<org.maskface.image.RgbImage> cells = new ArrayList<>();
            try (var pipeline = new FacePipeline(hub, frontEnd)) {
                for (Path p : photos) {
                    if (cells.size() == overlayCount) {
                        break;
                    }
                    try {
                        var faces = pipeline.faces(org.maskface.image.ImageLoader.load(p));
                        if (!faces.isEmpty()) {
                            var f = faces.get(0);
                            cells.add(org.maskface.face.landmark.LandmarkOverlay.draw(f.aligned().crop(),
                                    org.maskface.mask.MaskSynthesizer.landmarksInCrop(f), 2));
                        }
                    } catch (org.maskface.image.BadImageException e) {
                        // skipped: the report counts unreadable photos
                    }
                }
            }
            if (!cells.isEmpty()) {
                org.maskface.image.ImageLoader.save(org.maskface.image.ImageSheet.grid(cells, 8, 2), overlay);
            }
        }
    }

    /** Categories as the command line names them, e.g. "simple,body". */
    static String cliNames(List<MaskCategory> categories) {
        return String.join(",", categories.stream().map(MaskCategory::cliName).toList());
    }
}
