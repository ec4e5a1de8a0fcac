package org.maskface.eval;

import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.maskface.face.embed.CropEmbedder;
import org.maskface.face.embed.FaceEmbedder;
import org.maskface.image.RgbImage;
import org.maskface.mask.MaskCategory;
import org.maskface.train.Augment;
import org.maskface.train.FaceCropSet;
import org.maskface.train.MaskedFaceSamples;

/**
 * LFW verification (10-fold protocol over the chosen folds) on the aligned crops of the clean
 * photos, with synthetic masks drawn on the crop: the front end is held fixed and perfect, so
 * recognizers of one family (e.g. the ablation students of a method) are compared by what they
 * do with the face alone, in minutes. It is not the headline benchmark ({@link LfwBenchmark}
 * masks the photo and runs the whole pipeline); its figures are not comparable with those.
 * Each image's mask (category one of the four, drawn per image) is seeded by the seed and the
 * file name, so every recognizer sees the same masked crops.
 */
public final class AlignedLfw {

    private AlignedLfw() {
    }

    /**
     * @param pairs      the pairs to score (those whose images are not in {@code crops} count as failures)
     * @param bothMasked mask both faces of a pair; otherwise only the second (the probe)
     */
    public static VerificationReport run(FaceCropSet crops, List<LfwPairs.Pair> pairs, CropEmbedder embedder,
                                         String method, long seed, boolean bothMasked, String command) {
        Map<String, FaceCropSet.Crop> byFile = new HashMap<>();
        crops.crops().forEach(c -> byFile.put(c.file(), c));
        LinkedHashSet<String> clean = new LinkedHashSet<>();
        LinkedHashSet<String> masked = new LinkedHashSet<>();
        int failures = 0;
        List<LfwPairs.Pair> usable = new ArrayList<>();
        for (LfwPairs.Pair p : pairs) {
            String a = p.a().toString();
            String b = p.b().toString();
            if (!byFile.containsKey(a) || !byFile.containsKey(b)) {
                failures++;
                continue;
            }
            usable.add(p);
            (bothMasked ? masked : clean).add(a);
            masked.add(b);
        }
        Map<String, float[]> cleanEmb = embed(new ArrayList<>(clean), f -> byFile.get(f).image(), embedder);
        Map<String, float[]> maskedEmb = embed(new ArrayList<>(masked), f -> maskedCrop(byFile.get(f), seed), embedder);
        List<VerificationProtocol.ScoredPair> scored = new ArrayList<>();
        for (LfwPairs.Pair p : usable) {
            float[] a = (bothMasked ? maskedEmb : cleanEmb).get(p.a().toString());
            float[] b = maskedEmb.get(p.b().toString());
            scored.add(VerificationProtocol.ScoredPair.of(p, FaceEmbedder.similarity(a, b)));
        }
        return VerificationReport.builder(VerificationProtocol.evaluate(scored))
                .benchmark("lfw-aligned").variant(bothMasked ? "masked-both" : "masked-probe").method(method)
                .failures(failures).command(command).seed(seed)
                .gitCommit(VerificationReport.detectGitCommit(Path.of(".")))
                .extra("protocol", new JsonPrimitive("aligned crops of the clean photos (basic front end), synthetic "
                        + "mask drawn on the crop, category drawn per image; not comparable with the lfw benchmark"))
                .build();
    }

    /** The crop under its fixed synthetic mask. */
    public static RgbImage maskedCrop(FaceCropSet.Crop crop, long seed) {
        Random r = new Random(SyntheticMasking.maskSeed(seed, Path.of(crop.file())));
        MaskCategory c = MaskCategory.CONCRETE.get(r.nextInt(MaskCategory.CONCRETE.size()));
        return MaskedFaceSamples.make(crop, c, r.nextLong(), Augment.NONE).image();
    }

    private static Map<String, float[]> embed(List<String> files, java.util.function.Function<String, RgbImage> image,
                                              CropEmbedder embedder) {
        // masked on demand, a chunk at a time inside the embedder, not all 3,000 crops up front
        List<RgbImage> crops = new java.util.AbstractList<>() {
            @Override
            public RgbImage get(int i) {
                return image.apply(files.get(i));
            }

            @Override
            public int size() {
                return files.size();
            }
        };
        List<float[]> e = embedder.embedCrops(crops);
        Map<String, float[]> out = new HashMap<>();
        for (int k = 0; k < files.size(); k++) {
            out.put(files.get(k), e.get(k));
        }
        return out;
    }
}
