package org.maskface.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maskface.eval.ImageEmbeddings;
import org.maskface.face.FacePipeline;
import org.maskface.face.embed.TeacherEmbedder;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;

/**
 * What the frozen teacher says about the unmasked training faces: its embedding of each clean
 * photo (its own chip, mirror-averaged, as in evaluation), and per identity the centroid of those
 * embeddings (the soft instance loss's reference). Computing them takes minutes, so they are kept
 * in a cache file that records the models that made it.
 */
public final class TeacherTargets {

    private static final String MAGIC = "maskface-teacher-targets/1";

    private final Map<String, float[]> byFile;

    TeacherTargets(Map<String, float[]> byFile) {
        this.byFile = Map.copyOf(byFile);
    }

    /** The teacher's unit embedding of the clean photo {@code file} (a crop's {@code file()}), or null. */
    public float[] of(String file) {
        return byFile.get(file);
    }

    public int size() {
        return byFile.size();
    }

    /** Per identity of {@code crops}, the unit-length mean of its faces' teacher embeddings. */
    public Map<String, float[]> centroids(List<FaceCropSet.Crop> crops) {
        Map<String, float[]> sums = new LinkedHashMap<>();
        for (FaceCropSet.Crop c : crops) {
            float[] t = byFile.get(c.file());
            if (t == null) {
                continue;
            }
            float[] s = sums.computeIfAbsent(c.identity(), k -> new float[t.length]);
            for (int i = 0; i < t.length; i++) {
                s[i] += t[i];
            }
        }
        sums.values().forEach(org.maskface.face.embed.FaceEmbedder::normalize);
        return sums;
    }

    static String provenance() {
        return ModelCard.DLIB_RESNET.tag() + " " + TeacherEmbedder.METHOD + " " + FaceCropSet.provenance();
    }

    /** The targets of all the sets' photos, each set cached in its own file under {@code cacheDir}. */
    public static TeacherTargets cached(Path cacheDir, List<FaceCropSet> sets, ModelHub hub, int workers,
                                        boolean progress) throws Exception {
        Map<String, float[]> all = new HashMap<>();
        for (FaceCropSet set : sets) {
            int hash = set.crops().stream().map(FaceCropSet.Crop::file).toList().hashCode();
            String name = String.format("teacher-%d-%08x.targets", set.size(), hash);
            all.putAll(cached(cacheDir.resolve(name), set, hub, workers, progress).byFile);
        }
        return new TeacherTargets(all);
    }

    /** Loads the cache if it covers the crops' photos and was made by the same models, else computes and saves it. */
    static TeacherTargets cached(Path cache, FaceCropSet set, ModelHub hub, int workers, boolean progress)
            throws Exception {
        if (Files.isRegularFile(cache)) {
            try {
                TeacherTargets t = load(cache);
                if (set.crops().stream().allMatch(c -> t.byFile.containsKey(c.file()))) {
                    return t;
                }
            } catch (IOException e) {
                // stale or damaged: compute again below
            }
        }
        List<Path> photos = set.crops().stream().map(c -> Path.of(c.file())).toList();
        Map<Path, ImageEmbeddings.Entry> found = ImageEmbeddings.embed(photos, hub, TeacherEmbedder.METHOD, workers,
                true, ImageEmbeddings.ImageTransform.NONE, progress, FacePipeline.Options.BASIC);
        Map<String, float[]> byFile = new HashMap<>();
        found.forEach((p, e) -> {
            if (e.embedding() != null) {
                byFile.put(p.toString(), e.embedding());
            }
        });
        TeacherTargets t = new TeacherTargets(byFile);
        t.save(cache);
        return t;
    }

    void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeUTF(MAGIC);
            out.writeUTF(provenance());
            out.writeInt(byFile.size());
            for (var e : byFile.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float v : e.getValue()) {
                    out.writeFloat(v);
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    static TeacherTargets load(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException(file + ": not a teacher-targets file");
            }
            String made = in.readUTF();
            if (!provenance().equals(made)) {
                throw new IOException(file + ": made by " + made + ", not " + provenance());
            }
            int n = in.readInt();
            Map<String, float[]> byFile = new HashMap<>();
            for (int i = 0; i < n; i++) {
                String f = in.readUTF();
                float[] v = new float[in.readInt()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = in.readFloat();
                }
                byFile.put(f, v);
            }
            return new TeacherTargets(byFile);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated", e);
        }
    }
}
