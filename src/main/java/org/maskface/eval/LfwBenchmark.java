package org.maskface.eval;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.maskface.eval.ImageEmbeddings.Entry;
import org.maskface.eval.ImageEmbeddings.ImageTransform;
import org.maskface.eval.ImageEmbeddings.Source;
import org.maskface.eval.VerificationProtocol.Result;
import org.maskface.eval.VerificationProtocol.ScoredPair;
import org.maskface.face.Face;
import org.maskface.face.embed.FaceEmbedder;
import org.maskface.mask.MaskCategory;
import org.maskface.mask.PhotoMasker;

/**
 * LFW verification (DESIGN.md §5): every image of the chosen folds' pairs goes through the full
 * pipeline (detect → landmarks → align → embed); pairs are scored by cosine similarity and the
 * k-fold protocol picks each fold's threshold on the other folds.
 *
 * <p>Masked variants put a synthetic mask on the probe (the second image of each pair) or on
 * both images, before detection. The mask is placed from the face found in the clean photo and
 * seeded by the image's file name, so every method and every run sees the same masked pairs.
 */
public final class LfwBenchmark {

    /** Which side of each pair wears a mask. */
    public enum MaskMode { NONE, PROBE, BOTH }

    /** What to run. */
    public record Config(Path root, Path pairs, String method, int firstFold, int lastFold, int workers,
                         boolean wholeImageFallback, MaskMode mask, MaskCategory category, long seed) {

        /** "clean", or e.g. "masked-probe" (mixed categories) / "masked-both-simple". */
        public String variant() {
            if (mask == MaskMode.NONE) {
                return "clean";
            }
            return "masked-" + mask.name().toLowerCase(Locale.ROOT)
                    + (category == MaskCategory.MIXED ? "" : "-" + category.cliName());
        }
    }

    /** The report plus the per-image outcome counts (clean and masked images together). */
    public record Outcome(VerificationReport report, Map<Source, Integer> sources) {
    }

    private LfwBenchmark() {
    }

    /** The per-image mask seed: fixed by the run seed and the image's file name. */
    static long maskSeed(long seed, Path image) {
        return seed * 1_000_003L + image.getFileName().toString().hashCode();
    }

    /** Masks the largest face of the clean photo (or, if none is found, the face the whole crop shows). */
    static ImageTransform masking(MaskCategory category, long seed) {
        return (file, image, pipeline) -> {
            List<Face> faces = pipeline.faces(image);
            Face face = faces.isEmpty() ? pipeline.wholeImageAsFace(image) : faces.get(0);
            return PhotoMasker.mask(image, face, category, maskSeed(seed, file)).image();
        };
    }

    public static Outcome run(Config c, org.maskface.model.ModelHub hub, String commandLine, boolean progress)
            throws Exception {
        // The code that runs is the code checked out now: a commit made during a long run must not be credited.
        String gitCommit = VerificationReport.detectGitCommit(Path.of("."));
        List<List<LfwPairs.Pair>> folds = LfwPairs.selectFolds(LfwPairs.parse(c.pairs(), c.root()),
                c.firstFold(), c.lastFold());
        List<LfwPairs.Pair> pairs = LfwPairs.flatten(folds);
        LinkedHashSet<Path> cleanNeeded = new LinkedHashSet<>();
        LinkedHashSet<Path> maskedNeeded = new LinkedHashSet<>();
        for (LfwPairs.Pair p : pairs) {
            (c.mask() == MaskMode.BOTH ? maskedNeeded : cleanNeeded).add(p.a());
            (c.mask() == MaskMode.NONE ? cleanNeeded : maskedNeeded).add(p.b());
        }
        for (Path p : union(cleanNeeded, maskedNeeded)) {
            if (!Files.isRegularFile(p)) {
                throw new IOException("LFW image missing: " + p + " (is --root the folder holding Name/Name_0001.jpg?)");
            }
        }
        Map<Path, Entry> clean = ImageEmbeddings.embed(new ArrayList<>(cleanNeeded), hub, c.method(), c.workers(),
                c.wholeImageFallback(), ImageTransform.NONE, progress);
        Map<Path, Entry> masked = maskedNeeded.isEmpty() ? Map.of()
                : ImageEmbeddings.embed(new ArrayList<>(maskedNeeded), hub, c.method(), c.workers(),
                        c.wholeImageFallback(), masking(c.category(), c.seed()), progress);

        List<ScoredPair> scored = new ArrayList<>();
        int failures = 0;
        for (LfwPairs.Pair p : pairs) {
            float[] a = (c.mask() == MaskMode.BOTH ? masked : clean).get(p.a()).embedding();
            float[] b = (c.mask() == MaskMode.NONE ? clean : masked).get(p.b()).embedding();
            if (a == null || b == null) {
                failures++;
                continue;
            }
            scored.add(ScoredPair.of(p, FaceEmbedder.similarity(a, b)));
        }
        Result result = VerificationProtocol.evaluate(scored);

        Map<Source, Integer> sources = new EnumMap<>(Source.class);
        for (Source s : Source.values()) {
            sources.put(s, 0);
        }
        clean.values().forEach(e -> sources.merge(e.source(), 1, Integer::sum));
        masked.values().forEach(e -> sources.merge(e.source(), 1, Integer::sum));
        JsonObject faces = new JsonObject();
        faces.add("clean", counts(clean));
        faces.add("masked", counts(masked));

        String benchmark = (c.firstFold() == 1 && c.lastFold() == 10) ? "lfw"
                : "lfw-folds" + c.firstFold() + "-" + c.lastFold();
        VerificationReport.Builder report = VerificationReport.builder(result)
                .benchmark(benchmark)
                .variant(c.variant())
                .method(c.method())
                .failures(failures)
                .command(commandLine)
                .seed(c.mask() == MaskMode.NONE ? null : c.seed())
                .gitCommit(gitCommit)
                .extra("similarity", new JsonPrimitive("cosine of L2-normalised embeddings"))
                .extra("faces", faces);
        if (c.mask() != MaskMode.NONE) {
            JsonObject m = new JsonObject();
            m.addProperty("mode", c.mask().name().toLowerCase(Locale.ROOT));
            m.addProperty("masked", c.mask() == MaskMode.BOTH ? "both images of every pair" : "the second image of every pair");
            m.addProperty("category", c.category().cliName());
            m.addProperty("perImageSeed", "seed * 1000003 + fileName.hashCode()");
            report.extra("mask", m);
        }
        return new Outcome(report.build(), sources);
    }

    private static LinkedHashSet<Path> union(LinkedHashSet<Path> a, LinkedHashSet<Path> b) {
        LinkedHashSet<Path> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static JsonObject counts(Map<Path, Entry> entries) {
        JsonObject o = new JsonObject();
        o.addProperty("images", entries.size());
        for (Source s : Source.values()) {
            o.addProperty(s.name().toLowerCase(Locale.ROOT), entries.values().stream().filter(e -> e.source() == s).count());
        }
        return o;
    }
}
