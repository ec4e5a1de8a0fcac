package org.maskface.face.landmark;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import org.maskface.face.align.AlignedFace;
import org.maskface.face.align.SimilarityTransform;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelHub;

/**
 * Second-stage landmarks for masked faces. The first stage runs face-api's net on the detector
 * box, where a mask hides half of what it was trained to see and its eye points drift; this net
 * (the same architecture, finetuned on synthetic masks with the clean face's landmarks as
 * targets) looks again at the face aligned from those first points. One instance per thread.
 */
public final class LandmarkRefiner implements AutoCloseable {

    private final Predictor<RgbImage, float[][]> predictor;

    /** The shipped refiner. */
    public LandmarkRefiner(ModelHub hub) {
        this(hub.landmarkRefiner());
    }

    /** Any model whose block is a {@link org.maskface.nn.Landmark68Net} (e.g. one being trained). */
    public LandmarkRefiner(Model model) {
        predictor = ModelHub.predictor(model, new Landmark68Translator());
    }

    /** The 68 landmarks of an aligned face crop, in the crop's pixels. */
    public float[][] inCrop(RgbImage crop) {
        try {
            return predictor.predict(crop);
        } catch (TranslateException e) {
            throw new IllegalStateException("landmark refiner failed: " + e.getMessage(), e);
        }
    }

    /** The 68 landmarks of an aligned face, in its source image's pixels. */
    public float[][] refine(AlignedFace face) {
        float[][] pts = inCrop(face.crop());
        SimilarityTransform toImage = face.imageToCrop().inverse();
        for (float[] p : pts) {
            double[] q = toImage.apply(p[0], p[1]);
            p[0] = (float) q[0];
            p[1] = (float) q[1];
        }
        return pts;
    }

    @Override
    public void close() {
        predictor.close();
    }
}
