package org.maskface.nn;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a TensorFlow.js weights manifest ({@code *-weights_manifest.json}) and its binary shards.
 *
 * <p>Format: a JSON array of groups {@code {paths: [...], weights: [{name, shape, dtype,
 * quantization?}]}}. The shards of a group are concatenated in order and hold the tensors in
 * manifest order. A tensor with {@code quantization: {dtype: "uint8", scale, min}} is stored as
 * one byte per value and decodes as {@code min + scale * q}; otherwise float32/int32 are stored
 * little-endian, four bytes per value. This class is the only place that knows this layout.
 */
public final class TfjsWeights {

    /** One decoded tensor: values as floats (int32 tensors too) and the TF.js shape. */
    public record Tensor(String name, int[] shape, float[] values) {
        public int size() {
            return values.length;
        }

        @Override
        public String toString() {
            return name + Arrays.toString(shape);
        }
    }

    private final Map<String, Tensor> tensors;
    private final int quantizedCount;

    private TfjsWeights(Map<String, Tensor> tensors, int quantizedCount) {
        this.tensors = Collections.unmodifiableMap(tensors);
        this.quantizedCount = quantizedCount;
    }

    /** Loads the manifest and the shards it names (resolved beside the manifest). */
    public static TfjsWeights load(Path manifest) throws IOException {
        JsonArray groups;
        try (Reader reader = Files.newBufferedReader(manifest)) {
            groups = JsonParser.parseReader(reader).getAsJsonArray();
        } catch (NoSuchFileException e) {
            throw new IOException("weights manifest not found: " + manifest, e);
        } catch (RuntimeException e) {
            throw new IOException("not a TF.js weights manifest: " + manifest + " (" + e.getMessage() + ")", e);
        }
        Path dir = manifest.toAbsolutePath().getParent();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        int quantized = 0;
        for (JsonElement g : groups) {
            JsonObject group = g.getAsJsonObject();
            byte[] data = readShards(dir, group.getAsJsonArray("paths"));
            ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonElement w : group.getAsJsonArray("weights")) {
                JsonObject spec = w.getAsJsonObject();
                Tensor t = decode(spec, buf, manifest);
                if (spec.has("quantization")) {
                    quantized++;
                }
                tensors.put(t.name(), t);
            }
            if (buf.hasRemaining()) {
                throw new IOException(manifest + ": " + buf.remaining() + " bytes left after the last tensor");
            }
        }
        return new TfjsWeights(tensors, quantized);
    }

    /** Decodes one tensor; visible for tests that build manifests by hand. */
    static Tensor decode(JsonObject spec, ByteBuffer buf, Path manifestForMessages) throws IOException {
        String name = spec.get("name").getAsString();
        JsonArray shapeJson = spec.getAsJsonArray("shape");
        int[] shape = new int[shapeJson.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeJson.get(i).getAsInt();
            count *= shape[i];
        }
        String dtype = spec.get("dtype").getAsString();
        float[] values = new float[Math.toIntExact(count)];
        if (spec.has("quantization")) {
            JsonObject q = spec.getAsJsonObject("quantization");
            String qType = q.get("dtype").getAsString();
            if (!qType.equals("uint8")) {
                throw new IOException(manifestForMessages + ": tensor " + name + " uses unsupported quantisation " + qType);
            }
            float scale = q.get("scale").getAsFloat();
            float min = q.get("min").getAsFloat();
            need(buf, values.length, name, manifestForMessages);
            for (int i = 0; i < values.length; i++) {
                values[i] = min + scale * (buf.get() & 0xFF);
            }
        } else if (dtype.equals("float32")) {
            need(buf, values.length * 4L, name, manifestForMessages);
            for (int i = 0; i < values.length; i++) {
                values[i] = buf.getFloat();
            }
        } else if (dtype.equals("int32")) {
            need(buf, values.length * 4L, name, manifestForMessages);
            for (int i = 0; i < values.length; i++) {
                values[i] = buf.getInt();
            }
        } else {
            throw new IOException(manifestForMessages + ": tensor " + name + " has unsupported dtype " + dtype);
        }
        return new Tensor(name, shape, values);
    }

    private static void need(ByteBuffer buf, long bytes, String name, Path manifest) throws IOException {
        if (buf.remaining() < bytes) {
            throw new IOException(manifest + ": weights file too short for tensor " + name
                    + " (needs " + bytes + " bytes, " + buf.remaining() + " left)");
        }
    }

    private static byte[] readShards(Path dir, JsonArray paths) throws IOException {
        byte[][] parts = new byte[paths.size()][];
        int total = 0;
        for (int i = 0; i < parts.length; i++) {
            Path shard = dir.resolve(paths.get(i).getAsString());
            try {
                parts[i] = Files.readAllBytes(shard);
            } catch (NoSuchFileException e) {
                throw new IOException("weights shard not found: " + shard, e);
            }
            total += parts[i].length;
        }
        byte[] all = new byte[total];
        int offset = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, offset, p.length);
            offset += p.length;
        }
        return all;
    }

    /** The tensor with this manifest name; fails loudly if the file lacks it or its shape is off. */
    public Tensor get(String name, int... expectedShape) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("weights have no tensor named " + name);
        }
        if (expectedShape.length > 0 && !Arrays.equals(expectedShape, t.shape())) {
            throw new IllegalArgumentException("tensor " + name + " has shape " + Arrays.toString(t.shape())
                    + ", expected " + Arrays.toString(expectedShape));
        }
        return t;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** How many tensors were stored uint8-quantised. */
    public int quantizedCount() {
        return quantizedCount;
    }
}
