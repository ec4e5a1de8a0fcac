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

/** The shipped G2D method on real photos: masked probes against clean enrolment photos. */
class G2dEmbedderTest {

    private static AlignedFace face(FacePipeline p, String file) throws Exception {
        return p.largestFace(ImageLoader.load(Path.of(file))).aligned();
    }

    @Test
    void recognisesTheMaskedFaceAndShowsWhatTheEncoderSees() throws Exception {
        try (ModelHub hub = ModelHub.openDefault(); FacePipeline pipeline = new FacePipeline(hub);
             G2dEmbedder g2d = (G2dEmbedder) Methods.open(G2dEmbedder.METHOD, hub)) {
            assertEquals(ModelCard.G2D, g2d.model());
            assertTrue(g2d.threshold() > 0 && g2d.threshold() < 1, "threshold " + g2d.threshold());
            AlignedFace masked = face(pipeline, "samples/masked/lfw_colin_powell_0133_simple.png");
            AlignedFace sameClean = face(pipeline, "samples/faces/lfw_colin_powell_0095.png");
            AlignedFace otherClean = face(pipeline, "samples/faces/lfw_george_w_bush_0016.png");
            List<float[]> e = g2d.embedAll(List.of(masked, sameClean, otherClean));
            for (float[] v : e) {
                assertEquals(g2d.dimension(), v.length);
                assertEquals(1.0, FaceEmbedder.similarity(v, v), 1e-5);
            }
            assertArrayEquals(e.get(0), g2d.embed(masked), 1e-5f, "one face alone = the same face in a batch");
            double same = FaceEmbedder.similarity(e.get(0), e.get(1));
            double other = FaceEmbedder.similarity(e.get(0), e.get(2));
            assertTrue(same > other, "masked Powell: " + same + " to Powell, " + other + " to Bush");

            // the decoder's face fills the covered part; the rest of the crop is the photo's own
            RgbImage shown = g2d.deoccluded(masked).orElseThrow();
            ChangedPixels.Split changed = ChangedPixels.of(shown, masked.crop());
            assertTrue(changed.low() > 500, "the mask (lower face) is repainted: " + changed.low() + " pixels");
            assertEquals(0, changed.high(), "the eyes and forehead are untouched");

            // closed-set: the classifier's guesses are training identities (LFW folds 1-5), most probable first
            List<G2dEmbedder.Guess> guesses = g2d.classify(sameClean, 3);
            assertEquals(3, guesses.size());
            assertTrue(g2d.classNames().contains(guesses.get(0).identity()));
            assertTrue(guesses.get(0).probability() >= guesses.get(1).probability());
            double total = g2d.probabilities(List.of(sameClean.crop())).get(0).length;
            assertEquals(g2d.classNames().size(), (int) total);
        }
    }

    @Test
    void verifyWithTheG2dMethodFromTheCommandLine() {
        CliRun r = CliRun.of("verify", "samples/faces/lfw_colin_powell_0095.png",
                "samples/masked/lfw_colin_powell_0133_simple.png", "--method", "g2d", "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("g2d", o.get("method").getAsString());
        assertEquals(ModelCard.G2D.tag(), o.get("model").getAsString());
        double similarity = o.get("similarity").getAsDouble();
        assertEquals(similarity > o.get("threshold").getAsDouble(), o.get("same").getAsBoolean());
    }
}
