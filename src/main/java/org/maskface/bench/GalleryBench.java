package org.maskface.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.Version;
import org.maskface.eval.VerificationReport;
import org.maskface.gallery.Enrollment;
import org.maskface.gallery.Gallery;
import org.maskface.gallery.GalleryInfo;
import org.maskface.gallery.Match;
import org.maskface.util.ProgressBars;

/**
 * Search latency and recall of a {@link Gallery} holding synthetic face embeddings, at one or
 * more gallery sizes. Each gallery is built through {@link Gallery#enrollAll} in batches (one
 * commit each) and kept in its own folder under {@code dir}, so a re-run with the same size,
 * seed and build settings reuses it. Then, on one thread with the gallery opened read-only,
 * {@link Gallery#identify} is timed probe by probe after a warm-up, and its top-k subjects for
 * a sample of probes are compared with an exact scan of every vector.
 */
public final class GalleryBench {

    /** Embedding length of the teacher model, the one the synthetic vectors stand in for. */
    public static final int DIMENSION = 128;
    static final String METHOD = "teacher";
    static final String MODEL = "faceapi-dlib-resnet128@1.7.15";
    /** Written into a gallery folder once its build completed; a re-run reuses the folder when it matches. */
    static final String MARKER = "bench-gallery.json";

    /**
     * What to run.
     *
     * @param sizes          gallery sizes in faces
     * @param queries        timed probes per size
     * @param k              subjects asked of each identify
     * @param seed           seeds the gallery and the probes
     * @param dir            parent folder of the galleries (one sub-folder per size, seed and build)
     * @param warmup         untimed probes first
     * @param warmupSeconds  the warm-up goes round its probes again until this much time has passed
     *                       too (a fresh JVM needs seconds, not 100 fast calls, to compile the search)
     * @param recallQueries  probes (the first timed ones) also scored by an exact scan
     * @param batch          faces per commit while building
     * @param ramBufferMb    index writer RAM buffer while building (Lucene's default: 16)
     * @param forceMerge     also time a copy of each gallery merged down to one segment
     * @param forgets        on a copy of each gallery (and of the merged one), time this many forgets
     *                       of single subjects: each rewrites the segments that held the subject
     * @param progress       show a progress bar while building
     * @param command        the command line, recorded in the report
     */
    public record Settings(List<Integer> sizes, int queries, int k, long seed, Path dir, int warmup,
                           double warmupSeconds, int recallQueries, int batch, double ramBufferMb, boolean forceMerge,
                           int forgets, boolean progress, String command) {
        public Settings {
            sizes = List.copyOf(sizes);
            if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 2)) {
                throw new IllegalArgumentException("sizes must be at least 2 faces each, got " + sizes);
            }
            require(queries >= 1, "queries must be >= 1");
            require(k >= 1, "k must be >= 1");
            require(warmup >= 0, "warmup must be >= 0");
            require(warmupSeconds >= 0, "warmup seconds must be >= 0");
            require(warmup > 0 || warmupSeconds == 0, "a timed warm-up needs warm-up probes");
            require(recallQueries >= 0, "recall queries must be >= 0");
            require(batch >= 1, "batch must be >= 1");
            require(ramBufferMb > 0, "RAM buffer must be > 0 MB");
            require(forgets >= 0, "forgets must be >= 0");
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    private final Settings settings;
    private final PrintWriter out;

