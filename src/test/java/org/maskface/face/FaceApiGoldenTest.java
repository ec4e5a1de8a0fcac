package org.maskface.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.maskface.face.detect.FaceBox;
import org.maskface.face.detect.SsdDetectorTranslator;
import org.maskface.face.embed.DescriptorTranslator;
import org.maskface.face.landmark.Landmark68Translator;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;
import org.maskface.nn.SsdMobileNetV1;

/**
 * The ported networks against face-api itself: outputs recorded by tools/reference/golden.mjs
 * (face-api 1.7.15 on tfjs' CPU backend in Node) for the bundled sample images. Each network is
 * fed exactly the crop the reference fed it, so a failure points at one network. The issue's
 * bar is IoU ≥ 0.95, landmarks ≤ 1 px, cosine ≥ 0.999; the port is exact up to float rounding,
 * so the bounds here are far tighter, and a wrong tensor, layout or padding fails them.
 */
class FaceApiGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/faceapi-golden.json");

    private static ModelHub hub;
    private static Predictor<RgbImage, List<FaceBox>> detector;
    private static Predictor<RgbImage, float[][]> landmarks;
    private static Predictor<RgbImage, float[]> descriptor;
    private static JsonArray images;

    @BeforeAll
    static void load() throws Exception {
        hub = ModelHub.openDefault();
        float[] anchors = SsdMobileNetV1.anchors(hub.weights(ModelCard.FACE_DETECTOR));
        detector = hub.faceDetector().newPredictor(new SsdDetectorTranslator(anchors, 0.5, 100));
        landmarks = hub.landmarks68().newPredictor(new Landmark68Translator());
        descriptor = hub.dlibResNet().newPredictor(new DescriptorTranslator());
        try (Reader r = Files.newBufferedReader(GOLDEN)) {
            images = JsonParser.parseReader(r).getAsJsonObject().getAsJsonArray("images");
        }
        assertTrue(images.size() >= 6, "golden set needs at least 6 images");
    }

    @AfterAll
    static void close() {
        detector.close();
        landmarks.close();
        descriptor.close();
        hub.close();
    }

    private static RgbImage image(JsonObject entry) throws Exception {
        RgbImage img = ImageLoader.load(Path.of(entry.get("file").getAsString()));
        assertEquals(entry.get("width").getAsInt(), img.width());
        assertEquals(entry.get("height").getAsInt(), img.height());
        return img;
    }

    private static double[] doubles(JsonArray a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).getAsDouble();
        }
        return d;
    }

    private static int[] ints(JsonArray a) {
        int[] d = new int[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).getAsInt();
        }
        return d;
    }

    static double cosine(float[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    static double meanPointError(float[][] ours, JsonArray reference) {
        assertEquals(68, reference.size());
        double sum = 0;
        for (int i = 0; i < 68; i++) {
            JsonArray p = reference.get(i).getAsJsonArray();
            sum += Math.hypot(ours[i][0] - p.get(0).getAsDouble(), ours[i][1] - p.get(1).getAsDouble());
        }
        return sum / 68;
    }

    @Test
    void detectorBoxesMatchTheReference() throws Exception {
        int compared = 0;
        for (JsonElement e : images) {
            JsonObject entry = e.getAsJsonObject();
            List<FaceBox> ours = detector.predict(image(entry));
            JsonArray ref = entry.getAsJsonArray("detections");
            assertEquals(ref.size(), ours.size(), entry.get("file") + ": number of faces");
            for (int i = 0; i < ref.size(); i++) {
                JsonObject d = ref.get(i).getAsJsonObject();
                double[] b = doubles(d.getAsJsonArray("box"));
                FaceBox refBox = new FaceBox(b[0], b[1], b[2], b[3], d.get("score").getAsDouble());
                double iou = ours.get(i).iou(refBox);
                assertTrue(iou >= 0.999, entry.get("file") + ": box IoU " + iou);
                assertEquals(refBox.score(), ours.get(i).score(), 0.001, entry.get("file") + ": score");
                compared++;
            }
        }
        assertTrue(compared >= 6, "too few reference detections to compare: " + compared);
    }

    @Test
    void landmarksMatchTheReferenceOnTheSameCrop() throws Exception {
        for (JsonElement e : images) {
            JsonObject entry = e.getAsJsonObject();
            RgbImage img = image(entry);
            JsonArray detections = entry.getAsJsonArray("detections");
            for (int k = 0; k < detections.size(); k++) {
                JsonObject face = entry.getAsJsonArray("faces").get(k).getAsJsonObject();
                int[] r = ints(face.getAsJsonArray("crop"));
                float[][] pts = landmarks.predict(img.crop(r[0], r[1], r[2], r[3]));
                // face-api runs the net on the floored crop but shifts the points by the unfloored
                // box corner; the reference is reproduced here (maskface's pipeline shifts by the
                // crop it actually used, which is up to 1 px more faithful).
                double[] box = doubles(detections.get(k).getAsJsonObject().getAsJsonArray("box"));
                for (float[] p : pts) {
                    p[0] += (float) box[0];
                    p[1] += (float) box[1];
                }
                double err = meanPointError(pts, face.getAsJsonArray("landmarks"));
                assertTrue(err <= 0.01, entry.get("file") + ": mean landmark error " + err + " px");
            }
            double whole = meanPointError(landmarks.predict(img),
                    entry.getAsJsonObject("wholeImage").getAsJsonArray("landmarks"));
            assertTrue(whole <= 0.01, entry.get("file") + ": whole-image landmark error " + whole + " px");
        }
    }

    @Test
    void descriptorsMatchTheReferenceOnTheSameCrop() throws Exception {
        List<float[]> all = new ArrayList<>();
        for (JsonElement e : images) {
            JsonObject entry = e.getAsJsonObject();
            RgbImage img = image(entry);
            for (JsonElement f : entry.getAsJsonArray("faces")) {
                JsonObject face = f.getAsJsonObject();
                int[] r = ints(face.getAsJsonArray("alignedCrop"));
                float[] d = descriptor.predict(img.crop(r[0], r[1], r[2], r[3]));
                double cos = cosine(d, doubles(face.getAsJsonArray("descriptor")));
                assertTrue(cos >= 0.99999, entry.get("file") + ": descriptor cosine " + cos);
                all.add(d);
            }
            float[] whole = descriptor.predict(img);
            double cos = cosine(whole, doubles(entry.getAsJsonObject("wholeImage").getAsJsonArray("descriptor")));
            assertTrue(cos >= 0.99999, entry.get("file") + ": whole-image descriptor cosine " + cos);
        }
        // The goldens themselves must tell people apart, or agreeing with them would prove little.
        double maxOffDiagonal = -1;
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                double[] b = new double[all.get(j).length];
                for (int k = 0; k < b.length; k++) {
                    b[k] = all.get(j)[k];
                }
                maxOffDiagonal = Math.max(maxOffDiagonal, cosine(all.get(i), b));
            }
        }
        assertTrue(maxOffDiagonal < 0.99, "distinct faces gave near-identical descriptors: " + maxOffDiagonal);
    }
}
