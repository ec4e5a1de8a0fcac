package org.maskface.train;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.maskface.eval.LfwPairs;
import org.maskface.eval.VerificationProtocol;
import org.maskface.face.embed.CropEmbedder;
import org.maskface.face.embed.FaceEmbedder;
import org.maskface.image.RgbImage;
import org.maskface.mask.MaskCategory;

/**
 * What every trained recognizer is checked with while and after it learns, on aligned crops:
 * how close it lands to the teacher on masked held-out faces, and the verification threshold
 * stored with its weights (chosen on training-fold pairs, never on the test folds).
 */
public final class EmbedderChecks {

    /** Training-fold pairs the stored threshold is chosen on. */
    public static final int THRESHOLD_PAIRS = 600;

    private EmbedderChecks() {
    }

    /** The faces under fixed synthetic masks (seeded by {@code seed} and the face's position). */
    public static List<RgbImage> maskedFaces(List<FaceCropSet.Crop> faces, long seed) {
        return maskedSamples(faces, seed).stream().map(MaskedFaceSamples.Sample::image).toList();
    }

    /** {@link #maskedFaces} with what covers each face. */
    public static List<MaskedFaceSamples.Sample> maskedSamples(List<FaceCropSet.Crop> faces, long seed) {
        List<MaskedFaceSamples.Sample> out = new ArrayList<>();
        Random r = new Random(seed + 1);
        for (FaceCropSet.Crop c : faces) {
            MaskCategory category = MaskCategory.CONCRETE.get(r.nextInt(MaskCategory.CONCRETE.size()));
            out.add(MaskedFaceSamples.make(c, category, r.nextLong(), Augment.NONE));
        }
        return out;
    }

    /** Mean cosine of the embedding of each masked face to the teacher's of the clean photo. */
    public static double teacherCosine(CropEmbedder embedder, List<FaceCropSet.Crop> faces, TeacherTargets targets,
                                       long seed) {
        return teacherCosine(embedder, faces, maskedFaces(faces, seed), targets);
    }

    /** {@link #teacherCosine} with the masked faces already drawn ({@code masked.get(i)} is {@code faces.get(i)} masked). */
    public static double teacherCosine(CropEmbedder embedder, List<FaceCropSet.Crop> faces, List<RgbImage> masked,
                                       TeacherTargets targets) {
        List<float[]> e = embedder.embedCrops(masked);
        double sum = 0;
        for (int i = 0; i < faces.size(); i++) {
            sum += FaceEmbedder.similarity(e.get(i), targets.of(faces.get(i).file()));
        }
        return sum / Math.max(1, faces.size());
    }

    /**
     * The accuracy-maximising threshold on up to {@link #THRESHOLD_PAIRS} pairs of the training folds
     * with the second face masked (as in deployment: a clean enrolment photo, a masked probe).
     */
    public static JsonObject threshold(CropEmbedder embedder, FaceCropSet trainSet, TrainingData data, long seed)
            throws java.io.IOException {
        Map<String, FaceCropSet.Crop> byFile = new HashMap<>();
        trainSet.crops().forEach(c -> byFile.put(c.file(), c));
        List<LfwPairs.Pair> pairs = new ArrayList<>();
        for (LfwPairs.Pair p : LfwFaces.pairs(Path.of(data.lfw()), Path.of(data.pairs()), data.trainFolds())) {
            if (byFile.containsKey(p.a().toString()) && byFile.containsKey(p.b().toString())) {
                pairs.add(p);
            }
        }
        java.util.Collections.shuffle(pairs, new Random(seed));
        pairs = pairs.subList(0, Math.min(THRESHOLD_PAIRS, pairs.size()));
        List<RgbImage> clean = new ArrayList<>();
        List<FaceCropSet.Crop> probes = new ArrayList<>();
        for (LfwPairs.Pair p : pairs) {
            clean.add(byFile.get(p.a().toString()).image());
            probes.add(byFile.get(p.b().toString()));
        }
        List<float[]> a = embedder.embedCrops(clean);
        List<float[]> b = embedder.embedCrops(maskedFaces(probes, seed + 2));
        double[] scores = new double[pairs.size()];
        boolean[] same = new boolean[pairs.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = FaceEmbedder.similarity(a.get(i), b.get(i));
            same[i] = pairs.get(i).same();
        }
        VerificationProtocol.ThresholdChoice choice = VerificationProtocol.bestThreshold(scores, same);
        JsonObject out = new JsonObject();
        out.addProperty("threshold", choice.threshold());
        out.addProperty("accuracy", choice.accuracy());
        out.addProperty("pairs", scores.length);
        out.addProperty("chosenOn", "pairs of LFW folds " + data.trainFolds()
                + " (training identities), first face clean, second under a synthetic mask");
        return out;
    }
}
