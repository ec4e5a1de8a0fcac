package org.maskface.gallery;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What made a gallery's vectors, written once as {@code gallery.json} when the gallery is created.
 * Vectors of different embedding models are not comparable, so a gallery refuses to be opened
 * for another method, model or dimension ({@link #requireCompatible}); the front-end models are
 * recorded so a user can tell which detector/aligner produced the enrolled faces.
 *
 * @param format     {@link #FORMAT}; the layout of this file and of the index documents
 * @param method     recognition method ({@code --method}) whose embeddings are stored
 * @param model      {@code id@version} of the embedding model
 * @param dimension  embedding length
 * @param frontEnd   role → {@code id@version} of the models that found and aligned the faces
 * @param created    when the gallery was created (ISO-8601)
 * @param createdBy  maskface version that created it
 */
public record GalleryInfo(String format, String method, String model, int dimension, Map<String, String> frontEnd,
                          String created, String createdBy) {

    public static final String FORMAT = "maskface-gallery/1";
    public static final String FILE = "gallery.json";

    public GalleryInfo {
        frontEnd = Map.copyOf(frontEnd);
    }

    /** A new gallery's description for vectors of {@code model}. */
    public static GalleryInfo of(String method, String model, int dimension, Map<String, String> frontEnd) {
        String version = GalleryInfo.class.getPackage().getImplementationVersion();
        return new GalleryInfo(FORMAT, method, model, dimension, frontEnd, Instant.now().toString(),
                "maskface " + (version == null ? "dev" : version));
    }

    /**
     * Throws when vectors described by {@code wanted} cannot be stored in or searched against
     * this gallery (different method, model or dimension).
     */
    public void requireCompatible(GalleryInfo wanted, Path dir) {
        List<String> differences = new java.util.ArrayList<>();
        if (!method.equals(wanted.method)) {
            differences.add("method '" + method + "' (asked: '" + wanted.method + "')");
        }
        if (!model.equals(wanted.model)) {
            differences.add("model " + model + " (asked: " + wanted.model + ")");
        }
        if (dimension != wanted.dimension) {
            differences.add("dimension " + dimension + " (asked: " + wanted.dimension + ")");
        }
        if (!differences.isEmpty()) {
            throw new GalleryException(GalleryException.Reason.MISMATCH, "gallery " + dir + " holds embeddings of "
                    + String.join(", ", differences) + "; embeddings of different models cannot be compared: "
                    + "use another --gallery for this method, or re-enroll");
        }
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("format", format);
        o.addProperty("method", method);
        o.addProperty("model", model);
        o.addProperty("dimension", dimension);
        JsonObject fe = new JsonObject();
        new TreeMap<>(frontEnd).forEach(fe::addProperty);
        o.add("frontEnd", fe);
        o.addProperty("created", created);
        o.addProperty("createdBy", createdBy);
        return o;
    }

    /** Writes {@code dir/gallery.json} atomically (a crash leaves the old file or the new one). */
    void write(Path dir) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().create().toJson(toJson()) + "\n",
                StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static GalleryInfo read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        JsonObject o;
        try {
            o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new GalleryException(GalleryException.Reason.CORRUPT, file + " is not a maskface gallery description: "
                    + e.getMessage());
        }
        String format = o.has("format") ? o.get("format").getAsString() : "";
        if (!FORMAT.equals(format)) {
            throw new GalleryException(GalleryException.Reason.CORRUPT, file + " has format '" + format
                    + "'; this maskface reads " + FORMAT);
        }
        Map<String, String> fe = new TreeMap<>();
        o.getAsJsonObject("frontEnd").entrySet().forEach(e -> fe.put(e.getKey(), e.getValue().getAsString()));
        return new GalleryInfo(format, o.get("method").getAsString(), o.get("model").getAsString(),
                o.get("dimension").getAsInt(), fe, o.get("created").getAsString(), o.get("createdBy").getAsString());
    }
}
