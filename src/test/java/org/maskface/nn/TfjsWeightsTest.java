package org.maskface.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfjsWeightsTest {

    @TempDir
    Path dir;

    /** A manifest with a uint8-quantised tensor, a float32 and an int32 one, split over two shards. */
    private Path writeManifest(byte[] shard1, byte[] shard2) throws IOException {
        Files.writeString(dir.resolve("m-weights_manifest.json"), """
                [{"paths": ["m-shard1", "m-shard2"], "weights": [
                  {"name": "q", "shape": [2, 2], "dtype": "float32",
                   "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1.0}},
                  {"name": "f", "shape": [3], "dtype": "float32"},
                  {"name": "i", "shape": [], "dtype": "int32"}
                ]}]
                """);
        Files.write(dir.resolve("m-shard1"), shard1);
        Files.write(dir.resolve("m-shard2"), shard2);
        return dir.resolve("m-weights_manifest.json");
    }

    private static byte[] floatsAndInt(float[] f, int i) {
        ByteBuffer b = ByteBuffer.allocate(f.length * 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : f) {
            b.putFloat(v);
        }
        b.putInt(i);
        return b.array();
    }

    @Test
    void dequantisesUint8AndReadsLittleEndianAcrossShards() throws IOException {
        byte[] all = new byte[4 + 16];
        byte[] q = {0, 1, 2, (byte) 255};
        System.arraycopy(q, 0, all, 0, 4);
        System.arraycopy(floatsAndInt(new float[] {1.5f, -2.25f, 3e-3f}, 42), 0, all, 4, 16);
        // split in the middle of the float tensor: shards are one byte stream
        byte[] s1 = java.util.Arrays.copyOfRange(all, 0, 9);
        byte[] s2 = java.util.Arrays.copyOfRange(all, 9, all.length);
        TfjsWeights w = TfjsWeights.load(writeManifest(s1, s2));

        // value = min + scale * q
        assertArrayEquals(new float[] {-1f, -0.5f, 0f, 126.5f}, w.get("q", 2, 2).values());
        assertArrayEquals(new float[] {1.5f, -2.25f, 3e-3f}, w.get("f", 3).values());
        assertArrayEquals(new float[] {42f}, w.get("i").values());
        assertEquals(1, w.quantizedCount());
    }

    @Test
    void rejectsShortFilesExtraBytesAndWrongShapes() throws IOException {
        Path m = writeManifest(new byte[] {0, 1, 2, 3}, new byte[] {0, 0});
        IOException shortFile = assertThrows(IOException.class, () -> TfjsWeights.load(m));
        assertTrue(shortFile.getMessage().contains("too short for tensor f"), shortFile.getMessage());

        Path extra = writeManifest(new byte[4], new byte[20]);
        assertThrows(IOException.class, () -> TfjsWeights.load(extra));

        Path ok = writeManifest(new byte[4], new byte[16]);
        TfjsWeights w = TfjsWeights.load(ok);
        assertThrows(IllegalArgumentException.class, () -> w.get("q", 4));
        assertThrows(IllegalArgumentException.class, () -> w.get("missing"));
    }

    @Test
    void missingManifestOrShardNamesThePath() {
        IOException e = assertThrows(IOException.class, () -> TfjsWeights.load(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("nope.json"));
    }

    @Test
    void shippedRecognitionModelHasTheDocumentedLayout() throws IOException {
        TfjsWeights w = TfjsWeights.load(Path.of("models/face-api/face_recognition_model-weights_manifest.json"));
        assertEquals(117, w.tensors().size());
        assertEquals(109, w.quantizedCount());
        assertArrayEquals(new int[] {7, 7, 3, 32}, w.get("conv32_down/conv/filters").shape());
        assertArrayEquals(new int[] {256, 128}, w.get("fc").shape());
    }
}
