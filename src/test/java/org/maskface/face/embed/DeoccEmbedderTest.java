package org.maskface.face.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maskface.cli.CliRun;
import org.maskface.face.FacePipeline;
import org.maskface.face.align.AlignedFace;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;

/** The shipped de-occlusion method on real photos: masked probes against clean enrolment photos. */
class DeoccEmbedderTest {

    private static AlignedFace face(FacePipeline p, String file) throws Exception {
        return p.largestFace(ImageLoader.load(Path.of(file))).aligned();
    }

    @Test
    void completesTheMaskAndRecognisesTheMaskedFace() throws Exception {
        try (ModelHub hub = ModelHub.openDefault(); FacePipeline pipeline = new FacePipeline(hub);
             FaceEmbedder deocc = Methods.open(DeoccEmbedder.METHOD, hub)) {
            assertEquals(ModelCard.DEOCC_STUDENT, deocc.model());
            assertTrue(deocc.threshold() > 0 && deocc.threshold() < 1, "threshold " + deocc.threshold());
            AlignedFace masked = face(pipeline, "samples/masked/lfw_colin_powell_0133_simple.png");
            AlignedFace sameClean = face(pipeline, "samples/faces/lfw_colin_powell_0095.png");
            AlignedFace otherClean = face(pipeline, "samples/faces/lfw_george_w_bush_0016.png");
            List<float[]> e = deocc.embedAll(List.of(masked, sameClean, otherClean));
            for (float[] v : e) {
                assertEquals(128, v.length);
                assertEquals(1.0, FaceEmbedder.similarity(v, v), 1e-5);
            }
            assertArrayEquals(e.get(0), deocc.embed(masked), 1e-5f, "one face alone = the same face in a batch");
            double same = FaceEmbedder.similarity(e.get(0), e.get(1));
            double other = FaceEmbedder.similarity(e.get(0), e.get(2));
            assertTrue(same > other, "masked Powell: " + same + " to Powell, " + other + " to Bush");

            // the covered part is painted over, the rest of the crop is the photo's own
            RgbImage completed = deocc.deoccluded(masked).orElseThrow();
            ChangedPixels.Split changed = ChangedPixels.of(completed, masked.crop());
            assertTrue(changed.low() > 500, "the mask (lower face) is repainted: " + changed.low() + " pixels");
            assertEquals(0, changed.high(), "the eyes and forehead are untouched");
        }
    }

    @Test
    void verifyWithTheDeoccMethodFromTheCommandLine() {
        CliRun r = CliRun.of("verify", "samples/faces/lfw_colin_powell_0095.png",
                "samples/masked/lfw_colin_powell_0133_simple.png", "--method", "deocc", "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("deocc", o.get("method").getAsString());
        assertEquals(ModelCard.DEOCC_STUDENT.tag(), o.get("model").getAsString());
        double similarity = o.get("similarity").getAsDouble();
        assertEquals(similarity > o.get("threshold").getAsDouble(), o.get("same").getAsBoolean());
    }
}
