package org.maskface.face.embed;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.maskface.face.align.AlignedFace;
import org.maskface.face.deocc.FaceCompleter;
import org.maskface.face.occlusion.OcclusionEstimator;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;
import org.maskface.nn.G2dNet;

/**
 * G2D (DESIGN.md §3.2): the occlusion estimator says what covers the aligned face; the generative
 * encoder turns the face and that hole map into descriptors, the reformer into the identity vector
 * (mirror-averaged, unit length) used for verification. The encoder's decoder shows what the
 * descriptors hold ({@link #deoccluded}); the classifier names the closest training identities
 * ({@link #classify}, closed-set).
 */
public final class G2dEmbedder implements CropFaceEmbedder {

    public static final String METHOD = "g2d";

    /** One closed-set guess: a training identity and its softmax probability. */
    public record Guess(String identity, double probability) {
    }

    private final OcclusionEstimator occlusion;
    private final Model model;
    private final Predictor<HoledFace, float[]> predictor;
    private final int side;
    private final int dimension;
    private final double threshold;
    private final List<String> classNames;
    private final boolean ownsEstimator;

    public G2dEmbedder(ModelHub hub) {
        this(new OcclusionEstimator(hub), hub.g2d(), true);
    }

    /**
     * Any G2D model (e.g. one being trained; the estimator stays the caller's to close). Its
     * properties say {@code size}, {@code embedding}, and may say {@code threshold} and
     * {@code classNames} (one per line).
     */
    public G2dEmbedder(OcclusionEstimator occlusion, Model model) {
        this(occlusion, model, false);
    }

    private G2dEmbedder(OcclusionEstimator occlusion, Model model, boolean ownsEstimator) {
        this.occlusion = occlusion;
        this.model = model;
        this.ownsEstimator = ownsEstimator;
        this.side = Integer.parseInt(require(model, "size"));
        this.dimension = Integer.parseInt(require(model, "embedding"));
        String t = model.getProperty("threshold");
        this.threshold = t == null ? Double.NaN : Double.parseDouble(t);
        String names = model.getProperty("classNames");
        this.classNames = names == null || names.isEmpty() ? List.of() : List.of(names.split("\n"));
        this.predictor = model.newPredictor(new G2dTranslator());
    }

    private static String require(Model m, String property) {
        String v = m.getProperty(property);
        if (v == null) {
            throw new IllegalArgumentException("G2D model " + m.getName() + " does not say its " + property);
        }
        return v;
    }

    @Override
    public ModelCard model() {
        return ModelCard.G2D;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** The threshold stored with the weights (chosen on its training folds). */
    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public List<float[]> embedCrops(List<RgbImage> crops) {
        return CropEmbedder.inChunks(crops, "G2D", chunk -> predictor.batchPredict(holed(chunk)));
    }

    /** The crops at the network's side with the estimator's hole maps. */
    public List<HoledFace> holed(List<RgbImage> crops) {
        List<HoledFace> out = new ArrayList<>(crops.size());
        var maps = occlusion.estimateAll(crops);
        for (int i = 0; i < crops.size(); i++) {
            out.add(HoledFace.of(crops.get(i), maps.get(i).occluded(), side));
        }
        return out;
    }

    /**
     * The crop with its covered part replaced by what the encoder's decoder makes of the face's
     * descriptors: what the recognizer "sees" there.
     */
    @Override
    public Optional<RgbImage> deoccluded(AlignedFace face) {
        return Optional.of(reconstructCrops(List.of(face.crop())).get(0));
    }

    /** See {@link #deoccluded}; crops with nothing covered come back as they are. */
    public List<RgbImage> reconstructCrops(List<RgbImage> crops) {
        List<HoledFace> faces = holed(crops);
        G2dNet net = (G2dNet) model.getBlock();
        float[] faceOut;
        try (NDManager m = model.getNDManager().newSubManager()) {
            ParameterStore store = new ParameterStore(m, false);
            NDList in = HoledFace.toArrays(faces, m);
            faceOut = net.encoder().reconstruct(store, net.encoder().describe(store, in.get(0), in.get(1), false), false)
                    .toFloatArray();
        }
        List<RgbImage> out = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            out.add(FaceCompleter.paste(crops.get(i), faces.get(i).hole(), faceOut, i * 3 * side * side, side));
        }
        return out;
    }

    /** The training identities the classifier was trained on (empty if the weights carry none). */
    public List<String> classNames() {
        return classNames;
    }

    /** The side the network works at. */
    public int side() {
        return side;
    }

    /**
     * Closed-set identification among the training identities: the {@code k} most probable, by the
     * classifier's softmax over the reformed vector of the face.
     */
    public List<Guess> classify(AlignedFace face, int k) {
        float[] p = probabilities(List.of(face.crop())).get(0);
        List<Guess> all = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            all.add(new Guess(classNames.get(i), p[i]));
        }
        all.sort(Comparator.comparingDouble(Guess::probability).reversed());
        return all.subList(0, Math.min(k, all.size()));
    }

    /** The classifier's softmax over the training identities for each crop (not mirror-averaged). */
    public List<float[]> probabilities(List<RgbImage> crops) {
        G2dNet net = (G2dNet) model.getBlock();
        if (classNames.size() != net.classes()) {
            throw new IllegalStateException("these G2D weights name " + classNames.size() + " identities for "
                    + net.classes() + " classes");
        }
        List<float[]> out = new ArrayList<>(crops.size());
        for (int i = 0; i < crops.size(); i += CHUNK) {
            List<HoledFace> faces = holed(crops.subList(i, Math.min(crops.size(), i + CHUNK)));
            int n = faces.size();
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDArray p = net.forward(new ParameterStore(m, false), HoledFace.toArrays(faces, m), false).get(1)
                        .softmax(1);
                int c = net.classes();
                float[] all = p.toFloatArray();
                for (int j = 0; j < n; j++) {
                    out.add(java.util.Arrays.copyOfRange(all, j * c, (j + 1) * c));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        predictor.close();
        if (ownsEstimator) {
            occlusion.close();
        }
    }
}
