package org.maskface.eval;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.maskface.face.Face;
import org.maskface.face.FacePipeline;
import org.maskface.face.detect.FaceDetector;
import org.maskface.image.BadImageException;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelHub;

/**
 * How often the front end finds a face in a set of photos that each hold one (e.g. real masked
 * photos without labels): found directly, found only in a padded pass, found only as a weak box
 * (below the confident threshold), not found, unreadable; and how often it finds one where there
 * is none (face-free images).
 */
public final class DetectionSurvey {

    public enum Outcome { DETECTED, DETECTED_PADDED, DETECTED_WEAK, NO_FACE, UNREADABLE }

    private DetectionSurvey() {
    }

    public static Map<Path, Outcome> run(List<Path> images, ModelHub hub, int workers, FacePipeline.Options options)
            throws Exception {
        Map<Path, Outcome> out = new ConcurrentHashMap<>();
        FaceDetector.Search search = options.search();
        Workers.run(images, workers, "detect", true, () -> new FacePipeline(hub, options), (p, pipeline) -> {
            Outcome o;
            try {
                List<Face> faces = pipeline.faces(ImageLoader.load(p));
                o = faces.isEmpty() ? Outcome.NO_FACE
                        : !search.isConfident(faces.get(0).box().score()) ? Outcome.DETECTED_WEAK
                        : faces.get(0).searchPadding() > 0 ? Outcome.DETECTED_PADDED : Outcome.DETECTED;
            } catch (BadImageException e) {
                o = Outcome.UNREADABLE;
            }
            out.put(p, o);
        });
        return out;
    }

    /**
     * False detections: over images that hold no face, how many get one. JSON: images,
     * withDetection, falseDetectionRate, weakOnly (how many of those were weak boxes).
     */
    public static JsonObject faceFree(List<RgbImage> images, ModelHub hub, int workers, FacePipeline.Options options)
            throws Exception {
        AtomicInteger any = new AtomicInteger();
        AtomicInteger weak = new AtomicInteger();
        FaceDetector.Search search = options.search();
        Workers.run(images, workers, "face-free", true, () -> new FacePipeline(hub, options), (img, pipeline) -> {
            List<Face> faces = pipeline.faces(img);
            if (!faces.isEmpty()) {
                any.incrementAndGet();
                if (faces.stream().noneMatch(f -> search.isConfident(f.box().score()))) {
                    weak.incrementAndGet();
                }
            }
        });
        JsonObject o = new JsonObject();
        o.addProperty("images", images.size());
        o.addProperty("withDetection", any.get());
        o.addProperty("falseDetectionRate", images.isEmpty() ? 0 : any.get() / (double) images.size());
        o.addProperty("weakOnly", weak.get());
        return o;
    }

    /** Counts and hit rate (found / readable images) as JSON. */
    public static JsonObject summary(Map<Path, Outcome> outcomes) {
        JsonObject o = new JsonObject();
        int[] counts = new int[Outcome.values().length];
        outcomes.values().forEach(v -> counts[v.ordinal()]++);
        for (Outcome v : Outcome.values()) {
            o.addProperty(v.name().toLowerCase(), counts[v.ordinal()]);
        }
        int readable = outcomes.size() - counts[Outcome.UNREADABLE.ordinal()];
        int found = counts[Outcome.DETECTED.ordinal()] + counts[Outcome.DETECTED_PADDED.ordinal()]
                + counts[Outcome.DETECTED_WEAK.ordinal()];
        o.addProperty("images", outcomes.size());
        o.addProperty("hitRate", readable == 0 ? 0 : (double) found / readable);
        o.addProperty("hitRateWithoutPaddedRetry", readable == 0 ? 0 : (double) counts[Outcome.DETECTED.ordinal()] / readable);
        return o;
    }
}
