package org.maskface.face.occlusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.maskface.face.Face;
import org.maskface.face.FacePipeline;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.mask.MaskCategory;
import org.maskface.mask.MaskSynthesizer;
import org.maskface.mask.Masked;
import org.maskface.model.ModelHub;

/** The shipped occlusion estimator on real faces: synthetic masks, real masked photos, clean faces. */
class OcclusionEstimatorTest {

    private static ModelHub hub;
    private static FacePipeline pipeline;
    private static OcclusionEstimator estimator;

    @BeforeAll
    static void open() {
        hub = ModelHub.openDefault();
        pipeline = new FacePipeline(hub);
        estimator = new OcclusionEstimator(hub);
    }

    @AfterAll
    static void close() {
        estimator.close();
        pipeline.close();
        hub.close();
    }

    private static Face face(String sample) throws Exception {
        return pipeline.largestFace(ImageLoader.load(Path.of("samples/faces", sample)));
    }

    @Test
    void recoversSyntheticMasksOfEveryCategory() throws Exception {
        // faces of people outside the training folds' pairs are not guaranteed; these are LFW
        // sample photos, and the masks are drawn with seeds the trainer never used (its own
        // generator draws 64-bit seeds)
        for (String sample : new String[] {"lfw_tony_blair_0091.png", "lfw_laura_bush_0021.png"}) {
            Face f = face(sample);
            for (MaskCategory c : new MaskCategory[] {MaskCategory.SIMPLE, MaskCategory.COMPLEX,
                MaskCategory.HUMAN_BODY, MaskCategory.HYBRID}) {
                Masked m = MaskSynthesizer.synthesize(f, c, 11);
                double iou = OcclusionMap.iou(m.occlusion(), estimator.estimate(m.image()).occluded());
                assertTrue(iou > 0.75, sample + " " + c + ": IoU " + iou);
            }
        }
    }

    @Test
    void findsTheMaskOnRealMaskedPhotosAndNothingOnCleanFaces() throws Exception {
        for (String masked : new String[] {"rmfd_masked_01.png", "rmfd_masked_02.png"}) {
            double coverage = estimator.estimate(face(masked).aligned()).coverage();
            assertTrue(coverage > 0.05 && coverage < 0.6, masked + ": coverage " + coverage);
        }
        for (String clean : new String[] {"lfw_george_w_bush_0016.png", "lfw_colin_powell_0095.png"}) {
            double coverage = estimator.estimate(face(clean).aligned()).coverage();
            assertTrue(coverage < 0.03, clean + ": coverage " + coverage);
        }
    }

    @Test
    void batchesMatchSingleCallsAndWrongSizesAreRefused() throws Exception {
        RgbImage a = face("lfw_tony_blair_0121.png").aligned().crop();
        RgbImage b = face("rmfd_masked_01.png").aligned().crop();
        var both = estimator.estimateAll(java.util.List.of(a, b));
        assertEquals(estimator.estimate(b).coverage(), both.get(1).coverage(), 1e-3);
        assertThrows(IllegalArgumentException.class, () -> estimator.estimate(new RgbImage(100, 100, new byte[30000])));
    }
}
