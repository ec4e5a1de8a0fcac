package org.maskface.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.maskface.face.Face;
import org.maskface.face.FacePipeline;
import org.maskface.face.detect.FaceBox;
import org.maskface.face.embed.FaceEmbedder;
import org.maskface.face.embed.Methods;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelHub;

/**
 * Embeds a set of image files with one method, in parallel (one pipeline + embedder per worker),
 * recording for each image how its face was found. Benchmarks call this once per unique image.
 */
public final class ImageEmbeddings {

    /** How the face of an image was obtained. */
    public enum Source {
        /** The detector found it in the image as given. */
        DETECTED,
        /** The detector found it after replicate-padding the image (tight crops). */
        DETECTED_PADDED,
        /** Nothing was detected; the whole image was taken as the face box (crops only). */
        WHOLE_IMAGE,
        /** No embedding: unreadable image, or no face and no whole-image fallback. */
        FAILED
    }

    /**
     * One image's outcome. {@code box} and {@code landmarks} locate the face the embedding came
     * from (null when none was found), so a later pass can reuse them instead of detecting again.
     */
    public record Entry(float[] embedding, Source source, String error, FaceBox box, float[][] landmarks) {

        static Entry failed(String error) {
            return new Entry(null, Source.FAILED, error, null, null);
        }
    }

    /**
     * Changes a decoded image before it enters the pipeline (e.g. puts a synthetic mask on it);
     * gets the file (for per-image seeds) and the worker's pipeline (to place the change).
     */
    @FunctionalInterface
    public interface ImageTransform {
        ImageTransform NONE = (file, image, pipeline) -> image;

        RgbImage apply(Path file, RgbImage image, FacePipeline pipeline) throws Exception;
    }

    private ImageEmbeddings() {
    }

    /**
     * @param transform applied to each decoded image before the pipeline (e.g. mask synthesis);
     *                  identity for clean evaluation
     * @param wholeImageFallback take the whole image as the face when nothing is detected
     * @param frontEnd           which front end finds and aligns the faces
     */
    public static Map<Path, Entry> embed(List<Path> images, ModelHub hub, String method, int workers,
                                         boolean wholeImageFallback, ImageTransform transform, boolean progress,
                                         FacePipeline.Options frontEnd) throws Exception {
        Map<Path, Entry> out = new ConcurrentHashMap<>();
        Workers.run(images, workers, "embed " + method, progress, () -> new Worker(hub, method, frontEnd),
                (p, w) -> out.put(p, embedOne(p, w.pipeline, w.embedder, wholeImageFallback, transform)));
        return out;
    }

    /** A worker's own pipeline and embedder. */
    private static final class Worker implements AutoCloseable {
        final FacePipeline pipeline;
        final FaceEmbedder embedder;

        Worker(ModelHub hub, String method, FacePipeline.Options frontEnd) {
            pipeline = new FacePipeline(hub, frontEnd);
            embedder = Methods.open(method, hub);
        }

        @Override
        public void close() {
            embedder.close();
            pipeline.close();
        }
    }

    static Entry embedOne(Path p, FacePipeline pipeline, FaceEmbedder embedder, boolean wholeImageFallback,
                          ImageTransform transform) {
        RgbImage image;
        try {
            image = transform.apply(p, ImageLoader.load(p), pipeline);
        } catch (Exception e) {
            return Entry.failed(e.getMessage());
        }
        List<Face> faces = pipeline.faces(image);
        Face face;
        Source source;
        if (!faces.isEmpty()) {
            face = faces.get(0);
            source = face.searchPadding() > 0 ? Source.DETECTED_PADDED : Source.DETECTED;
        } else if (wholeImageFallback) {
            face = pipeline.wholeImageAsFace(image);
            source = Source.WHOLE_IMAGE;
        } else {
            return Entry.failed("no face");
        }
        return new Entry(embedder.embed(face.aligned()), source, null, face.box(), face.landmarks());
    }
}
