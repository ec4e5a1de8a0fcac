package org.maskface.face.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maskface.face.FacePipeline;
import org.maskface.face.align.AlignedFace;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelHub;

class TeacherEmbedderTest {

    private static final String[] FILES = {
        "samples/faces/lfw_tony_blair_0091.png", "samples/faces/lfw_tony_blair_0121.png",
        "samples/faces/lfw_laura_bush_0011.png",
    };

    @Test
    void embeddingIsTheNormalisedSumOfChipAndMirrorAndBatchesAgree() throws Exception {
        try (ModelHub hub = ModelHub.openDefault(); FacePipeline pipeline = new FacePipeline(hub);
             TeacherEmbedder teacher = new TeacherEmbedder(hub);
             Predictor<RgbImage, float[]> raw = hub.dlibResNet().newPredictor(new DescriptorTranslator())) {
            List<AlignedFace> faces = new ArrayList<>();
            for (String f : FILES) {
                faces.add(pipeline.largestFace(ImageLoader.load(Path.of(f))).aligned());
            }
            List<float[]> batched = teacher.embedAll(faces);
            assertEquals(faces.size(), batched.size());
            for (int i = 0; i < faces.size(); i++) {
                RgbImage chip = DlibChip.render(faces.get(i));
                float[] a = raw.predict(chip);
                float[] b = raw.predict(chip.flipHorizontal());
                float[] sum = new float[a.length];
                for (int k = 0; k < a.length; k++) {
                    sum[k] = a[k] + b[k];
                }
                float[] expected = FaceEmbedder.normalize(sum);
                float[] single = teacher.embed(faces.get(i));
                assertArrayEquals(expected, single, 1e-5f);
                assertArrayEquals(single, batched.get(i), 1e-5f);
                assertEquals(1.0, FaceEmbedder.similarity(single, single), 1e-5);
            }
            double same = FaceEmbedder.similarity(batched.get(0), batched.get(1));
            double different = FaceEmbedder.similarity(batched.get(0), batched.get(2));
            assertTrue(same > TeacherEmbedder.THRESHOLD && different < TeacherEmbedder.THRESHOLD,
                    "same " + same + ", different " + different + ", threshold " + TeacherEmbedder.THRESHOLD);
        }
    }
}
