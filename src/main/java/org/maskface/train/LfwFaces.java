package org.maskface.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.maskface.eval.LfwPairs;
import org.maskface.model.ModelHub;

/**
 * Aligned faces of the LFW images used by a range of folds (folds are identity-disjoint, so
 * folds 1–5 train and 6–10 test without sharing a person), cached under {@code cacheDir}.
 */
public final class LfwFaces {

    private LfwFaces() {
    }

    /** "1-5" → {1, 5}. */
    public static int[] parseFolds(String range) {
        String[] p = range.trim().split("-");
        int first = Integer.parseInt(p[0].trim());
        int last = Integer.parseInt(p[p.length - 1].trim());
        if (p.length > 2 || first < 1 || last > 10 || first > last) {
            throw new IllegalArgumentException("fold range must look like 1-5 within 1-10, got " + range);
        }
        return new int[] {first, last};
    }

    /** The pairs of a range of folds ("6-10"), in pairs-file order. */
    public static List<LfwPairs.Pair> pairs(Path root, Path pairs, String folds) throws java.io.IOException {
        int[] f = parseFolds(folds);
        return LfwPairs.flatten(LfwPairs.selectFolds(LfwPairs.parse(pairs, root), f[0], f[1]));
    }

    /** The distinct images of the folds' pairs, in pairs-file order. */
    public static List<Path> images(Path root, Path pairs, String folds) throws java.io.IOException {
        LinkedHashSet<Path> out = new LinkedHashSet<>();
        for (LfwPairs.Pair p : pairs(root, pairs, folds)) {
            out.add(p.a());
            out.add(p.b());
        }
        return new ArrayList<>(out);
    }

    /**
     * The aligned faces of at most {@code limit} of those images (all when {@code limit} ≤ 0),
     * from {@code cacheDir} when they were made before.
     */
    public static FaceCropSet crops(Path root, Path pairs, String folds, int limit, Path cacheDir, ModelHub hub,
                                    int workers, boolean progress) throws Exception {
        List<Path> images = images(root, pairs, folds);
        if (limit > 0 && images.size() > limit) {
            images = images.subList(0, limit);
        }
        Path cache = cacheDir.resolve("lfw-folds" + folds.trim() + "-" + images.size() + ".crops");
        return FaceCropSet.cached(cache, images, p -> p.getParent().getFileName().toString(), hub, workers, progress);
    }
}
