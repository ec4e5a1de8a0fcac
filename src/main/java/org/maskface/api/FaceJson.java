package org.maskface.api;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonNull;
import org.maskface.face.Face;
import org.maskface.gallery.GalleryInfo;
import org.maskface.gallery.Match;
import org.maskface.gallery.Recognizer;
import org.maskface.gallery.Subject;
import java.util.List;
import org.maskface.face.detect.FaceBox;

/** JSON shapes shared by the CLI's {@code --json} output and the REST API. */
public final class FaceJson {

    private FaceJson() {
    }

    public static String pretty(JsonElement e) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(e);
    }

    public static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    public static JsonObject box(FaceBox b) {
        JsonObject o = new JsonObject();
        o.addProperty("x", round(b.x(), 2));
        o.addProperty("y", round(b.y(), 2));
        o.addProperty("width", round(b.width(), 2));
        o.addProperty("height", round(b.height(), 2));
        return o;
    }

    public static JsonObject face(Face f) {
        JsonObject o = new JsonObject();
        o.add("box", box(f.box()));
        o.addProperty("score", round(f.box().score(), 4));
        o.addProperty("foundBy", f.searchPadding() == 0 ? "detector" : f.searchPadding() > 0 ? "detector-padded" : "whole-image");
        addOcclusion(o, f);
        JsonArray lm = new JsonArray();
        for (float[] p : f.landmarks()) {
            JsonArray xy = new JsonArray();
            xy.add(round(p[0], 2));
            xy.add(round(p[1], 2));
            lm.add(xy);
        }
        o.add("landmarks68", lm);
        return o;
    }

    /**
     * {@code occlusion} (fraction of the aligned face hidden) and {@code masked} (its landmarks were
     * refined), when the front end estimated them.
     */
    public static void addOcclusion(JsonObject o, Face f) {
        if (!Double.isNaN(f.occlusion())) {
            o.addProperty("occlusion", round(f.occlusion(), 4));
            o.addProperty("masked", f.masked());
        }
    }

    /** A gallery match: subject, cosine similarity, the matching face's id. */
    public static JsonObject match(Match m) {
        JsonObject o = new JsonObject();
        o.addProperty("subject", m.subject());
        o.addProperty("similarity", round(m.similarity(), 6));
        o.addProperty("faceId", m.faceId());
        return o;
    }

    /**
     * A recognised face: the face ({@link #face}), {@code identity} (the best match above the
     * method's threshold, or null for an unknown person) and the top matches.
     */
    public static JsonObject recognized(Recognizer.Recognized r) {
        JsonObject o = face(r.face());
        Match id = r.identity();
        o.add("identity", id == null ? JsonNull.INSTANCE : match(id));
        JsonArray matches = new JsonArray();
        r.matches().forEach(m -> matches.add(match(m)));
        o.add("matches", matches);
        return o;
    }

    /** What a gallery holds vectors of (gallery.json), with its size. */
    public static JsonObject gallery(GalleryInfo info, int subjects, int faces) {
        JsonObject o = new JsonObject();
        o.addProperty("method", info.method());
        o.addProperty("model", info.model());
        o.addProperty("dimension", info.dimension());
        o.addProperty("subjects", subjects);
        o.addProperty("faces", faces);
        return o;
    }

    /** {@code {"gallery": {...}, "subjects": [{"name", "faces"}...]}}: the REST API's and the CLI's subject list. */
    public static JsonObject subjects(GalleryInfo info, List<Subject> subjects, int faces) {
        JsonObject o = new JsonObject();
        o.add("gallery", gallery(info, subjects.size(), faces));
        JsonArray arr = new JsonArray();
        for (Subject s : subjects) {
            JsonObject so = new JsonObject();
            so.addProperty("name", s.name());
            so.addProperty("faces", s.faces());
            arr.add(so);
        }
        o.add("subjects", arr);
        return o;
    }

    public static JsonArray vector(float[] v) {
        JsonArray a = new JsonArray();
        for (float x : v) {
            a.add(x);
        }
        return a;
    }
}
