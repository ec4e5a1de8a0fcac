package org.maskface.eval;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.maskface.face.Face;
import org.maskface.face.FacePipeline;
import org.maskface.image.BadImageException;
import org.maskface.image.ImageLoader;
import org.maskface.model.ModelHub;

/**
 * How often the detector finds a face in a set of photos that each hold one (e.g. real masked
 * photos without labels): found directly, found only after the padded retry, not found, unreadable.
 */
public final class DetectionSurvey {

    public enum Outcome { DETECTED, DETECTED_PADDED, NO_FACE, UNREADABLE }

    private DetectionSurvey() {
    }

    public static Map<Path, Outcome> run(List<Path> images, ModelHub hub, int workers) throws Exception {
        Map<Path, Outcome> out = new ConcurrentHashMap<>();
        Workers.run(images, workers, "detect", true, () -> new FacePipeline(hub), (p, pipeline) -> {
            Outcome o;
            try {
                List<Face> faces = pipeline.faces(ImageLoader.load(p));
                o = faces.isEmpty() ? Outcome.NO_FACE
                        : faces.get(0).searchPadding() > 0 ? Outcome.DETECTED_PADDED : Outcome.DETECTED;
            } catch (BadImageException e) {
                o = Outcome.UNREADABLE;
            }
            out.put(p, o);
        });
        return out;
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
        int found = counts[Outcome.DETECTED.ordinal()] + counts[Outcome.DETECTED_PADDED.ordinal()];
        o.addProperty("images", outcomes.size());
        o.addProperty("hitRate", readable == 0 ? 0 : (double) found / readable);
        o.addProperty("hitRateWithoutPaddedRetry", readable == 0 ? 0 : (double) counts[Outcome.DETECTED.ordinal()] / readable);
        return o;
    }
}
