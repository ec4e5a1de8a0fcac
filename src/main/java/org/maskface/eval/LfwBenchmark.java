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
import org.maskface.face.embed.FaceEmbedder;
import org.maskface.face.FacePipeline;
import org.maskface.mask.MaskCategory;

/**
 * LFW verification (DESIGN.md §5): every image of the chosen folds' pairs goes through the full
 * pipeline (detect → landmarks → align → embed); pairs are scored by cosine similarity and the
 * k-fold protocol picks each fold's threshold on the other folds.
 *
 * <p>Masked variants put a synthetic mask on the probe (the second image of each pair) or on
 * both images, before detection. The mask is placed from the face found in the clean photo and
 * seeded by the image's file name, so every method and every run sees the same masked pairs.
 *
 * <p>One run may sweep several variants (fold ranges × mask modes × categories). It costs one
 * clean pass over the images plus one masked pass per category: an image's masked embedding is
 * the same whether the probe or both sides are masked, and folds 6–10 are a subset of 1–10.
 */
public final class LfwBenchmark {

    /** Which side of each pair wears a mask. */
    public enum MaskMode { NONE, PROBE, BOTH }

    /** One report's worth: a fold range, a mask mode and (when masked) a category. */
    public record Variant(int firstFold, int lastFold, MaskMode mask, MaskCategory category) {

        /** "lfw" for all ten folds, else e.g. "lfw-folds6-10". */
        public String benchmark() {
            return (firstFold == 1 && lastFold == 10) ? "lfw" : "lfw-folds" + firstFold + "-" + lastFold;
        }

        /** "clean", or e.g. "masked-probe" (mixed categories) / "masked-both-simple". */
        public String name() {
            if (mask == MaskMode.NONE) {
                return "clean";
            }
            return "masked-" + mask.name().toLowerCase(Locale.ROOT)
                    + (category == MaskCategory.MIXED ? "" : "-" + category.cliName());
        }
    }

    /** What to run: every combination of the fold ranges, mask modes and categories. */
    public record Config(Path root, Path pairs, String method, int workers, boolean wholeImageFallback, long seed,
                         List<int[]> foldRanges, List<MaskMode> modes, List<MaskCategory> categories,
                         FacePipeline.Options frontEnd) {

        /** The variants in report order; the clean variant once per fold range whatever the categories. */
        public List<Variant> variants() {
            List<Variant> out = new ArrayList<>();
            for (int[] f : foldRanges) {
                for (MaskMode m : modes) {
                    if (m == MaskMode.NONE) {
                        out.add(new Variant(f[0], f[1], m, MaskCategory.MIXED));
                        continue;
                    }
                    for (MaskCategory c : categories) {
                        out.add(new Variant(f[0], f[1], m, c));
                    }
                }
            }
            return out;
        }
    }

    /** A report plus the per-image outcome counts of the images it used (clean and masked together). */
    public record Outcome(Variant variant, VerificationReport report, Map<Source, Integer> sources) {
    }

    private LfwBenchmark() {
    }

