package org.maskface.face.occlusion;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.List;
import org.maskface.face.align.AlignedFace;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelHub;

/**
 * Predicts the occlusion map of an aligned face (where a mask, hand, scarf or sunglasses hide
 * it): what inpainting needs as its hole and what mask-aware recognisers gate features with.
 * Real masked photos come without a map; this model was trained on synthetic masks, whose maps
 * are exact. One instance per thread.
 */
public final class OcclusionEstimator implements AutoCloseable {

    private final Predictor<RgbImage, OcclusionMap> predictor;

    /** The shipped model. */
    public OcclusionEstimator(ModelHub hub) {
        this(hub.occlusionNet());
    }

    /** Any model whose block is an {@link org.maskface.nn.OcclusionNet} (e.g. one being trained). */
    public OcclusionEstimator(Model model) {
        predictor = ModelHub.predictor(model, new OcclusionTranslator());
    }

    public OcclusionMap estimate(AlignedFace face) {
        return estimate(face.crop());
    }

    /** @param crop an aligned 112×112 face crop (ArcFace template) */
    public OcclusionMap estimate(RgbImage crop) {
        checkSize(crop);
        try {
            return predictor.predict(crop);
        } catch (TranslateException e) {
            throw new IllegalStateException("occlusion estimation failed: " + e.getMessage(), e);
        }
    }

    public List<OcclusionMap> estimateAll(List<RgbImage> crops) {
        crops.forEach(OcclusionEstimator::checkSize);
        try {
            return predictor.batchPredict(crops);
        } catch (TranslateException e) {
            throw new IllegalStateException("occlusion estimation failed: " + e.getMessage(), e);
        }
    }

    private static void checkSize(RgbImage crop) {
        int s = org.maskface.nn.OcclusionNet.INPUT_SIZE;
        if (crop.width() != s || crop.height() != s) {
            throw new IllegalArgumentException("occlusion estimation needs a " + s + "x" + s + " aligned crop, got "
                    + crop.width() + "x" + crop.height());
        }
    }

    @Override
    public void close() {
        predictor.close();
    }
}