    public GalleryBench(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    /** Builds or reuses each gallery, measures it, prints a table and returns the report. */
    public JsonObject run() throws IOException {
        JsonObject report = new JsonObject();
        report.addProperty("benchmark", "gallery-search");
        report.addProperty("command", settings.command());
        report.add("jvmArguments", strings(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        report.addProperty("gitCommit", VerificationReport.detectGitCommit(Path.of(".")));
        report.addProperty("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        report.addProperty("machine", VerificationReport.describeMachine());
        report.addProperty("cores", Runtime.getRuntime().availableProcessors());
        report.addProperty("cpu", cpuModel());
        report.addProperty("javaVersion", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        report.addProperty("jvmMaxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        report.add("index", indexDescription());
        report.add("generator", SyntheticFaces.describe(settings.seed()));
        report.add("protocol", protocol());
        report.add("indexing", indexing());

        out.printf(Locale.ROOT, "gallery search, %d-d synthetic faces, k=%d, %d timed probes after a warm-up "
                + "(>= %d calls, >= %.1f s), one thread%n",
                DIMENSION, settings.k(), settings.queries(), settings.warmup(), settings.warmupSeconds());
        out.printf("machine: %s%n", VerificationReport.describeMachine());
        out.flush();
        JsonArray sizes = new JsonArray();
        List<String[]> rows = new ArrayList<>();
        for (int n : settings.sizes()) {
            JsonObject size = measureSize(n, rows);
            sizes.add(size);
        }
        report.add("sizes", sizes);
        printTable(rows);
        return report;
    }

    private JsonObject measureSize(int n, List<String[]> rows) throws IOException {
        long t0 = System.nanoTime();
        SyntheticFaces data = new SyntheticFaces(n, DIMENSION, settings.seed());
        double generateSeconds = (System.nanoTime() - t0) / 1e9;
        List<SyntheticFaces.Probe> probes = data.probes(settings.warmup() + settings.queries());

        JsonObject size = new JsonObject();
        size.addProperty("faces", n);
        size.addProperty("subjects", data.subjects());
        size.addProperty("generateSeconds", round(generateSeconds, 2));
        size.add("dataCheck", data.check(settings.seed()));

        String key = buildKey(n);
        Path built = settings.dir().resolve("faces-" + n + "-seed-" + settings.seed());
        JsonObject build = ensureBuilt(built, key, data);
        size.add("build", build);
        JsonObject asBuilt = measure(built, data, probes);
        size.add("asBuilt", asBuilt);
        rows.add(row(n, "as built", build.get("buildSeconds").getAsDouble(), asBuilt));
        if (settings.forgets() > 0) {
            size.add("forget", measureForgets(built, data));
        }

        if (settings.forceMerge()) {
            Path merged = settings.dir().resolve("faces-" + n + "-seed-" + settings.seed() + "-merged");
            JsonObject merge = ensureMerged(built, merged, key + " forceMerge=1");
            JsonObject mergedFigures = measure(merged, data, probes);
            mergedFigures.add("merge", merge);
            if (settings.forgets() > 0) {
                mergedFigures.add("forget", measureForgets(merged, data));
            }
            size.add("forceMerged", mergedFigures);
            rows.add(row(n, "1 segment", build.get("buildSeconds").getAsDouble()
                    + merge.get("mergeSeconds").getAsDouble(), mergedFigures));
        }
        return size;
    }

    /**
     * Times {@link Settings#forgets()} forgets of single subjects (spread over the subjects) on a
     * scratch copy of {@code folder}: each rewrites every segment that held the subject before it
     * returns. Reports the seconds of each, the segments before and after, and the index bytes.
     */
    private JsonObject measureForgets(Path folder, SyntheticFaces data) throws IOException {
        Path scratch = folder.resolveSibling(folder.getFileName() + "-forget");
        removeOwnFolder(scratch);
        copyTree(folder, scratch);
        Files.deleteIfExists(scratch.resolve(MARKER));
        JsonObject o = new JsonObject();
        try {
            long bytesBefore = treeBytes(scratch);
            double[] seconds = new double[settings.forgets()];
            int removed = 0;
            int segmentsBefore;
            int segmentsAfter;
            Gallery.IndexingOptions indexing = new Gallery.IndexingOptions(settings.ramBufferMb(), true);
            try (Gallery gallery = Gallery.open(scratch, galleryInfo(), Gallery.Access.READ_WRITE, indexing)) {
                segmentsBefore = gallery.segmentCount();
                for (int i = 0; i < seconds.length; i++) {
                    int subject = (int) ((long) (2 * i + 1) * data.subjects() / (2L * seconds.length));
                    long t0 = System.nanoTime();
                    removed += gallery.forget(SyntheticFaces.subjectName(subject));
                    seconds[i] = (System.nanoTime() - t0) / 1e9;
                    out.printf(Locale.ROOT, "%d faces: forget %d of %d took %.2f s%n", data.faces(), i + 1,
                            seconds.length, seconds[i]);
                    out.flush();
                }
                segmentsAfter = gallery.segmentCount();
            }
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            o.addProperty("forgets", seconds.length);
            o.addProperty("facesRemoved", removed);
            o.addProperty("p50Seconds", round(sorted[sorted.length / 2], 3));
            o.addProperty("maxSeconds", round(sorted[sorted.length - 1], 3));
            o.addProperty("meanSeconds", round(Arrays.stream(seconds).average().orElse(0), 3));
            o.addProperty("segmentsBefore", segmentsBefore);
            o.addProperty("segmentsAfter", segmentsAfter);
            o.addProperty("indexBytesBefore", bytesBefore);
            o.addProperty("indexBytesAfter", treeBytes(scratch));
            o.addProperty("note", "each forget rewrites, before it returns, every segment that held the subject "
                    + "(Lucene forceMergeDeletes, 0 % deletes allowed): no file then holds the subject's vectors");
        } finally {
            removeOwnFolder(scratch);
        }
        return o;
    }

    private static long treeBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            long total = 0;
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    /** Everything that decides a gallery's contents and segment layout: a folder is reused only when this matches. */
    private String buildKey(int n) {
        return String.format(Locale.ROOT, "faces=%d seed=%d generator=%s batch=%d ramBufferMb=%s merges=serial",
                n, settings.seed(), SyntheticFaces.VERSION, settings.batch(), settings.ramBufferMb());
    }

    private static GalleryInfo galleryInfo() {
        return GalleryInfo.of(METHOD, MODEL, DIMENSION, Map.of());
    }

    /** Reuses {@code folder} when its marker matches {@code key}, else (re)builds it. Returns the build record. */
    private JsonObject ensureBuilt(Path folder, String key, SyntheticFaces data) throws IOException {
        JsonObject marker = readMarker(folder);
        if (marker != null && key.equals(marker.get("key").getAsString())) {
            out.printf("%d faces: reusing %s (built %s)%n", data.faces(), folder, marker.get("builtAt").getAsString());
            out.flush();
            JsonObject build = marker.deepCopy();
            build.addProperty("reused", true);
            build.addProperty("folder", folder.toString());
            return build;
        }
        removeOwnFolder(folder);
        out.printf("%d faces: building %s in batches of %d%n", data.faces(), folder, settings.batch());
        out.flush();
        long t0 = System.nanoTime();
        Gallery.IndexingOptions indexing = new Gallery.IndexingOptions(settings.ramBufferMb(), true);
        try (Gallery gallery = Gallery.open(folder, galleryInfo(), Gallery.Access.READ_WRITE, indexing);
             ProgressBar bar = settings.progress() ? ProgressBars.builder("gallery " + data.faces(), data.faces()).setUpdateIntervalMillis(1000)
                     .continuousUpdate().build() : null) {
            for (int start = 0; start < data.faces(); start += settings.batch()) {
                int end = Math.min(data.faces(), start + settings.batch());
                List<Map.Entry<String, Enrollment>> faces = new ArrayList<>(end - start);
                for (int i = start; i < end; i++) {
                    faces.add(Map.entry(SyntheticFaces.subjectName(data.subjectOf(i)),
                            new Enrollment(data.vector(i), "synthetic", Double.NaN)));
                }
                gallery.enrollAll(faces);
                if (bar != null) {
                    bar.stepBy(end - start);
                }
            }
        } // closing waits for the last merges
        double seconds = (System.nanoTime() - t0) / 1e9;
        JsonObject build = new JsonObject();
        build.addProperty("key", key);
        build.addProperty("builtAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        build.addProperty("buildSeconds", round(seconds, 1));
        build.addProperty("facesPerSecond", Math.round(data.faces() / seconds));
        build.addProperty("commits", (data.faces() + settings.batch() - 1) / settings.batch());
        build.addProperty("builtByCommit", VerificationReport.detectGitCommit(Path.of(".")));
        writeMarker(folder, build);
        out.printf(Locale.ROOT, "%d faces: built in %.1f s%n", data.faces(), seconds);
        out.flush();
        JsonObject result = build.deepCopy();
        result.addProperty("reused", false);
        result.addProperty("folder", folder.toString());
        return result;
    }

    /** A copy of {@code built} merged down to one segment, reused when its marker matches. */
    private JsonObject ensureMerged(Path built, Path merged, String key) throws IOException {
        JsonObject marker = readMarker(merged);
        if (marker != null && key.equals(marker.get("key").getAsString())) {
            out.printf("reusing merged copy %s%n", merged);
            out.flush();
            JsonObject m = marker.deepCopy();
            m.addProperty("reused", true);
            m.addProperty("folder", merged.toString());
            return m;
        }
        removeOwnFolder(merged);
        copyTree(built, merged);
        Files.delete(merged.resolve(MARKER)); // the copy is unfinished until merged
        out.printf("merging a copy of %s down to one segment...%n", built);
        out.flush();
        long t0 = System.nanoTime();
        Gallery.IndexingOptions indexing = new Gallery.IndexingOptions(settings.ramBufferMb(), true);
        try (Gallery gallery = Gallery.open(merged, galleryInfo(), Gallery.Access.READ_WRITE, indexing)) {
            gallery.forceMerge(1);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        JsonObject m = new JsonObject();
        m.addProperty("key", key);
        m.addProperty("builtAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.addProperty("mergeSeconds", round(seconds, 1));
        writeMarker(merged, m);
        out.printf(Locale.ROOT, "merged in %.1f s%n", seconds);
        out.flush();
        JsonObject result = m.deepCopy();
        result.addProperty("reused", false);
        result.addProperty("folder", merged.toString());
        return result;
    }

    /** Times identify and verify on {@code folder} and scores identify against an exact scan. */
    private JsonObject measure(Path folder, SyntheticFaces data, List<SyntheticFaces.Probe> probes) {
        int k = settings.k();
        int warmup = settings.warmup();
        int queries = settings.queries();
        int recallQueries = Math.min(settings.recallQueries(), queries);
        JsonObject figures = new JsonObject();
        List<List<Match>> sampled = new ArrayList<>(recallQueries);
        double[] identifyMs = new double[queries];
        double[] verifyMs = new double[queries];
        int rank1Hits = 0;
        // the bench runs on one core; a busy machine shows here
        figures.addProperty("loadAverageBefore", loadAverage());
        try (Gallery gallery = Gallery.open(folder, galleryInfo(), Gallery.Access.READ_ONLY)) {
            int faces = gallery.faceCount();
            if (faces != data.faces()) {
                throw new IllegalStateException(folder + " holds " + faces + " faces, expected " + data.faces());
            }
            figures.addProperty("segments", gallery.segmentCount());
            figures.addProperty("indexMiB", round(folderBytes(folder) / (1024.0 * 1024.0), 1));
            figures.addProperty("identifyWarmupCalls", warmUp(warmup, i -> gallery.identify(probes.get(i).vector(), k)));
            for (int i = 0; i < queries; i++) {
                SyntheticFaces.Probe p = probes.get(warmup + i);
                long t0 = System.nanoTime();
                List<Match> found = gallery.identify(p.vector(), k);
                identifyMs[i] = (System.nanoTime() - t0) / 1e6;
                if (!found.isEmpty() && found.get(0).subject().equals(SyntheticFaces.subjectName(p.subject()))) {
                    rank1Hits++;
                }
                if (i < recallQueries) {
                    sampled.add(found);
                }
            }
            // verify: the probe against its own subject's faces (exact, filtered to that subject)
            figures.addProperty("verifyWarmupCalls", warmUp(warmup, i -> gallery.verify(probes.get(i).vector(),
                    SyntheticFaces.subjectName(probes.get(i).subject()))));
            for (int i = 0; i < queries; i++) {
                SyntheticFaces.Probe p = probes.get(warmup + i);
                String subject = SyntheticFaces.subjectName(p.subject());
                long t0 = System.nanoTime();
                Match m = gallery.verify(p.vector(), subject);
                verifyMs[i] = (System.nanoTime() - t0) / 1e6;
                if (!m.subject().equals(subject)) {
                    throw new IllegalStateException("verify answered for " + m.subject());
                }
            }
        }
        figures.add("identify", latency(identifyMs));
        figures.addProperty("rank1Rate", round(rank1Hits / (double) queries, 4));
        figures.add("verify", latency(verifyMs));
        figures.add("recall", recall(data, probes.subList(warmup, warmup + recallQueries), sampled, k));
        return figures;
    }

    /** Calls {@code call} on warm-up probes 0..count-1, round again until warmupSeconds passed; returns the calls made. */
    private int warmUp(int count, java.util.function.IntConsumer call) {
        long until = System.nanoTime() + (long) (settings.warmupSeconds() * 1e9);
        int calls = 0;
        while (calls < count || (count > 0 && System.nanoTime() < until)) {
            call.accept(calls % count);
            calls++;
        }
        return calls;
    }

    /** identify's top-k subjects against the exact top-k (every vector scanned) for the sampled probes. */
    private static JsonObject recall(SyntheticFaces data, List<SyntheticFaces.Probe> probes, List<List<Match>> found, int k) {
        int top1Agree = 0;
        int exactRank1Hits = 0;
        double overlap = 0;
        long scanNanos = 0;
        int wanted = Math.min(k, data.subjects());
        for (int q = 0; q < probes.size(); q++) {
            long t0 = System.nanoTime();
            int[] exact = data.exactTopSubjects(probes.get(q).vector(), wanted);
            scanNanos += System.nanoTime() - t0;
            List<String> exactNames = Arrays.stream(exact).mapToObj(SyntheticFaces::subjectName).toList();
            List<String> approxNames = found.get(q).stream().map(Match::subject).toList();
            if (!approxNames.isEmpty() && approxNames.get(0).equals(exactNames.get(0))) {
                top1Agree++;
            }
            if (exact[0] == probes.get(q).subject()) {
                exactRank1Hits++;
            }
            overlap += approxNames.stream().filter(exactNames::contains).count() / (double) wanted;
        }
        int n = probes.size();
        JsonObject r = new JsonObject();
        r.addProperty("queries", n);
        r.addProperty("recallAt1", n == 0 ? null : round(top1Agree / (double) n, 4));
        r.addProperty("recallAtK", n == 0 ? null : round(overlap / n, 4));
        r.addProperty("exactRank1Rate", n == 0 ? null : round(exactRank1Hits / (double) n, 4));
        r.addProperty("exactScanMeanMs", n == 0 ? null : round(scanNanos / 1e6 / n, 2));
        return r;
    }

    private static JsonObject latency(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double total = Arrays.stream(ms).sum();
        JsonObject o = new JsonObject();
        o.addProperty("p50Ms", round(PipelineBench.percentile(sorted, 0.50), 3));
        o.addProperty("p90Ms", round(PipelineBench.percentile(sorted, 0.90), 3));
        o.addProperty("p99Ms", round(PipelineBench.percentile(sorted, 0.99), 3));
        o.addProperty("meanMs", round(total / ms.length, 3));
        o.addProperty("maxMs", round(sorted[sorted.length - 1], 3));
        o.addProperty("queriesPerSecond", Math.round(ms.length / (total / 1000.0)));
        return o;
    }

    private String[] row(int n, String layout, double buildSeconds, JsonObject f) {
        JsonObject id = f.getAsJsonObject("identify");
        JsonObject recall = f.getAsJsonObject("recall");
        return new String[] {Integer.toString(n), layout, f.get("segments").getAsString(), f.get("indexMiB").getAsString(),
            String.format(Locale.ROOT, "%.1f", buildSeconds), id.get("p50Ms").getAsString(), id.get("p90Ms").getAsString(),
            id.get("p99Ms").getAsString(), id.get("meanMs").getAsString(), id.get("queriesPerSecond").getAsString(),
            recall.get("recallAt1").isJsonNull() ? "-" : recall.get("recallAt1").getAsString(),
            recall.get("recallAtK").isJsonNull() ? "-" : recall.get("recallAtK").getAsString()};
    }

    private void printTable(List<String[]> rows) {
        String format = "%9s %-9s %8s %9s %9s %8s %8s %8s %8s %7s %8s %8s%n";
        out.printf(format, "faces", "layout", "segments", "index MiB", "build s", "p50 ms", "p90 ms", "p99 ms",
                "mean ms", "q/s", "recall@1", "recall@" + settings.k());
        for (String[] r : rows) {
            out.printf(format, (Object[]) r);
        }
        out.flush();
    }

    private static JsonObject indexDescription() {
        JsonObject o = new JsonObject();
        o.addProperty("lucene", Version.LATEST.toString());
        o.addProperty("codec", Codec.getDefault().getName());
        o.addProperty("vectors", String.format(Locale.ROOT,
                "KnnFloatVectorField, COSINE, HNSW with the default Lucene99HnswVectorsFormat (M=%d, beamWidth=%d)",
                Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN, Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH));
        o.addProperty("dimension", DIMENSION);
        o.addProperty("vectorMath", "Lucene 9.12 uses the Panama Vector API only on Java 20-22; on Java "
                + Runtime.version().feature() + (Runtime.version().feature() >= 20 && Runtime.version().feature() <= 22
                ? " it can (with --add-modules jdk.incubator.vector)" : " its distance functions are scalar Java"));
        return o;
    }

    private JsonObject protocol() {
        JsonObject o = new JsonObject();
        o.addProperty("k", settings.k());
        o.addProperty("warmupQueries", settings.warmup());
        o.addProperty("warmupSeconds", settings.warmupSeconds());
        o.addProperty("warmup", "the warm-up probes (not the timed ones) in turn, again and again until both "
                + "warmupQueries calls and warmupSeconds have passed; identify and verify each get their own");
        o.addProperty("timedQueries", settings.queries());
        o.addProperty("identify", "Gallery.identify(probe, k): KnnFloatVectorQuery for max("
                + Gallery.MIN_CANDIDATES + ", 10k) = " + Math.max(Gallery.MIN_CANDIDATES, 10 * settings.k()) + " candidate faces, grouped by subject; stored fields read per candidate");
        o.addProperty("timing", "System.nanoTime around each call, one thread, gallery opened READ_ONLY "
                + "(no writer in the process), index files in the OS page cache after the warm-up");
        o.addProperty("verify", "Gallery.verify(probe, its own subject): exact search over that subject's faces, "
                + "timed the same way after its own warm-up");
        o.addProperty("recallQueries", Math.min(settings.recallQueries(), settings.queries()));
        o.addProperty("recallAt1", "share of the first recallQueries timed probes whose identify top-1 subject is the "
                + "exact top-1 (every vector scanned, subject scored by its best face)");
        o.addProperty("recallAtK", "mean |identify top-k subjects ∩ exact top-k subjects| / k over the same probes");
        o.addProperty("rank1Rate", "share of timed probes whose identify top-1 is the subject the probe was drawn from");
        return o;
    }

    private JsonObject indexing() {
        JsonObject o = new JsonObject();
        o.addProperty("api", "Gallery.enrollAll, one commit (one new segment) per batch");
        o.addProperty("batchFaces", settings.batch());
        o.addProperty("ramBufferMb", settings.ramBufferMb());
        o.addProperty("ramBufferNote", settings.ramBufferMb() == 16.0 ? "Lucene's default"
                : "raised for the bench only (Gallery.IndexingOptions); the gallery's default is Lucene's 16 MB");
        o.addProperty("merges", "TieredMergePolicy defaults, SerialMergeScheduler: merges run inside the enrolling "
                + "thread's commit, so the build uses one core; one HNSW merge worker (codec default)");
        o.addProperty("buildTime", "wall time from creating the gallery to closing it (all merges done)");
        return o;
    }

    private static JsonObject readMarker(Path folder) throws IOException {
        Path file = folder.resolve(MARKER);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            return o.has("key") ? o : null;
        } catch (RuntimeException e) {
            return null; // unreadable marker: rebuild
        }
    }

    private static void writeMarker(Path folder, JsonObject marker) throws IOException {
        Files.writeString(folder.resolve(MARKER), marker + "\n", StandardCharsets.UTF_8);
    }

    /** Deletes a folder this bench made (it holds a gallery or a marker); refuses anything else. */
    private static void removeOwnFolder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        boolean ours = Files.exists(folder.resolve(GalleryInfo.FILE)) || Files.exists(folder.resolve(MARKER));
        boolean empty;
        try (Stream<Path> s = Files.list(folder)) {
            empty = s.findAny().isEmpty();
        }
        if (!ours && !empty) {
            throw new IllegalStateException(folder + " exists and is not a bench gallery; refusing to replace it");
        }
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static long folderBytes(Path folder) {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-minute load average (/proc/loadavg), null where unknown. */
    private static Double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return "unknown";
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /**
     * Face-gallery-like vectors: subjects with a random identity centre and a few noisy faces
     * around it, all unit length. Subject s owns faces 5s .. 5s+4 (the last subject may have fewer).
     */
    static final class SyntheticFaces {
        static final String VERSION = "gaussian-centres-v1";
        static final int FACES_PER_SUBJECT = 5;
        /** Expected cosine of a face to its subject's centre. */
        static final double FACE_TO_CENTRE_COSINE = 0.9;

        /** A held-out face of an enrolled subject. */
        record Probe(int subject, float[] vector) {
        }

        private final int faces;
        private final int dim;
        private final int subjects;
        private final float[] centres;
        private final float[] vectors;
        private final double noise;
        private final SplittableRandom probeRandom;

        SyntheticFaces(int faces, int dim, long seed) {
            this.faces = faces;
            this.dim = dim;
            this.subjects = (faces + FACES_PER_SUBJECT - 1) / FACES_PER_SUBJECT;
            this.noise = noiseSigma(dim);
            SplittableRandom root = new SplittableRandom(seed);
            SplittableRandom galleryRandom = root.split();
            this.probeRandom = root.split();
            this.centres = new float[subjects * dim];
            this.vectors = new float[faces * dim];
            for (int s = 0; s < subjects; s++) {
                for (int j = 0; j < dim; j++) {
                    centres[s * dim + j] = (float) galleryRandom.nextGaussian();
                }
                normalise(centres, s * dim, dim);
                for (int i = s * FACES_PER_SUBJECT; i < Math.min(faces, (s + 1) * FACES_PER_SUBJECT); i++) {
                    sample(s, galleryRandom, vectors, i * dim);
                }
            }
        }

        /**
         * Per-component noise σ such that a face's cosine to its centre is about
         * {@link #FACE_TO_CENTRE_COSINE}: centre·face ≈ 1 / sqrt(1 + dim σ²).
         */
        static double noiseSigma(int dim) {
            double c = FACE_TO_CENTRE_COSINE;
            return Math.sqrt((1 / (c * c) - 1) / dim);
        }

        static JsonObject describe(long seed) {
            JsonObject o = new JsonObject();
            o.addProperty("name", VERSION);
            o.addProperty("seed", seed);
            o.addProperty("dimension", DIMENSION);
            o.addProperty("facesPerSubject", FACES_PER_SUBJECT);
            o.addProperty("subjects", "ceil(faces / " + FACES_PER_SUBJECT + "); subject s owns faces "
                    + FACES_PER_SUBJECT + "s.." + FACES_PER_SUBJECT + "s+" + (FACES_PER_SUBJECT - 1));
            o.addProperty("identityCentre", "standard Gaussian vector, normalised to unit length");
            o.addProperty("face", "centre + sigma * standard Gaussian vector, normalised to unit length");
            o.addProperty("sigma", round(noiseSigma(DIMENSION), 6));
            o.addProperty("sigmaRule", "sqrt((1/c^2 - 1) / dimension) with c = " + FACE_TO_CENTRE_COSINE
                    + ", so a face's cosine to its centre is about c (two faces of a subject: about c^2)");
            o.addProperty("probes", "held out, never enrolled: a uniformly drawn subject, then a new face of it drawn "
                    + "like the enrolled ones; the first warmupQueries probes warm up, the rest are timed");
            o.addProperty("random", "java.util.SplittableRandom(seed): first split() draws the gallery (subject by "
                    + "subject: centre, then its faces), second split() the probes; nextGaussian() for every component");
            return o;
        }

        /** Measured cosines on this data, so the report shows what the generator made. */
        JsonObject check(long seed) {
            SplittableRandom pick = new SplittableRandom(seed ^ 0x5DEECE66DL);
            int samples = Math.min(2000, subjects);
            double toCentre = 0;
            double sameSubject = 0;
            int samePairs = 0;
            double otherSubject = 0;
            int otherPairs = 0;
            for (int t = 0; t < samples; t++) {
                int s = pick.nextInt(subjects);
                int first = s * FACES_PER_SUBJECT;
                int count = Math.min(faces, first + FACES_PER_SUBJECT) - first;
                toCentre += dot(centres, s * dim, vectors, first * dim, dim);
                if (count > 1) {
                    sameSubject += dot(vectors, first * dim, vectors, (first + 1) * dim, dim);
                    samePairs++;
                }
                int other = pick.nextInt(faces);
                if (subjectOf(other) != s) {
                    otherSubject += dot(vectors, first * dim, vectors, other * dim, dim);
                    otherPairs++;
                }
            }
            JsonObject o = new JsonObject();
            o.addProperty("sampledSubjects", samples);
            o.addProperty("meanFaceToCentreCosine", round(toCentre / samples, 4));
            o.addProperty("meanSameSubjectFacePairCosine", samePairs == 0 ? null : round(sameSubject / samePairs, 4));
            o.addProperty("meanOtherSubjectFacePairCosine", otherPairs == 0 ? null : round(otherSubject / otherPairs, 4));
            return o;
        }

        int faces() {
            return faces;
        }

        int subjects() {
            return subjects;
        }

        int subjectOf(int face) {
            return face / FACES_PER_SUBJECT;
        }

        static String subjectName(int subject) {
            return String.format(Locale.ROOT, "s%07d", subject);
        }

        /** A copy of face {@code i}'s vector (the gallery keeps what it is given until it is written). */
        float[] vector(int i) {
            return Arrays.copyOfRange(vectors, i * dim, (i + 1) * dim);
        }

        /** The next {@code count} probes of the probe stream. */
        List<Probe> probes(int count) {
            List<Probe> probes = new ArrayList<>(count);
            for (int q = 0; q < count; q++) {
                int s = probeRandom.nextInt(subjects);
                float[] v = new float[dim];
                sample(s, probeRandom, v, 0);
                probes.add(new Probe(s, v));
            }
            return probes;
        }

        private void sample(int subject, SplittableRandom random, float[] into, int offset) {
            for (int j = 0; j < dim; j++) {
                into[offset + j] = (float) (centres[subject * dim + j] + noise * random.nextGaussian());
            }
            normalise(into, offset, dim);
        }

        /**
         * The {@code k} subjects whose best face is closest to {@code probe}, best first, by
         * scanning every vector (all unit length, so the dot product is the cosine).
         */
        int[] exactTopSubjects(float[] probe, int k) {
            int[] best = new int[k];
            float[] bestScore = new float[k];
            Arrays.fill(best, -1);
            Arrays.fill(bestScore, Float.NEGATIVE_INFINITY);
            for (int s = 0; s < subjects; s++) {
                float score = Float.NEGATIVE_INFINITY;
                for (int i = s * FACES_PER_SUBJECT; i < Math.min(faces, (s + 1) * FACES_PER_SUBJECT); i++) {
                    score = Math.max(score, (float) dot(probe, 0, vectors, i * dim, dim));
                }
                if (score > bestScore[k - 1]) { // insert into the sorted top-k
                    int at = k - 1;
                    while (at > 0 && score > bestScore[at - 1]) {
                        bestScore[at] = bestScore[at - 1];
                        best[at] = best[at - 1];
                        at--;
                    }
                    bestScore[at] = score;
                    best[at] = s;
                }
            }
            return best;
        }

        private static double dot(float[] a, int ia, float[] b, int ib, int n) {
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int j = 0;
            for (; j + 3 < n; j += 4) {
                s0 += a[ia + j] * b[ib + j];
                s1 += a[ia + j + 1] * b[ib + j + 1];
                s2 += a[ia + j + 2] * b[ib + j + 2];
                s3 += a[ia + j + 3] * b[ib + j + 3];
            }
            for (; j < n; j++) {
                s0 += a[ia + j] * b[ib + j];
            }
            return s0 + s1 + s2 + s3;
        }

        private static void normalise(float[] v, int offset, int n) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += (double) v[offset + j] * v[offset + j];
            }
            double inv = 1 / Math.sqrt(sum);
            for (int j = 0; j < n; j++) {
                v[offset + j] = (float) (v[offset + j] * inv);
            }
        }
    }
}
