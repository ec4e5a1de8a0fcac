package org.maskface.face.embed;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.maskface.face.align.AlignedFace;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;
import org.maskface.nn.DlibResNet;
import org.maskface.nn.MeerNet;

/**
 * MEER (DESIGN.md §3.3): the network finds what covers the aligned face itself (its mask
 * decoupling head) and embeds the identity features of what is visible, mirror-averaged like the
 * teacher. Its decoder's restored face ({@link #deoccluded}) shows what it takes the covered part
 * to be; verification does not need it, so embedding skips the decoder.
 */
public final class MeerEmbedder implements CropFaceEmbedder {

    public static final String METHOD = "meer";

    private final Model model;
    private final Predictor<RgbImage, float[]> predictor;
    private final double threshold;

    public MeerEmbedder(ModelHub hub) {
        this(hub.meer());
    }

    /** Any MEER model (e.g. one being trained); its properties may say {@code threshold}. */
    public MeerEmbedder(Model model) {
        if (!(model.getBlock() instanceof MeerNet)) {
            throw new IllegalArgumentException("model " + model.getName() + " is not a MEER network");
        }
        this.model = model;
        this.predictor = model.newPredictor(new MirroredDescriptorTranslator());
        String t = model.getProperty("threshold");
        this.threshold = t == null ? Double.NaN : Double.parseDouble(t);
    }

    @Override
    public ModelCard model() {
        return ModelCard.MEER;
    }

    @Override
    public int dimension() {
        return DlibResNet.EMBEDDING_SIZE;
    }

    /** The threshold stored with the weights (chosen on its training folds). */
    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public List<float[]> embedCrops(List<RgbImage> crops) {
        return CropEmbedder.inChunks(crops, "MEER", predictor::batchPredict);
    }

    /** The face with its covered part restored by the decoder (empty for weights trained without synthesis). */
    @Override
    public Optional<RgbImage> deoccluded(AlignedFace face) {
        return net().synthesis() ? Optional.of(restoreCrops(List.of(face.crop())).get(0)) : Optional.empty();
    }

    /**
     * The crops, each with what the network takes as covered replaced by its restored face, at the
     * crops' size.
     *
     * @throws IllegalStateException for weights trained without synthesis
     */
    public List<RgbImage> restoreCrops(List<RgbImage> crops) {
        MeerNet net = net();
        if (!net.synthesis()) {
            throw new IllegalStateException("these MEER weights were trained without synthesis: no restored face");
        }
        int s = DlibResNet.INPUT_SIZE;
        int plane = 3 * s * s;
        List<RgbImage> out = new ArrayList<>(crops.size());
        for (int i = 0; i < crops.size(); i += CHUNK) {
            List<RgbImage> chunk = crops.subList(i, Math.min(crops.size(), i + CHUNK));
            float[] restored;
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDArray x = m.create(DlibResNet.inputs(chunk), new Shape(chunk.size(), 3, s, s));
                restored = net.run(new ParameterStore(m, false), x, false, true).restored().toFloatArray();
            }
            for (int k = 0; k < chunk.size(); k++) {
                RgbImage crop = chunk.get(k);
                out.add(DlibResNet.image(restored, k * plane).resize(crop.width(), crop.height()));
            }
        }
        return out;
    }

    private MeerNet net() {
        return (MeerNet) model.getBlock();
    }

    @Override
    public void close() {
        predictor.close();
    }
}
