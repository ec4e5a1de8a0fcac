package org.maskface.eval;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.maskface.face.Face;
import org.maskface.face.FacePipeline;
import org.maskface.face.align.SimilarityTransform;
import org.maskface.face.landmark.Landmarks;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.mask.MaskCategory;
import org.maskface.mask.PhotoMasker;
import org.maskface.model.ModelHub;

/**
 * How a front end (detector + landmarks) holds up when the face wears a synthetic mask. Ground
 * truth is what the basic front end (face-api's detector and landmarks, {@link
 * FacePipeline.Options#BASIC}) finds on the clean photo, whichever front end is measured, so
 * every front end is judged on the same faces against the same points: the mask is drawn from
 * that face, then the masked photo is searched by the front end under test. A masked face is found when a detected box overlaps
 * the clean box with IoU ≥ 0.5; its landmarks are compared with the clean ones in the clean
 * face's aligned 112×112 crop (so errors are in pixels of the crop every method sees), and the
 * alignment itself is checked: where the clean eye centres land in the masked face's crop
 * against where they land in the clean crop (what a recogniser actually sees shift). Photos
 * where the clean search finds nothing have no ground truth and are counted apart.
 */
public final class MaskedFrontEndSurvey {

    /** Box IoU at or above which a masked detection is the clean face. */
    public static final double MATCH_IOU = 0.5;

    /** One masked photo's outcome; errors are NaN when the face was not found. */
    public record Trial(boolean found, boolean padded, double boxIoU, double meanError, double eyeError,
                        double alignedEyeError, boolean flaggedMasked) {
    }

    private MaskedFrontEndSurvey() {
    }

    /** A worker's two front ends: the one that gives the ground truth, and the one under test. */
    private record Pipelines(FacePipeline truth, FacePipeline tested) implements AutoCloseable {
        @Override
        public void close() {
            truth.close();
            tested.close();
        }
    }

    /** Per photo with a clean face (others are left out): one trial per category. */
    public static Map<Path, Map<MaskCategory, Trial>> run(List<Path> images, List<MaskCategory> categories, long seed,
                                                          ModelHub hub, int workers, FacePipeline.Options tested)
            throws Exception {
        Map<Path, Map<MaskCategory, Trial>> out = new ConcurrentHashMap<>();
        Workers.run(images, workers, "masked front end", true,
                () -> new Pipelines(new FacePipeline(hub, FacePipeline.Options.BASIC), new FacePipeline(hub, tested)),
                (p, pipelines) -> {
                    RgbImage image;
                    try {
                        image = ImageLoader.load(p);
                    } catch (Exception e) {
                        return;
                    }
                    List<Face> clean = pipelines.truth().faces(image);
                    if (clean.isEmpty()) {
                        return;
                    }
                    Face truth = clean.get(0);
                    Map<MaskCategory, Trial> trials = new EnumMap<>(MaskCategory.class);
                    for (MaskCategory c : categories) {
                        RgbImage masked = PhotoMasker.mask(image, truth, c, SyntheticMasking.maskSeed(seed, p)).image();
                        trials.put(c, compare(truth, pipelines.tested().faces(masked)));
                    }
                    out.put(p, trials);
                });
        return out;
    }

