package org.maskface.eval;

import java.nio.file.Path;
import java.util.Map;
import org.maskface.eval.ImageEmbeddings.Entry;
import org.maskface.eval.ImageEmbeddings.ImageTransform;
import org.maskface.eval.ImageEmbeddings.Source;
import org.maskface.face.Face;
import org.maskface.mask.MaskCategory;
import org.maskface.mask.PhotoMasker;

/**
 * How the benchmarks put synthetic masks on photos: the mask is placed from the face found in the
 * clean photo and seeded by the run seed and the image's file name, so every method and every
 * run sees the same masked images.
 */
public final class SyntheticMasking {

    private SyntheticMasking() {
    }

    /** The per-image mask seed: fixed by the run seed and the image's file name. */
    static long maskSeed(long seed, Path image) {
        return seed * 1_000_003L + image.getFileName().toString().hashCode();
    }

    /**
     * Masks the largest face of the clean photo (or, if none is found, the face the whole crop
     * shows). {@code cleanFaces} holds where a clean pass found each image's face, so the photo
     * is not searched a second time; images missing from it are searched here.
     */
    static ImageTransform transform(MaskCategory category, long seed, Map<Path, Entry> cleanFaces) {
        return (file, image, pipeline) -> {
            Entry known = cleanFaces.get(file);
            Face face;
            if (known != null && known.landmarks() != null) {
                face = pipeline.faceAt(image, known.box(), known.landmarks(), known.source() == Source.WHOLE_IMAGE ? -1 : 0);
            } else {
                face = pipeline.largestFaceOrWholeImage(image);
            }
            return PhotoMasker.mask(image, face, category, maskSeed(seed, file)).image();
        };
    }

    /** As {@link #transform(MaskCategory, long, Map)} without a clean pass to reuse. */
    public static ImageTransform transform(MaskCategory category, long seed) {
        return transform(category, seed, Map.of());
    }
}
