package org.maskface.gallery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.maskface.face.Face;
import org.maskface.face.FacePipeline;
import org.maskface.face.NoFaceException;
import org.maskface.face.embed.FaceEmbedder;
import org.maskface.face.embed.Methods;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;

/**
 * Photos in, gallery answers out: the robust front end and one recognition method, used by the
 * CLI and by each server worker alike. One instance per thread (it holds predictors).
 */
public final class Recognizer implements AutoCloseable {

    /** A face found in a probe photo and what the gallery says about it. */
    public record Recognized(Face face, float[] embedding, List<Match> matches, double threshold) {
        /** The best match when its similarity exceeds the method's threshold, else null (unknown person). */
        public Match identity() {
            return !matches.isEmpty() && matches.get(0).similarity() > threshold ? matches.get(0) : null;
        }
    }

    /** A probe face compared with one subject. */
    public record Verified(Face face, Match match, double threshold) {
        public boolean same() {
            return match.similarity() > threshold;
        }
    }

    /** An enrolled face: its id and the face it was taken from. */
    public record Enrolled(String faceId, Face face) {
    }

    /**
     * How an enrolment learns that its caller gave up (a server request past its deadline): it
     * stops between photos once {@link #abandoned()}, and writes only if {@link #beginWrite()} says so.
     */
    public interface Gate {
        /** Nobody waits for the result any more: stop at the next safe point, write nothing. */
        boolean abandoned();

        /** Called once, just before the gallery write: false = abandoned, do not write. */
        boolean beginWrite();

        /** For callers that always wait (the CLI). */
        Gate ALWAYS = new Gate() {
            @Override
            public boolean abandoned() {
                return false;
            }

            @Override
            public boolean beginWrite() {
                return true;
            }
        };
    }

    /** Thrown by work whose {@link Gate} was abandoned: nothing was written. */
    public static final class Abandoned extends RuntimeException {
        public Abandoned() {
            super("abandoned: the caller stopped waiting; nothing was written", null, false, false);
        }
    }

    private final String method;
    private final FacePipeline pipeline;
    private final FaceEmbedder embedder;

    public Recognizer(ModelHub hub, String method) {
        this.method = method;
        this.embedder = Methods.open(method, hub);
        this.pipeline = new FacePipeline(hub);
    }

    public String method() {
        return method;
    }

    public FacePipeline pipeline() {
        return pipeline;
    }

    public FaceEmbedder embedder() {
        return embedder;
    }

    /** What a gallery for this recognizer's vectors must record (and be compatible with). */
    public GalleryInfo galleryInfo() {
        return GalleryInfo.of(method, embedder.model().tag(), embedder.dimension(), Map.of(
                "detector", ModelCard.FACE_DETECTOR.tag(),
                "landmarks", ModelCard.LANDMARKS_68.tag(),
                "occlusion", ModelCard.OCCLUSION_UNET.tag(),
                "landmarkRefiner", ModelCard.LANDMARK_REFINER.tag()));
    }

    /** Every detected face of {@code image}, largest first, each with its top-{@code k} subjects. */
    public List<Recognized> recognize(RgbImage image, Gallery gallery, int k) throws NoFaceException {
        List<Face> faces = pipeline.faces(image);
        if (faces.isEmpty()) {
            throw NoFaceException.in(image);
        }
        List<Recognized> out = new ArrayList<>(faces.size());
        for (Face f : faces) {
            float[] v = embedder.embed(f.aligned());
            out.add(new Recognized(f, v, gallery.identify(v, k), embedder.threshold()));
        }
        return out;
    }

    /** A face ready to enrol: the face found and what the gallery stores of it. */
    public record Prepared(Face face, Enrollment enrollment) {
    }

    /** The model work of an enrolment, without touching a gallery: the largest face, embedded. */
    public Prepared prepare(RgbImage image, String source) throws NoFaceException {
        Face f = pipeline.largestFace(image);
        return new Prepared(f, new Enrollment(embedder.embed(f.aligned()), source, f.occlusion()));
    }

    /** Enrols the largest face of {@code image} as {@code subject} (durable when it returns). */
    public Enrolled enroll(Gallery gallery, String subject, RgbImage image, String source) throws NoFaceException {
        Gallery.subjectName(subject); // a bad name fails before the models run
        Prepared p = prepare(image, source);
        return new Enrolled(gallery.enroll(subject, p.enrollment()), p.face());
    }

    /** A photo to enrol and the name it came under (file or upload name). */
    public record Photo(RgbImage image, String source) {
    }

    /**
     * Enrols the largest face of each photo as {@code subject} in one commit: either every face is
     * enrolled or, when one photo has no face, none is (durable when it returns).
     */
    public List<Enrolled> enrollAll(Gallery gallery, String subject, List<Photo> photos) throws NoFaceException {
        return enrollAll(gallery, subject, photos, Gate.ALWAYS);
    }

    /** As {@link #enrollAll(Gallery, String, List)}, stopping without a write when {@code gate} is abandoned. */
    public List<Enrolled> enrollAll(Gallery gallery, String subject, List<Photo> photos, Gate gate)
            throws NoFaceException {
        Gallery.subjectName(subject);
        List<Face> faces = new ArrayList<>(photos.size());
        List<Enrollment> enrollments = new ArrayList<>(photos.size());
        for (Photo p : photos) {
            if (gate.abandoned()) {
                throw new Abandoned();
            }
            Prepared prepared;
            try {
                prepared = prepare(p.image(), p.source());
            } catch (NoFaceException e) {
                throw new NoFaceException(p.source() + ": " + e.getMessage());
            }
            faces.add(prepared.face());
            enrollments.add(prepared.enrollment());
        }
        if (!gate.beginWrite()) {
            throw new Abandoned();
        }
        List<String> ids = gallery.enroll(subject, enrollments);
        List<Enrolled> out = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            out.add(new Enrolled(ids.get(i), faces.get(i)));
        }
        return out;
    }

    /** The largest face of {@code image} against every face of {@code subject}. */
    public Verified verify(Gallery gallery, String subject, RgbImage image) throws NoFaceException {
        Gallery.subjectName(subject);
        Face f = pipeline.largestFace(image);
        return new Verified(f, gallery.verify(embedder.embed(f.aligned()), subject), embedder.threshold());
    }


    @Override
    public void close() {
        embedder.close();
        pipeline.close();
    }
}
