package org.maskface.eval;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.maskface.face.occlusion.OcclusionEstimator;
import org.maskface.face.occlusion.OcclusionMap;
import org.maskface.mask.MaskCategory;
import org.maskface.train.FaceCropSet;
import org.maskface.train.Augment;
import org.maskface.train.MaskedFaceSamples;
import org.maskface.train.MaskedFaceSamples.Sample;

/**
 * How well an occlusion estimator recovers synthetic masks on held-out faces: for each of the
 * first {@code images} faces and each category, one mask (seed fixed by run seed, image index
 * and category), no jitter. Reports the mean per-image IoU (the goal figure), the pooled pixel
 * IoU, and on the same faces unmasked, the coverage the estimator wrongly predicts.
 */
public final class OcclusionBenchmark {

    private static final int BATCH = 32;

    private OcclusionBenchmark() {
    }

    /** The per-sample seed: the same masks for every estimator evaluated with the same seed. */
    static long sampleSeed(long seed, int index, MaskCategory category) {
        return seed * 1_000_003L + index * 31L + category.ordinal();
    }

    public static JsonObject run(OcclusionEstimator estimator, FaceCropSet faces, int images, long seed) {
        List<FaceCropSet.Crop> crops = faces.crops().subList(0, Math.min(images, faces.size()));
        JsonObject out = new JsonObject();
        out.addProperty("faces", crops.size());
        out.addProperty("seed", seed);
        out.addProperty("perSampleSeed", "seed * 1000003 + index * 31 + category.ordinal()");
        out.addProperty("threshold", OcclusionMap.THRESHOLD);
        JsonObject per = new JsonObject();
        double iouSum = 0;
        int iouN = 0;
        for (MaskCategory c : MaskCategory.CONCRETE) {
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < crops.size(); i++) {
                samples.add(MaskedFaceSamples.make(crops.get(i), c, sampleSeed(seed, i, c), Augment.NONE));
            }
            Scores s = score(estimator, samples);
            per.add(c.cliName(), s.toJson());
            iouSum += s.meanIoU * samples.size();
            iouN += samples.size();
        }
        out.addProperty("meanIoU", iouSum / iouN);
        out.add("categories", per);
        List<Sample> clean = new ArrayList<>();
        for (FaceCropSet.Crop crop : crops) {
            clean.add(MaskedFaceSamples.make(crop, null, 0, Augment.NONE));
        }
        Scores unmasked = score(estimator, clean);
        out.addProperty("unmaskedPredictedCoverage", unmasked.predictedCoverage);
        out.addProperty("unmaskedFacesWithAnyPrediction", unmasked.anyPredicted);
        return out;
    }

    private record Scores(double meanIoU, double pixelIoU, double trueCoverage, double predictedCoverage,
                          double anyPredicted, int n) {

        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("meanIoU", meanIoU);
            o.addProperty("pixelIoU", pixelIoU);
            o.addProperty("trueCoverage", trueCoverage);
            o.addProperty("predictedCoverage", predictedCoverage);
            o.addProperty("samples", n);
            return o;
        }
    }

    private static Scores score(OcclusionEstimator estimator, List<Sample> samples) {
        double iouSum = 0;
        long inter = 0;
        long union = 0;
        double trueCov = 0;
        double predCov = 0;
        int any = 0;
        for (int from = 0; from < samples.size(); from += BATCH) {
            List<Sample> batch = samples.subList(from, Math.min(samples.size(), from + BATCH));
            List<OcclusionMap> maps = estimator.estimateAll(batch.stream().map(Sample::image).toList());
            for (int k = 0; k < batch.size(); k++) {
                boolean[] truth = binary(batch.get(k).target());
                boolean[] pred = maps.get(k).occluded();
                iouSum += OcclusionMap.iou(truth, pred);
                int t = 0;
                int p = 0;
                for (int i = 0; i < truth.length; i++) {
                    inter += truth[i] && pred[i] ? 1 : 0;
                    union += truth[i] || pred[i] ? 1 : 0;
                    t += truth[i] ? 1 : 0;
                    p += pred[i] ? 1 : 0;
                }
                trueCov += t / (double) truth.length;
                predCov += p / (double) truth.length;
                any += p > 0 ? 1 : 0;
            }
        }
        int n = samples.size();
        return new Scores(iouSum / n, union == 0 ? 1 : inter / (double) union, trueCov / n, predCov / n,
                any / (double) n, n);
    }

    private static boolean[] binary(float[] target) {
        boolean[] b = new boolean[target.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = target[i] >= 0.5f;
        }
        return b;
    }

    /** A one-line summary, e.g. for the console. */
    public static String summary(JsonObject r) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "mean IoU %.4f over %d faces × 4 categories (",
                r.get("meanIoU").getAsDouble(), r.get("faces").getAsInt()));
        JsonObject per = r.getAsJsonObject("categories");
        List<String> parts = new ArrayList<>();
        per.keySet().forEach(k -> parts.add(String.format(Locale.ROOT, "%s %.4f", k,
                per.getAsJsonObject(k).get("meanIoU").getAsDouble())));
        s.append(String.join(", ", parts)).append(String.format(Locale.ROOT,
                "); unmasked faces: %.4f of pixels predicted occluded", r.get("unmaskedPredictedCoverage").getAsDouble()));
        return s.toString();
    }
}
