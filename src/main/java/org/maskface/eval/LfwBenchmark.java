package org.maskface.eval;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.maskface.eval.ImageEmbeddings.Entry;
import org.maskface.eval.ImageEmbeddings.Source;
import org.maskface.eval.VerificationProtocol.Result;
import org.maskface.eval.VerificationProtocol.ScoredPair;
import org.maskface.face.embed.FaceEmbedder;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelHub;

/**
 * LFW verification (DESIGN.md §5): every image of the chosen folds' pairs goes through the full
 * pipeline (detect → landmarks → align → embed) once; pairs are scored by cosine similarity and
 * the 10-fold protocol picks each fold's threshold on the other folds.
 */
public final class LfwBenchmark {

    /** What to run. */
    public record Config(Path root, Path pairs, String method, int firstFold, int lastFold, int workers,
                         boolean wholeImageFallback, String variant, Function<RgbImage, RgbImage> transform,
                         Long seed) {
    }

    /** The report plus the per-image outcome counts. */
    public record Outcome(VerificationReport report, Map<Source, Integer> sources) {
    }

    private LfwBenchmark() {
    }

    public static Outcome run(Config c, ModelHub hub, String commandLine, boolean progress) throws Exception {
        List<List<LfwPairs.Pair>> folds = LfwPairs.selectFolds(LfwPairs.parse(c.pairs(), c.root()),
                c.firstFold(), c.lastFold());
        List<LfwPairs.Pair> pairs = LfwPairs.flatten(folds);
        LinkedHashSet<Path> unique = new LinkedHashSet<>();
        for (LfwPairs.Pair p : pairs) {
            unique.add(p.a());
            unique.add(p.b());
        }
        for (Path p : unique) {
            if (!Files.isRegularFile(p)) {
                throw new IOException("LFW image missing: " + p + " (is --root the folder holding Name/Name_0001.jpg?)");
            }
        }
        Map<Path, Entry> embeddings = ImageEmbeddings.embed(new ArrayList<>(unique), hub, c.method(), c.workers(),
                c.wholeImageFallback(), c.transform(), progress);

        List<ScoredPair> scored = new ArrayList<>();
        int failures = 0;
        for (LfwPairs.Pair p : pairs) {
            float[] a = embeddings.get(p.a()).embedding();
            float[] b = embeddings.get(p.b()).embedding();
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
        embeddings.values().forEach(e -> sources.merge(e.source(), 1, Integer::sum));
        JsonObject faces = new JsonObject();
        faces.addProperty("images", unique.size());
        sources.forEach((k, v) -> faces.addProperty(k.name().toLowerCase(), v));

        String benchmark = (c.firstFold() == 1 && c.lastFold() == 10) ? "lfw"
                : "lfw-folds" + c.firstFold() + "-" + c.lastFold();
        VerificationReport report = VerificationReport.builder(result)
                .benchmark(benchmark)
                .variant(c.variant())
                .method(c.method())
                .failures(failures)
                .command(commandLine)
                .seed(c.seed())
                .gitCommit(VerificationReport.detectGitCommit(Path.of(".")))
                .extra("similarity", new com.google.gson.JsonPrimitive("cosine of L2-normalised embeddings"))
                .extra("faces", faces)
                .build();
        return new Outcome(report, sources);
    }
}
