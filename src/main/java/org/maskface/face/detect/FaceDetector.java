package org.maskface.face.detect;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;
import org.maskface.nn.SsdMobileNetV1;

/**
 * Finds faces with the SSD detector, and does not give up on tightly cropped faces: SSD was
 * trained on faces with context around them and misses about half of LFW's tight 150×150 crops.
 * When the plain image yields nothing, the image is border-padded (replicated pixels) and searched
 * again; boxes are mapped back into the original image. One instance per thread.
 */
public final class FaceDetector implements AutoCloseable {

    /** Replicate-padding added on each side for the retry, as a fraction of the longer side. */
    public static final double DEFAULT_RETRY_PADDING = 0.33;

    private final Predictor<RgbImage, List<FaceBox>> predictor;
    private final double retryPadding;

    /** A detection plus the image it was found in (the padded one for retries) and the offset. */
    public record Found(FaceBox box, RgbImage searched, int offset) {
        /** The box in the searched image's pixels. */
        public FaceBox boxInSearched() {
            return box.transform(1, offset, offset);
        }
    }

    public FaceDetector(ModelHub hub, double minConfidence, double retryPadding) {
        float[] anchors = SsdMobileNetV1.anchors(hub.weights(ModelCard.FACE_DETECTOR));
        this.predictor = hub.faceDetector().newPredictor(new SsdDetectorTranslator(anchors, minConfidence, 100));
        this.retryPadding = retryPadding;
    }

    public FaceDetector(ModelHub hub) {
        this(hub, SsdDetectorTranslator.DEFAULT_MIN_CONFIDENCE, DEFAULT_RETRY_PADDING);
    }

    /** Boxes in the image's pixels, largest first. */
    public List<FaceBox> detect(RgbImage image) {
        return find(image).stream().map(Found::box).toList();
    }

    /** Detections with the image each was found in, largest first. */
    public List<Found> find(RgbImage image) {
        List<Found> found = new ArrayList<>();
        for (FaceBox b : run(image)) {
            found.add(new Found(b, image, 0));
        }
        if (found.isEmpty() && retryPadding > 0) {
            int pad = (int) Math.round(retryPadding * Math.max(image.width(), image.height()));
            RgbImage padded = image.padReplicate(pad, pad, pad, pad);
            for (FaceBox b : run(padded)) {
                FaceBox inImage = clip(b.transform(1, -pad, -pad), image.width(), image.height());
                if (inImage.area() > 0) {
                    found.add(new Found(inImage, padded, pad));
                }
            }
        }
        found.sort(Comparator.comparingDouble((Found f) -> -f.box().area()));
        return found;
    }

    private List<FaceBox> run(RgbImage image) {
        try {
            return predictor.predict(image);
        } catch (TranslateException e) {
            throw new IllegalStateException("face detector failed: " + e.getMessage(), e);
        }
    }

    private static FaceBox clip(FaceBox b, int width, int height) {
        double x0 = Math.max(0, b.x());
        double y0 = Math.max(0, b.y());
        double x1 = Math.min(width, b.right());
        double y1 = Math.min(height, b.bottom());
        return new FaceBox(x0, y0, x1 - x0, y1 - y0, b.score());
    }

    @Override
    public void close() {
        predictor.close();
    }
}
