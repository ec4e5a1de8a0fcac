package org.maskface.cli;

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

@Command(name = "bench", description = {
    "Per-stage latency of the pipeline (ms/face, median of --runs after --warmup) at 1 and 2 threads,",
    "batch 1 and 16; with --faceapi, first runs face-api in Node (tools/reference/bench.mjs) on the",
    "same images on this machine and prints maskface/face-api ratios."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--images", defaultValue = "samples/faces", description = "Folder of face images (default: ${DEFAULT-VALUE}).")
    Path images;

    @Option(names = "--runs", defaultValue = "20")
    int runs;

    @Option(names = "--warmup", defaultValue = "3")
    int warmup;

    @Option(names = "--faceapi", description = "Also time face-api in Node on the same images and report ratios.")
    boolean faceapi;

    @Option(names = "--out", description = "Write the JSON here (e.g. docs/bench/maskface-bench.json).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var w = spec.commandLine().getOut();
        List<Path> files;
        try (Stream<Path> s = Files.list(images)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("lfw_")).sorted().toList();
        }
        if (files.isEmpty()) {
            spec.commandLine().getErr().println("maskface: no lfw_*.png images in " + images);
            return ExitCode.BAD_INPUT;
        }
        JsonObject faceApiStages = null;
        if (faceapi) {
            faceApiStages = runFaceApi(w);
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
        w.printf("%-10s %7s %5s %10s %10s%n", "stage", "threads", "batch", "median", "p90");
        for (Stat s : stats) {
            w.printf(Locale.ROOT, "%-10s %7d %5d %10.2f %10.2f%n", s.stage(), s.threads(), s.batch(), s.medianMs(), s.p90Ms());
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
            w.println("ratio maskface / face-api (Node, tfjs cpu), 1 thread batch 1 and best setting:");
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
        Process p = new ProcessBuilder("node", "bench.mjs", "--runs", Integer.toString(runs), "--warmup",
                Integer.toString(warmup), "--out", json.toAbsolutePath().toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("face-api bench failed (exit " + p.exitValue() + ")");
        }
        JsonElement e = JsonParser.parseString(Files.readString(json));
        return e.getAsJsonObject().getAsJsonObject("stages");
    }
}
