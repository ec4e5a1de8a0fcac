package org.maskface.face.embed;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import java.util.List;
import java.util.Optional;
import org.maskface.face.align.AlignedFace;
import org.maskface.face.deocc.FaceCompleter;
import org.maskface.face.occlusion.OcclusionEstimator;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;

/**
 * De-occlusion distillation (DESIGN.md §3.1): the occlusion estimator finds what covers the
 * aligned face, the inpainter paints it over ({@link FaceCompleter}), and the student recognizer,
 * distilled from the teacher on such completed faces, embeds the result (with its mirror, like
 * the teacher). A face with nothing covered goes to the student as it is. A student trained
 * without inpainting (an ablation; its weights say {@code "inpainting": false}) gets the face as it is.
 */
public final class DeoccEmbedder implements CropFaceEmbedder {

    public static final String METHOD = "deocc";

    private final OcclusionEstimator occlusion;
    private final FaceCompleter completer;
    private final Predictor<RgbImage, float[]> student;
    private final double threshold;
    private final boolean ownsEstimator;

    public DeoccEmbedder(ModelHub hub) {
        this(new OcclusionEstimator(hub), new FaceCompleter(hub.inpainter()), hub.deoccStudent(), true);
    }

    /**
     * Any student (e.g. one being trained; the estimator stays the caller's to close): its model's properties may say {@code threshold} and
     * {@code inpainting} ("false": embed the face without completing it).
     */
    public DeoccEmbedder(OcclusionEstimator occlusion, FaceCompleter completer, Model student) {
        this(occlusion, completer, student, false);
    }

    private DeoccEmbedder(OcclusionEstimator occlusion, FaceCompleter completer, Model student, boolean ownsEstimator) {
        this.ownsEstimator = ownsEstimator;
        this.occlusion = occlusion;
        this.completer = "false".equals(student.getProperty("inpainting")) ? null : completer;
        this.student = student.newPredictor(new MirroredDescriptorTranslator());
        String t = student.getProperty("threshold");
        this.threshold = t == null ? Double.NaN : Double.parseDouble(t);
    }

    @Override
    public ModelCard model() {
        return ModelCard.DEOCC_STUDENT;
    }

    @Override
    public int dimension() {
        return 128;
    }

    /** The threshold stored with the student's weights (chosen on its training folds). */
    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public List<float[]> embedCrops(List<RgbImage> crops) {
        return CropEmbedder.inChunks(crops, "de-occlusion student", chunk -> student.batchPredict(completeCrops(chunk)));
    }

    @Override
    public Optional<RgbImage> deoccluded(AlignedFace face) {
        return completer == null ? Optional.empty() : Optional.of(completeCrops(List.of(face.crop())).get(0));
    }

    /** The crops as the student sees them: covered parts painted over (unless this student works without). */
    public List<RgbImage> completeCrops(List<RgbImage> crops) {
        if (completer == null) {
            return crops;
        }
        List<boolean[]> covered = occlusion.estimateAll(crops).stream().map(m -> m.occluded()).toList();
        return completer.completeAll(crops, covered);
    }

    @Override
    public void close() {
        student.close();
        if (ownsEstimator) {
            occlusion.close();
        }
    }
}
