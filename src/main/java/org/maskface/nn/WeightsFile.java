package org.maskface.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.maskface.model.ModelCard;

/**
 * maskface's own weights format (docs/weights-format.md): {@code NAME.json} describes the model
 * (id, version, architecture options, how it was trained) and lists every tensor (name, shape,
 * byte offset); {@code NAME.bin} holds the tensors as little-endian float32, back to back. Plain
 * enough to read from any language; the JSON records the model id and version so that a file
 * made by another model is refused instead of silently loaded.
 */
public final class WeightsFile {

    public static final String FORMAT = "maskface-weights/1";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private WeightsFile() {
    }

    /**
     * Writes every parameter of an initialised block (running statistics included).
     *
     * @param json    the {@code .json} path; the {@code .bin} goes beside it
     * @param details architecture options and training record stored as they are
     */
    public static void save(Block block, ModelCard card, JsonObject details, Path json) throws IOException {
        JsonArray tensors = new JsonArray();
        Path bin = binFor(json);
        Path parent = json.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        long offset = 0;
        try (OutputStream out = Files.newOutputStream(bin)) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray a = p.getValue().getArray();
                float[] values = a.toType(DataType.FLOAT32, false).toFloatArray();
                ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(values);
                out.write(buf.array());
                JsonObject t = new JsonObject();
                t.addProperty("name", p.getKey());
                JsonArray shape = new JsonArray();
                for (long d : a.getShape().getShape()) {
                    shape.add(d);
                }
                t.add("shape", shape);
                t.addProperty("offset", offset);
                tensors.add(t);
                offset += values.length * 4L;
            }
        }
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        JsonObject model = new JsonObject();
        model.addProperty("id", card.id());
        model.addProperty("version", card.version());
        model.addProperty("description", card.description());
        o.add("model", model);
        o.addProperty("dtype", "float32");
        o.addProperty("byteOrder", "little-endian");
        o.addProperty("data", bin.getFileName().toString());
        o.addProperty("bytes", offset);
        o.add("details", details == null ? new JsonObject() : details.deepCopy());
        o.add("tensors", tensors);
        Files.writeString(json, GSON.toJson(o) + "\n", StandardCharsets.UTF_8);
    }

    /** The description part of a weights file (model, details), without loading tensors. */
    public static JsonObject header(Path json) throws IOException {
        if (!Files.isRegularFile(json)) {
            throw new IOException("weights file not found: " + json);
        }
        try {
            JsonObject o = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8)).getAsJsonObject();
            if (!o.has("format") || !FORMAT.equals(o.get("format").getAsString())) {
                throw new IOException(json + ": not a " + FORMAT + " file (format " + o.get("format") + ")");
            }
            return o;
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(json + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Copies the stored tensors into an initialised block's parameters; every parameter must be
     * present with the same shape.
     *
     * @throws IOException when the file is missing, truncated, made by another model (id or
     *                     version differ from {@code card}) or does not fit the block
     */
    public static JsonObject load(Block block, ModelCard card, Path json) throws IOException {
        JsonObject o = header(json);
        JsonObject model = o.getAsJsonObject("model");
        String id = model.get("id").getAsString();
        String version = model.get("version").getAsString();
        if (!card.id().equals(id) || !card.version().equals(version)) {
            throw new IOException(json + " holds " + id + "@" + version + ", expected " + card.tag());
        }
        Path bin = json.resolveSibling(o.get("data").getAsString());
        byte[] bytes = Files.readAllBytes(bin);
        if (bytes.length != o.get("bytes").getAsLong()) {
            throw new IOException(bin + ": " + bytes.length + " bytes, the manifest says " + o.get("bytes").getAsLong());
        }
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, JsonObject> byName = new HashMap<>();
        for (JsonElement e : o.getAsJsonArray("tensors")) {
            byName.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject());
        }
        for (Pair<String, Parameter> p : block.getParameters()) {
            JsonObject t = byName.remove(p.getKey());
            if (t == null) {
                throw new IOException(json + ": no tensor " + p.getKey());
            }
            JsonArray dims = t.getAsJsonArray("shape");
            long[] shape = new long[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = dims.get(i).getAsLong();
            }
            NDArray target = p.getValue().getArray();
            if (!target.getShape().equals(new Shape(shape))) {
                throw new IOException(json + ": tensor " + p.getKey() + " has shape " + new Shape(shape)
                        + ", the model needs " + target.getShape());
            }
            float[] values = new float[(int) target.size()];
            data.position((int) t.get("offset").getAsLong());
            data.asFloatBuffer().get(values);
            target.set(values);
        }
        if (!byName.isEmpty()) {
            throw new IOException(json + ": tensors the model does not have: " + byName.keySet());
        }
        return o;
    }

    /** {@code NAME.json} → {@code NAME.bin}. */
    public static Path binFor(Path json) {
        String name = json.getFileName().toString();
        return json.resolveSibling((name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + ".bin");
    }
}