    /** Matches the masked detections against the clean face and measures landmark drift. */
    static Trial compare(Face truth, List<Face> found) {
        Face best = null;
        double bestIoU = 0;
        for (Face f : found) {
            double iou = f.box().iou(truth.box());
            if (iou > bestIoU) {
                bestIoU = iou;
                best = f;
            }
        }
        if (best == null || bestIoU < MATCH_IOU) {
            return new Trial(false, false, bestIoU, Double.NaN, Double.NaN, Double.NaN, false);
        }
        SimilarityTransform toCrop = truth.aligned().imageToCrop();
        float[][] a = truth.landmarks();
        float[][] b = best.landmarks();
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += distance(toCrop, a[i][0], a[i][1], b[i][0], b[i][1]);
        }
        double eyes = 0;
        for (int start : Landmarks.EYES) {
            double[] ca = Landmarks.eyeCentre(a, start);
            double[] cb = Landmarks.eyeCentre(b, start);
            eyes += distance(toCrop, ca[0], ca[1], cb[0], cb[1]) / Landmarks.EYES.length;
        }
        // Alignment drift: where the true eye centres land in the masked face's crop vs the clean crop.
        SimilarityTransform maskedToCrop = best.aligned().imageToCrop();
        double aligned = 0;
        for (int start : Landmarks.EYES) {
            double[] c = Landmarks.eyeCentre(a, start);
            double[] p = toCrop.apply(c[0], c[1]);
            double[] q = maskedToCrop.apply(c[0], c[1]);
            aligned += Math.hypot(p[0] - q[0], p[1] - q[1]) / Landmarks.EYES.length;
        }
        return new Trial(true, best.searchPadding() > 0, bestIoU, sum / a.length, eyes, aligned, best.masked());
    }

    private static double distance(SimilarityTransform t, double ax, double ay, double bx, double by) {
        double[] p = t.apply(ax, ay);
        double[] q = t.apply(bx, by);
        return Math.hypot(p[0] - q[0], p[1] - q[1]);
    }

    /** Hit rates and landmark errors per category, as JSON. */
    public static JsonObject summary(Map<Path, Map<MaskCategory, Trial>> results, int images, List<MaskCategory> categories) {
        JsonObject o = new JsonObject();
        o.addProperty("images", images);
        o.addProperty("withCleanFace", results.size());
        o.addProperty("withoutCleanFace", images - results.size());
        o.addProperty("matchIoU", MATCH_IOU);
        o.addProperty("errorUnit", "pixels of the clean face's aligned 112x112 crop");
        JsonObject per = new JsonObject();
        for (MaskCategory c : categories) {
            List<Trial> trials = new ArrayList<>();
            results.values().forEach(m -> trials.add(m.get(c)));
            long found = trials.stream().filter(Trial::found).count();
            long padded = trials.stream().filter(t -> t.found() && t.padded()).count();
            double[] err = trials.stream().filter(Trial::found).mapToDouble(Trial::meanError).sorted().toArray();
            double[] eye = trials.stream().filter(Trial::found).mapToDouble(Trial::eyeError).sorted().toArray();
            double[] aligned = trials.stream().filter(Trial::found).mapToDouble(Trial::alignedEyeError).sorted().toArray();
            JsonObject s = new JsonObject();
            s.addProperty("faces", trials.size());
            s.addProperty("hitRate", trials.isEmpty() ? 0 : found / (double) trials.size());
            s.addProperty("hitRateWithoutPaddedRetry", trials.isEmpty() ? 0 : (found - padded) / (double) trials.size());
            s.addProperty("flaggedMaskedOfFound", found == 0 ? 0
                    : trials.stream().filter(t -> t.found() && t.flaggedMasked()).count() / (double) found);
            s.add("landmarkErrorMean", number(mean(err)));
            s.add("landmarkErrorMedian", number(quantile(err, 0.5)));
            s.add("eyeCentreErrorMean", number(mean(eye)));
            s.add("eyeCentreErrorMedian", number(quantile(eye, 0.5)));
            s.add("eyeCentreErrorP95", number(quantile(eye, 0.95)));
            s.add("alignedEyeCentreErrorMean", number(mean(aligned)));
            s.add("alignedEyeCentreErrorP95", number(quantile(aligned, 0.95)));
            per.add(c.cliName(), s);
        }
        o.add("categories", per);
        return o;
    }

    /** NaN (nothing found) as JSON null. */
    private static com.google.gson.JsonElement number(double v) {
        return Double.isNaN(v) ? com.google.gson.JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(v);
    }

    private static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double quantile(double[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.round(q * (sorted.length - 1))];
    }
}
