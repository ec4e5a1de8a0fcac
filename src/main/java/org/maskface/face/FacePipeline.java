package org.maskface.face;

import java.util.ArrayList;
import java.util.List;
import org.maskface.face.align.Aligner;
import org.maskface.face.detect.FaceBox;
import org.maskface.face.detect.FaceDetector;
import org.maskface.face.landmark.LandmarkDetector;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelHub;

/**
 * The front end every method shares: detect → 68 landmarks → 5 points → similarity transform to
 * the ArcFace 112 template. One instance per thread (it holds predictors).
 */
public final class FacePipeline implements AutoCloseable {

    private final FaceDetector detector;
    private final LandmarkDetector landmarks;
    private final Aligner aligner = new Aligner();

    public FacePipeline(ModelHub hub) {
        this.detector = new FaceDetector(hub);
        this.landmarks = new LandmarkDetector(hub);
    }

    /** All faces, largest first; empty when there are none. */
    public List<Face> faces(RgbImage image) {
        List<Face> faces = new ArrayList<>();
        for (FaceDetector.Found found : detector.find(image)) {
            // Landmarks run where the face was found (the padded image for a retry), then shift back.
            float[][] pts = landmarks.landmarks(found.searched(), found.boxInSearched());
            for (float[] p : pts) {
                p[0] -= found.offset();
                p[1] -= found.offset();
            }
            faces.add(new Face(found.box(), pts, aligner.align(image, pts), found.offset()));
        }
        return faces;
    }

    /** The largest face. */
    public Face largestFace(RgbImage image) throws NoFaceException {
        List<Face> faces = faces(image);
        if (faces.isEmpty()) {
            throw new NoFaceException("no face found (" + image.width() + "x" + image.height() + " image)");
        }
        return faces.get(0);
    }

    /**
     * Treats the whole image as the face box (for inputs that are known to be face crops, when the
     * detector finds nothing): landmarks and alignment still run.
     */
    public Face wholeImageAsFace(RgbImage image) {
        FaceBox box = new FaceBox(0, 0, image.width(), image.height(), 0);
        float[][] pts = landmarks.landmarks(image, box);
        return new Face(box, pts, aligner.align(image, pts), -1);
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
     */
    public Face faceAt(RgbImage image, FaceBox box, float[][] landmarks, int searchPadding) {
        return new Face(box, landmarks, aligner.align(image, landmarks), searchPadding);
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
    }
}
