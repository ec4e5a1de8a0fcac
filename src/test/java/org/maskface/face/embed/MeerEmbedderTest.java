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

/** The shipped MEER method on real photos: masked probes against clean enrolment photos. */
class MeerEmbedderTest {

    private static AlignedFace face(FacePipeline p, String file) throws Exception {
        return p.largestFace(ImageLoader.load(Path.of(file))).aligned();
    }

    @Test
    void recognisesTheMaskedFaceAndRestoresTheCoveredPart() throws Exception {
        try (ModelHub hub = ModelHub.openDefault(); FacePipeline pipeline = new FacePipeline(hub);
             MeerEmbedder meer = (MeerEmbedder) Methods.open(MeerEmbedder.METHOD, hub)) {
            assertEquals(ModelCard.MEER, meer.model());
            assertTrue(meer.threshold() > 0 && meer.threshold() < 1, "threshold " + meer.threshold());
            AlignedFace masked = face(pipeline, "samples/masked/lfw_colin_powell_0133_simple.png");
            AlignedFace sameClean = face(pipeline, "samples/faces/lfw_colin_powell_0095.png");
            AlignedFace otherClean = face(pipeline, "samples/faces/lfw_george_w_bush_0016.png");
            List<float[]> e = meer.embedAll(List.of(masked, sameClean, otherClean));
            for (float[] v : e) {
                assertEquals(meer.dimension(), v.length);
                assertEquals(1.0, FaceEmbedder.similarity(v, v), 1e-5);
            }
            assertArrayEquals(e.get(0), meer.embed(masked), 1e-5f, "one face alone = the same face in a batch");
            double same = FaceEmbedder.similarity(e.get(0), e.get(1));
            double other = FaceEmbedder.similarity(e.get(0), e.get(2));
            assertTrue(same > meer.threshold() && other < meer.threshold(),
                    "masked Powell: " + same + " to Powell, " + other + " to Bush, threshold " + meer.threshold());

            // the restored face replaces the mask (lower face); the eyes and forehead stay the photo's own
            // (the view is resampled 112 -> 150 -> 112, so small differences everywhere are not changes)
            RgbImage shown = meer.deoccluded(masked).orElseThrow();
            assertEquals(masked.crop().width(), shown.width());
            ChangedPixels.Split changed = ChangedPixels.of(shown, masked.crop(), 40);
            assertTrue(changed.low() > 500, "the mask (lower face) is repainted: " + changed.low() + " pixels");
            assertTrue(changed.high() < 40, "the eyes and forehead are kept: " + changed.high() + " pixels changed");
        }
    }

    @Test
    void verifyWithTheMeerMethodFromTheCommandLine() {
        CliRun r = CliRun.of("verify", "samples/faces/lfw_colin_powell_0095.png",
                "samples/masked/lfw_colin_powell_0133_simple.png", "--method", "meer", "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("meer", o.get("method").getAsString());
        assertEquals(ModelCard.MEER.tag(), o.get("model").getAsString());
        assertTrue(o.get("same").getAsBoolean(), r.out());
    }
}
