package org.maskface.cli;

import org.maskface.api.FaceJson;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.maskface.bench.GalleryBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "gallery", mixinStandardHelpOptions = true, description = {
    "Search latency and recall of the face gallery (Lucene HNSW, cosine) on synthetic 128-d faces:",
    "--sizes/5 subjects with 5 noisy faces each, probes are held-out faces of enrolled subjects.",
    "Each gallery is built in --dir through Gallery.enrollAll (one commit per --batch faces) and reused",
    "by later runs with the same size, seed and build settings. identify(probe, k) is then timed one",
    "probe at a time on one thread; recall compares its top-k subjects with an exact scan."})
final class GalleryBenchCommand implements Callable<Integer> {

    private static final int DEFAULT_WARMUP = 100;
    private static final double DEFAULT_WARMUP_SECONDS = 2;
    private static final int DEFAULT_RECALL_QUERIES = 200;
    private static final int DEFAULT_BATCH = 10_000;
    private static final double DEFAULT_RAM_BUFFER_MB = 16;

    @Option(names = "--sizes", split = ",", defaultValue = "10000,1000000",
            description = "Gallery sizes in faces (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--queries", defaultValue = "1000", description = "Timed probes per size (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--k", defaultValue = "5", description = "Subjects asked of each identify (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the synthetic faces and probes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dir", defaultValue = "target/gallery-bench",
            description = "Where the galleries are built and kept (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--out", description = "Write the JSON report here (e.g. docs/bench/gallery-search.json).")
    Path out;

    @Option(names = "--warmup", defaultValue = "" + DEFAULT_WARMUP,
            description = "Untimed probes first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-seconds", defaultValue = "" + DEFAULT_WARMUP_SECONDS,
            description = "Keep warming up (round the warm-up probes) until this long has passed (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--recall-queries", defaultValue = "" + DEFAULT_RECALL_QUERIES,
            description = "Timed probes also scored against an exact scan (default: ${DEFAULT-VALUE}).")
    int recallQueries;

    @Option(names = "--batch", defaultValue = "" + DEFAULT_BATCH,
            description = "Faces per commit while building (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--ram-buffer-mb", defaultValue = "" + DEFAULT_RAM_BUFFER_MB,
            description = "Index writer RAM buffer while building, MB (default: ${DEFAULT-VALUE}, Lucene's).")
    double ramBufferMb;

    @Option(names = "--force-merge", description = "Also time a copy of each gallery merged down to one segment.")
    boolean forceMerge;

    @Option(names = "--forget", paramLabel = "N", defaultValue = "0", description = "Also time N forgets of single "
            + "subjects on a copy of each gallery (what erasing costs; default: ${DEFAULT-VALUE}).")
    int forgets;

    @Option(names = "--no-progress", description = "No progress bar while building.")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var w = spec.commandLine().getOut();
        GalleryBench.Settings settings;
        try {
            settings = new GalleryBench.Settings(sizes, queries, k, seed, dir, warmup, warmupSeconds, recallQueries, batch, ramBufferMb,
                    forceMerge, forgets, !noProgress, commandLine());
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("maskface: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        JsonObject report = new GalleryBench(settings, w).run();
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, FaceJson.pretty(report) + "\n");
            w.println("wrote " + out);
        }
        return ExitCode.OK;
    }

    /** The command with every setting that changes the figures (defaults of the extras left out). */
    private String commandLine() {
        StringBuilder b = new StringBuilder("./maskface bench gallery --sizes ")
                .append(sizes.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .append(" --queries ").append(queries).append(" --k ").append(k).append(" --seed ").append(seed)
                .append(" --dir ").append(dir);
        if (out != null) {
            b.append(" --out ").append(out);
        }
        if (warmup != DEFAULT_WARMUP) {
            b.append(" --warmup ").append(warmup);
        }
        if (warmupSeconds != DEFAULT_WARMUP_SECONDS) {
            b.append(" --warmup-seconds ").append(String.format(Locale.ROOT, "%s", warmupSeconds));
        }
        if (recallQueries != DEFAULT_RECALL_QUERIES) {
            b.append(" --recall-queries ").append(recallQueries);
        }
        if (batch != DEFAULT_BATCH) {
            b.append(" --batch ").append(batch);
        }
        if (ramBufferMb != DEFAULT_RAM_BUFFER_MB) {
            b.append(" --ram-buffer-mb ").append(String.format(Locale.ROOT, "%s", ramBufferMb));
        }
        if (forceMerge) {
            b.append(" --force-merge");
        }
        if (forgets > 0) {
            b.append(" --forget ").append(forgets);
        }
        return b.toString();
    }
}
