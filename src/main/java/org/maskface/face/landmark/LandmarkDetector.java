package org.maskface.face.landmark;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import org.maskface.face.detect.FaceBox;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelHub;

/**
 * 68 landmarks for a detected face: the box is cut out as face-api does (clipped to the image,
 * corners floored) and the landmark net runs on that crop. One instance per thread.
 */
public final class LandmarkDetector implements AutoCloseable {

    private final Predictor<RgbImage, float[][]> predictor;

    public LandmarkDetector(ModelHub hub) {
        this.predictor = hub.landmarks68().newPredictor(new Landmark68Translator());
    }

    /** The integer crop face-api takes for a box: clipped at the image borders, then floored. */
    public static int[] cropRect(FaceBox box, int width, int height) {
        double x = Math.max(box.x(), 0);
        double y = Math.max(box.y(), 0);
        double w = Math.min(box.right() - x, width - x);
        double h = Math.min(box.bottom() - y, height - y);
        return new int[] {(int) Math.floor(x), (int) Math.floor(y), (int) Math.floor(w), (int) Math.floor(h)};
    }

    /** Landmarks of the face in {@code box}, in {@code image} pixels. */
    public float[][] landmarks(RgbImage image, FaceBox box) {
        int[] r = cropRect(box, image.width(), image.height());
        if (r[2] <= 0 || r[3] <= 0) {
            throw new IllegalArgumentException("face box " + box + " lies outside the image");
        }
        float[][] pts = onCrop(image.crop(r[0], r[1], r[2], r[3]));
        for (float[] p : pts) {
            p[0] += r[0];
            p[1] += r[1];
        }
        return pts;
    }

    /** Landmarks of an image that is itself the face crop, in its pixels. */
    public float[][] onCrop(RgbImage crop) {
        try {
            return predictor.predict(crop);
        } catch (TranslateException e) {
            throw new IllegalStateException("landmark net failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
    }
}
