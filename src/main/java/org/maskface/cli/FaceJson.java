package org.maskface.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.maskface.face.Face;
import org.maskface.face.detect.FaceBox;

/** JSON shapes shared by the commands (and later the REST API). */
final class FaceJson {

    private FaceJson() {
    }

    static String pretty(JsonElement e) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(e);
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    static JsonObject box(FaceBox b) {
        JsonObject o = new JsonObject();
        o.addProperty("x", round(b.x(), 2));
        o.addProperty("y", round(b.y(), 2));
        o.addProperty("width", round(b.width(), 2));
        o.addProperty("height", round(b.height(), 2));
        return o;
    }

    static JsonObject face(Face f) {
        JsonObject o = new JsonObject();
        o.add("box", box(f.box()));
        o.addProperty("score", round(f.box().score(), 4));
        o.addProperty("foundBy", f.searchPadding() == 0 ? "detector" : f.searchPadding() > 0 ? "detector-padded" : "whole-image");
        if (!Double.isNaN(f.occlusion())) {
            // fraction of the aligned face hidden; masked faces had their landmarks refined
            o.addProperty("occlusion", round(f.occlusion(), 4));
            o.addProperty("masked", f.masked());
        }
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

    static JsonArray vector(float[] v) {
        JsonArray a = new JsonArray();
        for (float x : v) {
            a.add(x);
        }
        return a;
    }
}
