package org.maskface.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.maskface.image.RgbImage;
import org.maskface.mask.MaskCategory;
import org.maskface.nn.DlibResNet;

/**
 * Training batches for recognizers distilled from the teacher (de-occlusion student, MEER): a few
 * people with a few faces each, so every batch holds positive pairs for the relational terms; each
 * face under a fresh synthetic mask (or none, by the clean fraction), mirrored half the time, with
 * the teacher's embedding of the unmasked photo and its person's centroid.
 */
public final class IdentityBatches {

    /**
     * One batch: the masked faces, what covers them, the same faces unmasked (mirrored alike), the
     * identity labels and, row by row, the teacher's embeddings and identity centroids.
     */
    public record Batch(List<RgbImage> faces, List<boolean[]> covered, List<RgbImage> clean, float[] labels,
                        float[] teacher, float[] centroids) {

        public int size() {
            return faces.size();
        }
    }

    private final long seed;
    private final int identities;
    private final int perIdentity;
    private final double cleanFraction;
    private final TeacherTargets targets;
    private final Map<String, float[]> centroids;
    private final Map<String, List<FaceCropSet.Crop>> people;
    private final List<String> names;
    private final Map<String, Integer> label = new HashMap<>();

    /**
     * Batches of {@code identities} people × {@code perIdentity} faces from the people of
     * {@code trainSet} with at least that many teacher-embedded faces; labels follow {@link #names}.
     *
     * @throws IllegalArgumentException when too few people have enough faces for one batch
     */
    public IdentityBatches(FaceCropSet trainSet, TeacherTargets targets, long seed, int identities, int perIdentity,
                           double cleanFraction) {
        this.seed = seed;
        this.identities = identities;
        this.perIdentity = perIdentity;
        this.cleanFraction = cleanFraction;
        this.targets = targets;
        this.centroids = targets.centroids(trainSet.crops());
        this.people = people(trainSet, targets, perIdentity);
        if (people.size() < identities) {
            throw new IllegalArgumentException("only " + people.size() + " people have " + perIdentity
                    + " faces with teacher embeddings; a batch needs " + identities);
        }
        this.names = List.copyOf(people.keySet());
        for (int i = 0; i < names.size(); i++) {
            label.put(names.get(i), i);
        }
    }

    /** The people drawn from, in label order. */
    public List<String> names() {
        return names;
    }

    /** The teacher's identity centroids of the training faces. */
    public Map<String, float[]> centroids() {
        return centroids;
    }

    /** Faces of the people drawn from. */
    public int faces() {
        return people.values().stream().mapToInt(List::size).sum();
    }

    /** Up to {@code n} faces of {@code heldOut} the teacher embedded, in order: a trainer's fixed check set. */
    public static List<FaceCropSet.Crop> checkFaces(FaceCropSet heldOut, TeacherTargets targets, int n) {
        return heldOut.crops().stream().filter(c -> targets.of(c.file()) != null).limit(n).toList();
    }

    /** People with at least {@code least} faces the teacher embedded, in a stable order. */
    private static Map<String, List<FaceCropSet.Crop>> people(FaceCropSet set, TeacherTargets targets, int least) {
        Map<String, List<FaceCropSet.Crop>> all = new LinkedHashMap<>();
        for (FaceCropSet.Crop c : set.crops()) {
            if (targets.of(c.file()) != null) {
                all.computeIfAbsent(c.identity(), k -> new ArrayList<>()).add(c);
            }
        }
        all.values().removeIf(faces -> faces.size() < least);
        return all;
    }

    /**
     * The batch of training step {@code step}, from its own generator (seeded by the recipe's seed
     * and the step) so the data depend neither on timing nor on resuming.
     */
    public Batch draw(int step) {
        Random r = new Random(seed * 7_919L + step);
        List<RgbImage> faces = new ArrayList<>();
        List<boolean[]> covered = new ArrayList<>();
        List<RgbImage> clean = new ArrayList<>();
        int n = identities * perIdentity;
        int d = DlibResNet.EMBEDDING_SIZE;
        float[] labels = new float[n];
        float[] teacher = new float[n * d];
        float[] centre = new float[n * d];
        Set<String> drawn = new HashSet<>();
        int k = 0;
        while (drawn.size() < identities) {
            String who = names.get(r.nextInt(names.size()));
            if (!drawn.add(who)) {
                continue;
            }
            List<FaceCropSet.Crop> mine = new ArrayList<>(people.get(who));
            Collections.shuffle(mine, r);
            for (FaceCropSet.Crop crop : mine.subList(0, perIdentity)) {
                MaskCategory category = MaskedFaceSamples.drawCategory(r, cleanFraction);
                MaskedFaceSamples.Sample sample = MaskedFaceSamples.make(crop, category, r.nextLong(), Augment.NONE);
                RgbImage image = sample.image();
                RgbImage unmasked = crop.image();
                boolean[] map = sample.covered();
                if (r.nextBoolean()) { // the teacher's embedding is mirror-averaged: a mirrored face has the same target
                    image = image.flipHorizontal();
                    unmasked = unmasked.flipHorizontal();
                    map = mirror(map, image.width());
                }
                faces.add(image);
                covered.add(map);
                clean.add(unmasked);
                labels[k] = label.get(who);
                System.arraycopy(targets.of(crop.file()), 0, teacher, k * d, d);
                System.arraycopy(centroids.get(who), 0, centre, k * d, d);
                k++;
            }
        }
        return new Batch(faces, covered, clean, labels, teacher, centre);
    }

    /** A {@code w}-wide coverage map mirrored left to right. */
    private static boolean[] mirror(boolean[] map, int w) {
        boolean[] out = new boolean[map.length];
        int h = map.length / w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = map[y * w + (w - 1 - x)];
            }
        }
        return out;
    }
}
