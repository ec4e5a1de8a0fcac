package org.maskface.cli;

import org.maskface.api.FaceJson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.maskface.bench.PipelineBench;
import org.maskface.bench.PipelineBench.Stat;
import org.maskface.eval.VerificationReport;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelHub;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {GalleryBenchCommand.class}, description = {
    "Per-stage latency of the pipeline (ms/face, median of --runs after --warmup) at 1 and 2 threads,",
    "batch 1 and 16, on the bundled sample faces, with the ratio to face-api in Node on the same images:",
    "read from --faceapi-json (measured on this machine by tools/reference/bench.mjs), or timed afresh",
    "first with --faceapi (pure-JS tfjs needs about 8 s per SSD call: use --faceapi-images to limit)."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--images", defaultValue = "samples/faces", description = "Folder of face images (default: ${DEFAULT-VALUE}).")
    Path images;

    @Option(names = "--runs", defaultValue = "20")
    int runs;

    @Option(names = "--warmup", defaultValue = "3")
    int warmup;

    @Option(names = "--faceapi", description = "Time face-api in Node first (needs `npm ci` in tools/reference).")
    boolean faceapi;

    @Option(names = "--faceapi-images", description = "With --faceapi: time only the first N images in Node.")
    Integer faceapiImages;

    @Option(names = "--faceapi-json", defaultValue = "docs/bench/faceapi-node.json",
            description = "face-api timings to compare with when not timing afresh (default: ${DEFAULT-VALUE}).")
    Path faceapiJson;

    @Option(names = "--out", description = "Write the JSON here (e.g. docs/bench/maskface-bench.json).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var w = spec.commandLine().getOut();
        List<Path> files;
        try (Stream<Path> s = Files.list(images)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList();
        }
        if (files.isEmpty()) {
            spec.commandLine().getErr().println("maskface: no .png images in " + images);
            return ExitCode.BAD_INPUT;
        }
        JsonObject faceApiStages = null;
        String faceApiSource = null;
        if (faceapi) {
            faceApiStages = runFaceApi(w);
            faceApiSource = "timed now by tools/reference/bench.mjs";
        } else if (Files.isRegularFile(faceapiJson)) {
            faceApiStages = JsonParser.parseString(Files.readString(faceapiJson)).getAsJsonObject().getAsJsonObject("stages");
            faceApiSource = faceapiJson.toString();
        }
        List<RgbImage> imgs = new ArrayList<>();
        for (Path p : files) {
            imgs.add(ImageLoader.load(p));
        }
        Runtime.threads(1);
        List<Stat> stats;
        try (ModelHub hub = ModelHub.openDefault()) {
            stats = new PipelineBench(hub, imgs, warmup, runs).run(new int[] {1, 2}, new int[] {1, 16});
        }
        w.printf("maskface pipeline, %d images (%s), ms per face, median (p90) of %d runs after %d warm-up%n",
                imgs.size(), images, runs, warmup);
        w.printf("machine: %s%n", VerificationReport.describeMachine());
        w.printf("%-18s %7s %5s %10s %10s%n", "stage", "threads", "batch", "median", "p90");
        for (Stat s : stats) {
            w.printf(Locale.ROOT, "%-18s %7d %5d %10.2f %10.2f%n", s.stage(), s.threads(), s.batch(), s.medianMs(), s.p90Ms());
        }
        JsonObject result = new JsonObject();
        result.addProperty("command", "./maskface bench" + (faceapi ? " --faceapi" : "") + " --runs " + runs
                + " --warmup " + warmup);
        result.addProperty("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        result.addProperty("machine", VerificationReport.describeMachine());
        result.addProperty("gitCommit", VerificationReport.detectGitCommit(Path.of(".")));
        result.addProperty("images", imgs.size());
        result.add("maskface", PipelineBench.toJson(stats));
        if (faceApiStages != null) {
            JsonObject ratios = new JsonObject();
            String[][] map = {{"detect", "ssdDetection"}, {"landmarks", "landmarks"}, {"embed", "descriptor"}};
            w.println("ratio maskface / face-api (Node, tfjs cpu; " + faceApiSource + "), 1 thread batch 1 and best setting:");
            for (String[] m : map) {
                double theirs = faceApiStages.getAsJsonObject(m[1]).get("medianMs").getAsDouble();
                double one = find(stats, m[0], 1, 1);
                double best = stats.stream().filter(s -> s.stage().equals(m[0])).mapToDouble(Stat::medianMs).min().orElse(one);
                JsonObject r = new JsonObject();
                r.addProperty("faceapiMedianMs", theirs);
                r.addProperty("ratio1Thread1Batch", Math.round(one / theirs * 1000) / 1000.0);
                r.addProperty("ratioBest", Math.round(best / theirs * 1000) / 1000.0);
                ratios.add(m[0], r);
                w.printf(Locale.ROOT, "  %-10s face-api %8.2f ms; maskface %7.2f ms (%.3fx), best %7.2f ms (%.3fx)%n", m[0],
                        theirs, one, one / theirs, best, best / theirs);
            }
            result.add("faceapiRatio", ratios);
            result.addProperty("faceapiSource", faceApiSource);
        }
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, FaceJson.pretty(result) + "\n");
            w.println("wrote " + out);
        }
        return ExitCode.OK;
    }

    private static double find(List<Stat> stats, String stage, int threads, int batch) {
        return stats.stream().filter(s -> s.stage().equals(stage) && s.threads() == threads && s.batch() == batch)
                .findFirst().orElseThrow().medianMs();
    }

    /** Runs tools/reference/bench.mjs (needs node and `npm ci` there) and returns its stage medians. */
    private JsonObject runFaceApi(java.io.PrintWriter w) throws Exception {
        Path dir = Path.of("tools/reference");
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            throw new IllegalStateException("face-api reference not installed: run (cd tools/reference && npm ci)");
        }
        Path json = Files.createTempFile("faceapi-bench", ".json");
        w.println("timing face-api in Node first (tools/reference/bench.mjs)...");
        List<String> cmd = new ArrayList<>(List.of("node", "bench.mjs", "--runs", Integer.toString(runs), "--warmup",
                Integer.toString(warmup), "--out", json.toAbsolutePath().toString()));
        if (faceapiImages != null) {
            cmd.addAll(List.of("--images", faceapiImages.toString()));
        }
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(new File("/dev/null")).start();
        if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0) {
            throw new IllegalStateException("face-api bench failed (exit " + p.exitValue() + ")");
        }
        JsonElement e = JsonParser.parseString(Files.readString(json));
        return e.getAsJsonObject().getAsJsonObject("stages");
    }
}
