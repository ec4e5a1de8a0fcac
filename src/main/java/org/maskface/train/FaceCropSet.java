package org.maskface.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.maskface.eval.Workers;
import org.maskface.face.Face;
import org.maskface.face.FacePipeline;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.mask.MaskSynthesizer;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;

/**
 * Aligned training faces: for each photo, the 112×112 crop the pipeline makes and its 68
 * landmarks in crop coordinates (what mask synthesis needs), with the identity it belongs to.
 * Running the detector over thousands of photos takes minutes, so a set is built once and kept
 * in a cache file; the file records the models that made it and is rebuilt when they change.
 */
public final class FaceCropSet {

    /** One aligned face. {@code detected} is false when the whole photo was taken as the face. */
    public record Crop(String file, String identity, RgbImage image, float[][] landmarks, boolean detected) {
    }

    private static final String MAGIC = "maskface-crops/1";

    private final List<Crop> crops;

    public FaceCropSet(List<Crop> crops) {
        this.crops = List.copyOf(crops);
    }

    public List<Crop> crops() {
        return crops;
    }

    public int size() {
        return crops.size();
    }

    /**
     * Which models made the crops: the cache is valid only for the same ones. Training faces are
     * clean photos aligned by the basic front end, so they never depend on a model trained from them.
     */
    static String provenance() {
        return ModelCard.FACE_DETECTOR.tag() + " " + ModelCard.LANDMARKS_68.tag() + " aligned-arcface-112";
    }

    /**
     * Runs the pipeline over {@code images} (largest face; the whole photo when none is found, as
     * for LFW's tight crops). Unreadable images are left out.
     *
     * @param identityOf the identity of a file, e.g. its folder name
     */
    public static FaceCropSet build(List<Path> images, java.util.function.Function<Path, String> identityOf,
                                    ModelHub hub, int workers, boolean progress) throws Exception {
        Map<Path, Crop> out = new ConcurrentHashMap<>();
        Workers.run(images, workers, "align faces", progress, () -> new FacePipeline(hub, FacePipeline.Options.BASIC), (p, pipeline) -> {
            RgbImage image;
            try {
                image = ImageLoader.load(p);
            } catch (IOException e) {
                return;
            }
            Face face = pipeline.largestFaceOrWholeImage(image);
            out.put(p, new Crop(p.toString(), identityOf.apply(p), face.aligned().crop(),
                    MaskSynthesizer.landmarksInCrop(face), face.detected()));
        });
        List<Crop> ordered = new ArrayList<>();
        for (Path p : images) {
            Crop c = out.get(p);
            if (c != null) {
                ordered.add(c);
            }
        }
        return new FaceCropSet(ordered);
    }

    /** Loads {@code cache} if it was made from the same images by the same models, else builds and saves it. */
    public static FaceCropSet cached(Path cache, List<Path> images, java.util.function.Function<Path, String> identityOf,
                                     ModelHub hub, int workers, boolean progress) throws Exception {
        if (Files.isRegularFile(cache)) {
            try {
                FaceCropSet set = load(cache);
                List<String> want = images.stream().map(Path::toString).toList();
                List<String> have = set.crops.stream().map(Crop::file).toList();
                if (want.containsAll(have) && have.size() >= want.size() * 0.95) {
                    return set;
                }
            } catch (IOException e) {
                // stale or damaged cache: rebuild below
            }
        }
        FaceCropSet set = build(images, identityOf, hub, workers, progress);
        set.save(cache);
        return set;
    }

    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeUTF(MAGIC);
            out.writeUTF(provenance());
            out.writeInt(crops.size());
            for (Crop c : crops) {
                out.writeUTF(c.file());
                out.writeUTF(c.identity());
                out.writeBoolean(c.detected());
                out.writeInt(c.image().width());
                out.writeInt(c.image().height());
                out.write(c.image().data());
                out.writeInt(c.landmarks().length);
                for (float[] p : c.landmarks()) {
                    out.writeFloat(p[0]);
                    out.writeFloat(p[1]);
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public static FaceCropSet load(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException(file + ": not a face crop set");
            }
            String made = in.readUTF();
            if (!provenance().equals(made)) {
                throw new IOException(file + ": made by " + made + ", not " + provenance());
            }
            int n = in.readInt();
            List<Crop> crops = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String f = in.readUTF();
                String id = in.readUTF();
                boolean detected = in.readBoolean();
                int w = in.readInt();
                int h = in.readInt();
                byte[] rgb = new byte[w * h * 3];
                in.readFully(rgb);
                float[][] pts = new float[in.readInt()][2];
                for (float[] p : pts) {
                    p[0] = in.readFloat();
                    p[1] = in.readFloat();
                }
                crops.add(new Crop(f, id, new RgbImage(w, h, rgb), pts, detected));
            }
            return new FaceCropSet(crops);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated", e);
        }
    }
}