    public static List<Outcome> run(Config c, org.maskface.model.ModelHub hub, String commandLine, boolean progress)
            throws Exception {
        // The code that runs is the code checked out now: a commit made during a long run must not be credited.
        String gitCommit = VerificationReport.detectGitCommit(Path.of("."));
        List<List<LfwPairs.Pair>> allFolds = LfwPairs.parse(c.pairs(), c.root());
        List<Variant> variants = c.variants();
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("nothing to run: no fold range, mask mode or category");
        }
        // Every image any variant needs clean, and every image any variant masks.
        LinkedHashSet<Path> cleanNeeded = new LinkedHashSet<>();
        LinkedHashSet<Path> maskedNeeded = new LinkedHashSet<>();
        for (Variant v : variants) {
            for (LfwPairs.Pair p : pairsOf(allFolds, v)) {
                (v.mask() == MaskMode.BOTH ? maskedNeeded : cleanNeeded).add(p.a());
                (v.mask() == MaskMode.NONE ? cleanNeeded : maskedNeeded).add(p.b());
            }
        }
        for (Path p : union(cleanNeeded, maskedNeeded)) {
            if (!Files.isRegularFile(p)) {
                throw new IOException("LFW image missing: " + p + " (is --root the folder holding Name/Name_0001.jpg?)");
            }
        }
        // The clean pass covers the masked images too: their masks are placed from the clean face.
        Map<Path, Entry> clean = ImageEmbeddings.embed(new ArrayList<>(union(cleanNeeded, maskedNeeded)), hub,
                c.method(), c.workers(), c.wholeImageFallback(), ImageTransform.NONE, progress, c.frontEnd());
        Map<MaskCategory, Map<Path, Entry>> masked = new EnumMap<>(MaskCategory.class);
        for (Variant v : variants) {
            if (v.mask() != MaskMode.NONE && !masked.containsKey(v.category())) {
                masked.put(v.category(), ImageEmbeddings.embed(new ArrayList<>(maskedNeeded), hub, c.method(),
                        c.workers(), c.wholeImageFallback(), SyntheticMasking.transform(v.category(), c.seed(), clean), progress,
                        c.frontEnd()));
            }
        }
        List<Outcome> out = new ArrayList<>();
        for (Variant v : variants) {
            out.add(report(c, v, pairsOf(allFolds, v), clean, masked.getOrDefault(v.category(), Map.of()),
                    commandLine, gitCommit));
        }
        return out;
    }

    private static List<LfwPairs.Pair> pairsOf(List<List<LfwPairs.Pair>> allFolds, Variant v) {
        return LfwPairs.flatten(LfwPairs.selectFolds(allFolds, v.firstFold(), v.lastFold()));
    }

    private static Outcome report(Config c, Variant v, List<LfwPairs.Pair> pairs, Map<Path, Entry> cleanAll,
                                  Map<Path, Entry> maskedAll, String commandLine, String gitCommit) {
        // The entries this variant used, for its face counts.
        Map<Path, Entry> clean = new java.util.LinkedHashMap<>();
        Map<Path, Entry> masked = new java.util.LinkedHashMap<>();
        List<ScoredPair> scored = new ArrayList<>();
        int failures = 0;
        for (LfwPairs.Pair p : pairs) {
            boolean maskA = v.mask() == MaskMode.BOTH;
            boolean maskB = v.mask() != MaskMode.NONE;
            Entry a = (maskA ? maskedAll : cleanAll).get(p.a());
            Entry b = (maskB ? maskedAll : cleanAll).get(p.b());
            (maskA ? masked : clean).put(p.a(), a);
            (maskB ? masked : clean).put(p.b(), b);
            if (a.embedding() == null || b.embedding() == null) {
                failures++;
                continue;
            }
            scored.add(ScoredPair.of(p, FaceEmbedder.similarity(a.embedding(), b.embedding())));
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

        VerificationReport.Builder report = VerificationReport.builder(result)
                .benchmark(v.benchmark())
                .variant(v.name())
                .method(c.method())
                .failures(failures)
                .command(commandLine)
                .seed(v.mask() == MaskMode.NONE ? null : c.seed())
                .gitCommit(gitCommit)
                .extra("similarity", new JsonPrimitive("cosine of L2-normalised embeddings"))
                .extra("faces", faces)
                .extra("frontEnd", new JsonPrimitive(c.frontEnd().describe()));
        if (v.mask() != MaskMode.NONE) {
            JsonObject m = new JsonObject();
            m.addProperty("mode", v.mask().name().toLowerCase(Locale.ROOT));
            m.addProperty("masked", v.mask() == MaskMode.BOTH ? "both images of every pair" : "the second image of every pair");
            m.addProperty("category", v.category().cliName());
            m.addProperty("perImageSeed", "seed * 1000003 + fileName.hashCode()");
            report.extra("mask", m);
        }
        return new Outcome(v, report.build(), sources);
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
