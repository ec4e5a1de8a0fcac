package org.maskface.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.maskface.face.Face;
import org.maskface.face.FacePipeline;
import org.maskface.face.detect.FaceBox;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.mask.MaskCategory;
import org.maskface.model.ModelHub;

class MaskedFrontEndSurveyTest {

    private static Face shifted(FacePipeline pipeline, RgbImage image, Face f, double dx, double boxDx) {
        float[][] pts = new float[f.landmarks().length][];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = new float[] {(float) (f.landmarks()[i][0] + dx), f.landmarks()[i][1]};
        }
        FaceBox b = f.box();
        return pipeline.faceAt(image, new FaceBox(b.x() + boxDx, b.y(), b.width(), b.height(), b.score()), pts, 0);
    }

    @Test
    void matchingAndErrorsOnHandMadeDetections() throws Exception {
        try (ModelHub hub = ModelHub.openDefault(); FacePipeline pipeline = new FacePipeline(hub)) {
            RgbImage image = ImageLoader.load(Path.of("samples/faces/lfw_colin_powell_0095.png"));
            Face truth = pipeline.largestFace(image);
            double cropPerImagePixel = Math.hypot(truth.aligned().imageToCrop().apply(1, 0)[0]
                    - truth.aligned().imageToCrop().apply(0, 0)[0], truth.aligned().imageToCrop().apply(1, 0)[1]
                    - truth.aligned().imageToCrop().apply(0, 0)[1]);

            var same = MaskedFrontEndSurvey.compare(truth, List.of(truth));
            assertTrue(same.found());
            assertEquals(0, same.meanError(), 1e-9);
            assertEquals(0, same.eyeError(), 1e-9);
            assertEquals(0, same.alignedEyeError(), 1e-9);

            // every landmark 2 px to the right: both errors are 2 px in image scale
            var moved = MaskedFrontEndSurvey.compare(truth, List.of(shifted(pipeline, image, truth, 2, 0)));
            assertTrue(moved.found());
            assertEquals(2 * cropPerImagePixel, moved.meanError(), 1e-4);
            assertEquals(2 * cropPerImagePixel, moved.eyeError(), 1e-4);
            // a rigid shift of all points moves the alignment with them: the crop shifts 2 px too
            assertEquals(2 * cropPerImagePixel, moved.alignedEyeError(), 1e-3);

            // the best-overlapping box wins; a box far away does not count as the face
            Face far = shifted(pipeline, image, truth, 0, truth.box().width());
            var pick = MaskedFrontEndSurvey.compare(truth, List.of(far, shifted(pipeline, image, truth, 1, 1)));
            assertTrue(pick.found());
            assertEquals(cropPerImagePixel, pick.meanError(), 1e-4);
            assertFalse(MaskedFrontEndSurvey.compare(truth, List.of(far)).found());
            assertFalse(MaskedFrontEndSurvey.compare(truth, List.of()).found());
        }
    }

    @Test
    void surveyOfRealFacesCountsEveryCategory() throws Exception {
        List<Path> images = List.of(Path.of("samples/faces/lfw_tony_blair_0091.png"), Path.of("samples/faces/lfw_laura_bush_0011.png"));
        List<MaskCategory> cats = List.of(MaskCategory.SIMPLE, MaskCategory.HUMAN_BODY);
        try (ModelHub hub = ModelHub.openDefault()) {
            Map<Path, Map<MaskCategory, MaskedFrontEndSurvey.Trial>> r = MaskedFrontEndSurvey.run(images, cats, 1, hub, 1,
                    FacePipeline.Options.ROBUST);
            var s = MaskedFrontEndSurvey.summary(r, images.size(), cats);
            assertEquals(2, s.get("withCleanFace").getAsInt());
            var simple = s.getAsJsonObject("categories").getAsJsonObject("simple");
            assertEquals(2, simple.get("faces").getAsInt());
            double hit = simple.get("hitRate").getAsDouble();
            assertTrue(hit >= 0 && hit <= 1);
        }
    }
}
