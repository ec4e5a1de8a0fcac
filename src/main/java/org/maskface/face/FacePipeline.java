package org.maskface.face;

import java.util.ArrayList;
import java.util.List;
import org.maskface.face.align.AlignedFace;
import org.maskface.face.align.Aligner;
import org.maskface.face.detect.FaceBox;
import org.maskface.face.detect.FaceDetector;
import org.maskface.face.landmark.LandmarkDetector;
import org.maskface.face.landmark.LandmarkRefiner;
import org.maskface.face.occlusion.OcclusionEstimator;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelHub;

/**
 * The front end every method shares: detect → 68 landmarks → 5 points → similarity transform to
 * the ArcFace 112 template. Robust to masks by default: the detector searches padded copies and
 * takes weaker boxes when nothing confident is found ({@link FaceDetector.Search#ROBUST}); the
 * aligned face goes through the occlusion estimator, and when it is covered
 * ({@link Face#MASKED_COVERAGE}) the landmark refiner re-reads it and the face is aligned again
 * from the refined points. One instance per thread (it holds predictors).
 */
public final class FacePipeline implements AutoCloseable {

    /**
     * Which front end.
     *
     * @param search        how the detector searches
     * @param refinePasses  how many times a masked face's landmarks are refined and the face
     *                      re-aligned; 0: occlusion is not estimated, landmarks stay face-api's
     */
    public record Options(FaceDetector.Search search, int refinePasses) {
        /**
         * The default: everything issue 4 added. Two refiner passes: on the first 150 images of
         * LFW folds 6–10, one pass left 1.19 px mean eye-centre error, two 1.02, three 0.99.
         */
        public static final Options ROBUST = new Options(FaceDetector.Search.ROBUST, 2);
        /** The front end before masks were handled: one padded retry, face-api's landmarks. */
        public static final Options BASIC = new Options(FaceDetector.Search.PADDED_ONCE, 0);

        public Options {
            if (refinePasses < 0) {
                throw new IllegalArgumentException("refinePasses must be >= 0, got " + refinePasses);
            }
        }

        public boolean refinesMasked() {
            return refinePasses > 0;
        }

        public String describe() {
            return "detector " + search.describe() + "; masked faces' landmarks "
                    + (refinePasses > 0 ? "refined (" + refinePasses + " pass" + (refinePasses > 1 ? "es" : "") + ")"
                    : "as found");
        }
    }

    private final FaceDetector detector;
    private final LandmarkDetector landmarks;
    private final OcclusionEstimator occlusion;
    private final LandmarkRefiner refiner;
    private final Aligner aligner = new Aligner();
    private final int refinePasses;

    public FacePipeline(ModelHub hub) {
        this(hub, Options.ROBUST);
    }

    public FacePipeline(ModelHub hub, Options options) {
        this.detector = new FaceDetector(hub, options.search());
        this.landmarks = new LandmarkDetector(hub);
        this.occlusion = options.refinesMasked() ? new OcclusionEstimator(hub) : null;
        this.refiner = options.refinesMasked() ? new LandmarkRefiner(hub) : null;
        this.refinePasses = options.refinePasses();
    }

    /** All faces, largest first; empty when there are none. */
    public List<Face> faces(RgbImage image) {
        List<Face> faces = new ArrayList<>();
        for (FaceDetector.Found found : detector.find(image)) {
            // Landmarks run where the face was found (the padded image for a retry), then shift back.
            float[][] pts = landmarks.landmarks(found.searched(), found.boxInSearched());
            for (float[] p : pts) {
                p[0] = (float) ((p[0] - found.offset()) / found.scale());
                p[1] = (float) ((p[1] - found.offset()) / found.scale());
            }
            faces.add(finish(image, found.box(), pts, found.padding()));
        }
        return faces;
    }

    /** Aligns; for the robust front end, estimates occlusion and refines a masked face's landmarks. */
    private Face finish(RgbImage image, FaceBox box, float[][] pts, int searchPadding) {
        AlignedFace aligned = aligner.align(image, pts);
        if (occlusion == null) {
            return new Face(box, pts, aligned, searchPadding, Double.NaN);
        }
        double coverage = occlusion.estimate(aligned).coverage();
        for (int pass = 0; pass < refinePasses && coverage >= Face.MASKED_COVERAGE; pass++) {
            pts = refiner.refine(aligned);
            aligned = aligner.align(image, pts);
        }
        return new Face(box, pts, aligned, searchPadding, coverage);
    }

    /** The largest face. */
    public Face largestFace(RgbImage image) throws NoFaceException {
        List<Face> faces = faces(image);
        if (faces.isEmpty()) {
            throw NoFaceException.in(image);
        }
        return faces.get(0);
    }

    /**
     * Treats the whole image as the face box (for inputs that are known to be face crops, when the
     * detector finds nothing): landmarks and alignment still run.
     */
    public Face wholeImageAsFace(RgbImage image) {
        FaceBox box = new FaceBox(0, 0, image.width(), image.height(), 0);
        return finish(image, box, landmarks.landmarks(image, box), -1);
    }

    /**
     * The largest face, or when none is found the whole image taken as the face (for inputs known
     * to be face crops, such as LFW's); {@link Face#detected()} tells which.
     */
    public Face largestFaceOrWholeImage(RgbImage image) {
        List<Face> faces = faces(image);
        return faces.isEmpty() ? wholeImageAsFace(image) : faces.get(0);
    }

    /**
     * Rebuilds a face from a box and landmarks found earlier in the same image (alignment only,
     * no network runs): lets one detection pass serve several passes over the same photos.
     * Its occlusion is not estimated (NaN).
     */
    public Face faceAt(RgbImage image, FaceBox box, float[][] landmarks, int searchPadding) {
        return new Face(box, landmarks, aligner.align(image, landmarks), searchPadding, Double.NaN);
    }

    public FaceDetector detector() {
        return detector;
    }

    public LandmarkDetector landmarkDetector() {
        return landmarks;
    }

    @Override
    public void close() {
        detector.close();
        landmarks.close();
        if (occlusion != null) {
            occlusion.close();
            refiner.close();
        }
    }
}
