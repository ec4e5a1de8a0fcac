package org.maskface.eval;

import com.google.gson.JsonObject;
import java.util.List;
import org.maskface.face.landmark.LandmarkRefiner;
import org.maskface.face.landmark.Landmarks;
import org.maskface.mask.MaskCategory;
import org.maskface.train.Augment;
import org.maskface.train.FaceCropSet;
import org.maskface.train.MaskedFaceSamples;

/**
 * How well a landmark net recovers the clean face's landmarks from an aligned masked crop that
 * has drifted: for each of the first {@code images} held-out faces and each category, one mask
 * and one geometric jitter (seed fixed by run seed, image index and category). Errors are in
 * pixels of the 112×112 crop; the eye-centre error is what alignment depends on.
 */
public final class LandmarkBenchmark {

    private LandmarkBenchmark() {
    }

    /** @param drift the geometric part of the jitter (its colour settings are ignored) */
    public static JsonObject run(LandmarkRefiner net, FaceCropSet faces, int images, long seed, Augment drift) {
        Augment geometric = new Augment(drift.rotateDegrees(), drift.scale(), drift.shiftPixels(), 0, 0, 0);
        List<FaceCropSet.Crop> crops = faces.crops().subList(0, Math.min(images, faces.size()));
        JsonObject out = new JsonObject();
        out.addProperty("faces", crops.size());
        out.addProperty("seed", seed);
        out.addProperty("errorUnit", "pixels of the aligned 112x112 crop");
        JsonObject per = new JsonObject();
        double eyeSum = 0;
        double allSum = 0;
        int n = 0;
        for (MaskCategory c : MaskCategory.CONCRETE) {
            double eye = 0;
            double all = 0;
            for (int i = 0; i < crops.size(); i++) {
                FaceCropSet.Crop crop = crops.get(i);
                MaskedFaceSamples.Sample s = MaskedFaceSamples.make(crop, c, OcclusionBenchmark.sampleSeed(seed, i, c),
                        geometric);
                float[][] truth = s.landmarks(crop.landmarks());
                float[][] found = net.inCrop(s.image());
                eye += Landmarks.eyeCentreError(truth, found);
                all += Landmarks.meanError(truth, found);
            }
            JsonObject o = new JsonObject();
            o.addProperty("eyeCentreErrorMean", eye / crops.size());
            o.addProperty("landmarkErrorMean", all / crops.size());
            per.add(c.cliName(), o);
            eyeSum += eye;
            allSum += all;
            n += crops.size();
        }
        out.addProperty("eyeCentreErrorMean", eyeSum / n);
        out.addProperty("landmarkErrorMean", allSum / n);
        out.add("categories", per);
        return out;
    }
}
