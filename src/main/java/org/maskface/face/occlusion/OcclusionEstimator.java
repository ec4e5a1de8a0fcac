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
        OcclusionTranslator.checkSize(crop);
        try {
            return predictor.predict(crop);
        } catch (TranslateException e) {
            throw new IllegalStateException("occlusion estimation failed: " + e.getMessage(), e);
        }
    }

    public List<OcclusionMap> estimateAll(List<RgbImage> crops) {
        crops.forEach(OcclusionTranslator::checkSize);
        try {
            return predictor.batchPredict(crops);
        } catch (TranslateException e) {
            throw new IllegalStateException("occlusion estimation failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
    }
}
